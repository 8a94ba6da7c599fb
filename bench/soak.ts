/**
 * Soak: the real server (`kakunin serve` in its own process, temp SQLite file, 127.0.0.1 only)
 * with Slack on against a local fake, fed 200 corpus reports/s (each a new externalId) by
 * autocannon for SOAK_SECONDS. Prints errors (expected: 0), p50/p99 latency, the server's
 * resident memory (VmRSS) at start and end (and the peak of 1 s samples), and whether the
 * outbox kept up (cards posted, deliveries still pending after a short drain).
 *
 * Duration: SOAK_SECONDS if set; otherwise 300 s when the soak is asked for by name
 * (`npm run bench -- soak`) and 30 s inside the full `npm run bench`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { LeanFakeSlack } from '../scripts/lib/fake-slack.ts';
import { corpusReports, provisionDatabase, rssKiB, spawnServer } from '../scripts/lib/server-process.ts';

const RATE = 200;
const CONNECTIONS = 20;

/** How long to soak and why (printed). */
export function soakSeconds(env: Record<string, string | undefined>, names: string[]): { seconds: number; why: string } {
  const set = env.SOAK_SECONDS;
  if (set !== undefined && set !== '') {
    const s = Number(set);
    if (!Number.isFinite(s) || s <= 0 || s > 24 * 3600) throw new Error(`SOAK_SECONDS must be a number of seconds between 1 and 86400, not ${set}`);
    return { seconds: s, why: 'SOAK_SECONDS' };
  }
  return names.includes('soak') ? { seconds: 300, why: 'default for `npm run bench -- soak`' } : { seconds: 30, why: 'short default inside the full bench; set SOAK_SECONDS for more' };
}

const mib = (kib: number | null) => (kib === null ? 'n/a' : `${(kib / 1024).toFixed(0)} MiB`);

/** Runs the soak and prints its numbers. */
export async function runSoakBench(opts: { seconds: number; why: string }): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-soak-'));
  const dbFile = path.join(dir, 'soak.db');
  const fake = await new LeanFakeSlack().start();
  const token = await provisionDatabase(dbFile);
  const server = await spawnServer({
    DATABASE_URL: `file:${dbFile}`,
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: 'soak-signing-secret',
    SLACK_CHANNEL_ID: 'C0SOAK',
    SLACK_API_URL: fake.url,
    CONSOLE_NOTIFIER: 'false',
    DELIVERY_POLL_MS: '1000',
  });
  const samples: number[] = [];
  const sampler = setInterval(() => {
    const r = rssKiB(server.pid);
    if (r !== null) samples.push(r);
  }, 1000);
  try {
    const rssStart = rssKiB(server.pid);
    const templates = corpusReports().map((r) => {
      const [a, b] = JSON.stringify({ ...r, externalId: '@ID@' }).split('@ID@');
      return [a!, b!] as const;
    });
    let n = 0;
    console.log(`soak: ${opts.seconds} s (${opts.why}) at ${RATE} reports/s, ${CONNECTIONS} connections, server pid ${server.pid} on ${server.url}`);
    const result = await autocannon({
      url: `${server.url}/api/reports`,
      connections: CONNECTIONS,
      overallRate: RATE,
      duration: opts.seconds,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          setupRequest: (req) => {
            n += 1;
            const [a, b] = templates[n % templates.length]!;
            return { ...req, body: `${a}soak-${n}${b}` };
          },
        },
      ],
    });
    const rssEnd = rssKiB(server.pid);
    // Let the outbox finish what the last seconds queued.
    const ro = new Database(dbFile, { readonly: true });
    const pending = () => (ro.prepare("select count(*) n from deliveries where status = 'pending'").get() as { n: number }).n;
    const drainUntil = Date.now() + 30_000;
    while (pending() > 0 && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 200));
    const stored = (ro.prepare('select count(*) n from reports').get() as { n: number }).n;
    const dead = (ro.prepare("select count(*) n from deliveries where status = 'dead'").get() as { n: number }).n;
    const left = pending();
    ro.close();
    const errors = result.errors + result.timeouts + result.non2xx;
    console.log(`requests ${result.requests.total} (${result.requests.average.toFixed(0)}/s), stored ${stored}, errors ${errors} (non-2xx ${result.non2xx}, socket ${result.errors}, timeouts ${result.timeouts})`);
    console.log(`latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`server RSS start ${mib(rssStart)}, end ${mib(rssEnd)}, peak ${mib(samples.length ? Math.max(...samples) : null)}`);
    console.log(`Slack: ${fake.count('chat.postMessage')} cards posted, ${fake.count('chat.update')} updates; deliveries pending after drain ${left}, dead ${dead}`);
    console.log(errors === 0 && left === 0 && dead === 0 ? 'soak OK: zero errors, outbox drained' : 'soak FAILED: see errors/pending above');
  } finally {
    clearInterval(sampler);
    await server.stop();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
