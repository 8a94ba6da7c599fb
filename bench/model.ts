/**
 * Wording-model cost on one core, over every message of the development corpus (all companies):
 * the engine's text preparation alone, then with the model's probability (what scoring needs for
 * every message), then with the full assessment (probability + evidence, needed only when the
 * signal is shown), and detection with and without the probability. Prints µs per message; the
 * model's own cost is the difference from the line above it.
 */
import path from 'node:path';
import { detect } from '../src/detection/engine.ts';
import { readCorpora } from '../src/detection/model/corpus.ts';
import { defaultModel, modelAssessment, modelFraudProbability } from '../src/detection/model/index.ts';
import { prepareText } from '../src/detection/text.ts';
import { emptyDirectory } from '../src/domain/directory.ts';
import type { Report } from '../src/domain/report.ts';

const ROOT = path.resolve(import.meta.dirname, '../examples/corpus');

function perMessage(reports: Report[], rounds: number, work: (r: Report) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) for (const r of reports) if (work(r)) sink++;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return ns / 1000 / (reports.length * rounds);
}

/** The wording-model benchmark. */
export async function runModelBench(): Promise<void> {
  const reports = readCorpora(ROOT).flatMap((c) => c.lines.map((l) => l.report));
  const rounds = Number(process.env.KAKUNIN_BENCH_ROUNDS ?? 100);
  defaultModel();
  const works: [string, (r: Report) => unknown][] = [
    ['prepareText', (r) => prepareText(r.message.body)],
    ['prepareText + probability', (r) => modelFraudProbability(r, prepareText(r.message.body)) >= 0],
    ['prepareText + assessment', (r) => modelAssessment(r, prepareText(r.message.body)).evidence],
    ['prepareText + assessment, always explained', (r) => modelAssessment(r, prepareText(r.message.body), { explain: 'always' }).evidence],
    ['detect', (r) => detect(r, emptyDirectory)],
    ['detect + prepareText + probability', (r) => detect(r, emptyDirectory) && modelFraudProbability(r, prepareText(r.message.body)) >= 0],
  ];
  for (const [, work] of works) perMessage(reports, 10, work);
  console.log(`messages: ${reports.length} × ${rounds} rounds (every company of examples/corpus)`);
  for (const [name, work] of works) {
    const us = perMessage(reports, rounds, work);
    console.log(`${name.padEnd(38)} ${us.toFixed(1).padStart(7)} µs/msg  ${Math.round(1e6 / us).toLocaleString('en-US').padStart(9)} msg/s`);
  }
}
