/**
 * Wording-model cost on one core, over every message of the development corpus (all companies).
 * The model runs on the text detection has already prepared, so its cost is measured on prepared
 * texts: the probability (what scoring needs for every message), the assessment as scoring would
 * ask for it (explained only at or above the supporting threshold), and always explained; with
 * detection and text preparation alone for scale. Prints µs per message, best and median of
 * interleaved passes (the best is the cost on a quiet core; the median what this machine gave).
 */
import path from 'node:path';
import { detect } from '../src/detection/engine.ts';
import { readCorpora } from '../src/detection/model/corpus.ts';
import { defaultModel, modelAssessment, modelFraudProbability } from '../src/detection/model/index.ts';
import { prepareText } from '../src/detection/text.ts';
import { emptyDirectory } from '../src/domain/directory.ts';

const ROOT = path.resolve(import.meta.dirname, '../examples/corpus');

/** µs per message of one pass of `work` over message indices 0…n-1. */
function onePass(n: number, work: (i: number) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (work(i)) sink++;
  const ns = Number(process.hrtime.bigint() - start);
  if (sink < 0) console.log(sink);
  return ns / 1000 / n;
}

/** The wording-model benchmark. */
export async function runModelBench(): Promise<void> {
  const reports = readCorpora(ROOT).flatMap((c) => c.lines.map((l) => l.report));
  const texts = reports.map((r) => prepareText(r.message.body));
  const rounds = Number(process.env.KAKUNIN_BENCH_ROUNDS ?? 40);
  const model = defaultModel();
  const explained = texts.filter((t, i) => modelFraudProbability(reports[i]!, t) >= model.file.thresholds.supporting).length;
  const works: [string, (i: number) => unknown][] = [
    ['detect (for scale)', (i) => detect(reports[i]!, emptyDirectory)],
    ['prepareText (for scale)', (i) => prepareText(reports[i]!.message.body)],
    ['model probability', (i) => modelFraudProbability(reports[i]!, texts[i]!) >= 0],
    ['model assessment (explained ≥ supporting)', (i) => modelAssessment(reports[i]!, texts[i]!).evidence],
    ['model assessment (always explained)', (i) => modelAssessment(reports[i]!, texts[i]!, { explain: 'always' }).evidence],
  ];
  for (const [, work] of works) for (let k = 0; k < 5; k++) onePass(reports.length, work);
  const times = works.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) works.forEach(([, work], k) => times[k]!.push(onePass(reports.length, work)));
  console.log(`messages: ${reports.length} (every company of examples/corpus; ${explained} at or above the supporting threshold), ${rounds} interleaved passes`);
  console.log(`${''.padEnd(44)} ${'best'.padStart(8)} ${'median'.padStart(8)}  µs/msg`);
  works.forEach(([name], k) => {
    const sorted = [...times[k]!].sort((a, b) => a - b);
    const best = sorted[0]!;
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`${name.padEnd(44)} ${best.toFixed(1).padStart(8)} ${median.toFixed(1).padStart(8)}`);
  });
}
