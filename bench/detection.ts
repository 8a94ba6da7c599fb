/**
 * Detection throughput on one core: every message of the dev corpus, many rounds, against a
 * baseline that only NFKC-normalises the same messages in the same run. Prints messages/s,
 * p50/p99 per-message latency and the time ratio (target: ≥ 20,000 msg/s, ≤ 5× the baseline).
 */
import fs from 'node:fs';
import path from 'node:path';
import { readDirectoryFile } from '../src/ledger/file.ts';
import { ruleSet } from '../rules/index.ts';
import { createDetector } from '../src/detection/engine.ts';
import { emptyDirectory, type Directory } from '../src/domain/directory.ts';
import { reportSchema, type Report } from '../src/domain/report.ts';

/** Every rule in rules/index.ts. */
const detect = createDetector(ruleSet);

const CORPUS = process.env.KAKUNIN_BENCH_CORPUS ?? path.resolve(import.meta.dirname, '../examples/corpus/shiomi-foodlink');

function loadCorpus(): { reports: Report[]; directory: Directory } {
  const file = path.join(CORPUS, 'corpus.jsonl');
  if (!fs.existsSync(file)) throw new Error(`no corpus at ${file} (set KAKUNIN_BENCH_CORPUS)`);
  const reports = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => reportSchema.parse((JSON.parse(l) as { report: unknown }).report));
  const dirFile = path.join(CORPUS, 'directory.json');
  return { reports, directory: fs.existsSync(dirFile) ? readDirectoryFile(dirFile) : emptyDirectory };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

interface Measured {
  perSecond: number;
  p50: number;
  p99: number;
  totalMs: number;
}

function measure(reports: Report[], rounds: number, work: (r: Report) => unknown): Measured {
  const n = reports.length * rounds;
  const latencies = new Float64Array(n);
  let sink = 0;
  const start = process.hrtime.bigint();
  let i = 0;
  for (let round = 0; round < rounds; round++) {
    for (const r of reports) {
      const t0 = process.hrtime.bigint();
      const out = work(r);
      latencies[i++] = Number(process.hrtime.bigint() - t0) / 1e6;
      if (out) sink++;
    }
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (sink < 0) console.log(sink);
  latencies.sort();
  return { perSecond: (n / totalMs) * 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99), totalMs };
}

/** The detection benchmark. */
export async function runDetectionBench(): Promise<void> {
  const { reports, directory } = loadCorpus();
  const rounds = Number(process.env.KAKUNIN_BENCH_ROUNDS ?? 300);
  const baselineWork = (r: Report): string => r.message.body.normalize('NFKC');
  const detectWork = (r: Report): unknown => detect(r, directory);
  // Warm up both paths so the JIT has compiled them before timing.
  measure(reports, 20, baselineWork);
  measure(reports, 20, detectWork);
  const baseline = measure(reports, rounds, baselineWork);
  const detection = measure(reports, rounds, detectWork);
  const fmt = (m: Measured): string => `${Math.round(m.perSecond).toLocaleString('en-US')} msg/s, p50 ${(m.p50 * 1000).toFixed(1)} µs, p99 ${(m.p99 * 1000).toFixed(1)} µs`;
  console.log(`messages: ${reports.length} × ${rounds} rounds`);
  console.log(`baseline (NFKC only): ${fmt(baseline)}`);
  console.log(`detection:            ${fmt(detection)}`);
  console.log(`ratio detection/baseline time: ${(detection.totalMs / baseline.totalMs).toFixed(2)}×`);
  console.log(`targets: ≥ 20,000 msg/s ${detection.perSecond >= 20_000 ? 'met' : 'MISSED'}; ≤ 5× baseline ${detection.totalMs / baseline.totalMs <= 5 ? 'met' : 'MISSED'}`);
}
