/**
 * Intake throughput: the real server (bench/intake-server.ts, its own process: temp SQLite file,
 * 127.0.0.1, ephemeral port) under autocannon at 50 connections against `POST /api/reports` with
 * the dev corpus's messages (each request a new externalId), and, in the same run, against a
 * reference route that only parses the JSON and inserts one row. Prints requests/s, p99, ratio.
 * A third run, "detection only", does everything intake does before storage (body limit, token,
 * validation, detection, the same answer) and inserts one row: the ceiling for intake.
 * Target: ratio ≥ 0.5, p99 ≤ 50 ms. `BENCH_SECONDS` changes the 10 s per side.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 2;
const WARMUP: [string, string][] = [
  ['/bench/reference', 'warm-ref'],
  ['/api/bench/detect-only', 'warm-detect'],
  ['/api/reports', 'warm-intake'],
];

/** Each corpus report as JSON split around its externalId, so a request body costs one concat. */
function bodyTemplates(): [string, string][] {
  const file = path.resolve(import.meta.dirname, '../examples/corpus/shiomi-foodlink/corpus.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const json = JSON.stringify({ ...(JSON.parse(l) as { report: object }).report, externalId: '@ID@' });
      const [a, b] = json.split('@ID@');
      return [a!, b!];
    });
}

async function load(url: string, token: string, templates: [string, string][], label: string, seconds = SECONDS) {
  let n = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => {
          n += 1;
          const [a, b] = templates[n % templates.length]!;
          return { ...req, body: `${a}${label}-${n}${b}` };
        },
      },
    ],
  });
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total, errors: result.errors + result.timeouts + result.non2xx };
}

/** Runs both sides against one server process and prints the comparison. */
export async function runIntakeBench(): Promise<void> {
  const child = fork(path.join(import.meta.dirname, 'intake-server.ts'), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const { url, token } = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { url: string; token: string }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  try {
    const templates = bodyTemplates();
    // Warm-up (not measured): each route's code compiled by the JIT and the database past its
    // first pages, so the runs below measure the steady state, not the first second.
    for (const [route, label] of WARMUP) await load(`${url}${route}`, token, templates, label, WARMUP_SECONDS);
    const ref = await load(`${url}/bench/reference`, token, templates, 'ref');
    const ceiling = await load(`${url}/api/bench/detect-only`, token, templates, 'detect');
    const intake = await load(`${url}/api/reports`, token, templates, 'intake');
    const row = (name: string, r: typeof ref) =>
      `${name.padEnd(24)} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(4)} ms   ${r.total} requests, ${r.errors} errors`;
    console.log(`${CONNECTIONS} connections, ${SECONDS} s each, ${templates.length} corpus messages, server in its own process`);
    console.log(row('reference (parse+insert)', ref));
    console.log(row('detection only', ceiling));
    console.log(row('POST /api/reports', intake));
    console.log(`detection only / reference ${(ceiling.rps / ref.rps).toFixed(2)}: the most intake could reach with storage free`);
    console.log(`POST /api/reports / detection only ${(intake.rps / ceiling.rps).toFixed(2)}: intake's storage against a one-row insert, the rest equal`);
    console.log(`ratio ${(intake.rps / ref.rps).toFixed(2)} (target ≥ 0.5), p99 ${intake.p99} ms (target ≤ 50 ms)`);
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
}
