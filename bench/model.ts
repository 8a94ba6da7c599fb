/**
 * Wording-model cost on one core, over every message of the development corpus (all companies).
 * The model runs on the text detection has already prepared, so its cost is measured on prepared
 * texts: the probability (what scoring needs for every message), the assessment as scoring would
 * ask for it (explained only at or above the supporting threshold), and always explained; with
 * detection and text preparation alone for scale, and detection followed by the assessment (the
 * text prepared twice: wired into detect, the difference from the detect line less prepareText). Prints µs per message: per chunk of 20 messages
 * the best and the median of interleaved rounds, summed (the best is the cost on a quiet core, the
 * median what this machine gave; other processes share its cores).
 */
import path from 'node:path';
import { ruleSet } from '../rules/index.ts';
import { createDetector } from '../src/detection/engine.ts';
import { readCorpora } from '../src/detection/model/corpus.ts';
import { defaultModel, modelAssessment, modelFraudProbability } from '../src/detection/model/index.ts';
import { prepareText } from '../src/detection/text.ts';
import { emptyDirectory } from '../src/domain/directory.ts';

/** Every rule in rules/index.ts. */
const detect = createDetector(ruleSet);

const ROOT = path.resolve(import.meta.dirname, '../examples/corpus');

/** Messages per timed chunk: short enough that some pass over it runs undisturbed. */
const CHUNK = 20;

/**
 * Per variant, the best and the median time of every chunk over `rounds` interleaved passes,
 * summed over the chunks: µs per message on a quiet core, and as this machine gave it.
 */
function measure(n: number, rounds: number, works: ((i: number) => unknown)[]): { best: number; median: number }[] {
  const chunks = Math.ceil(n / CHUNK);
  const times = works.map(() => Array.from({ length: chunks }, () => [] as number[]));
  let sink = 0;
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < chunks; c++) {
      works.forEach((work, k) => {
        const start = process.hrtime.bigint();
        for (let i = c * CHUNK; i < Math.min(n, (c + 1) * CHUNK); i++) if (work(i)) sink++;
        times[k]![c]!.push(Number(process.hrtime.bigint() - start));
      });
    }
  }
  if (sink < 0) console.log(sink);
  return times.map((perChunk) => {
    let best = 0;
    let median = 0;
    for (const t of perChunk) {
      const sorted = [...t].sort((a, b) => a - b);
      best += sorted[0]!;
      median += sorted[Math.floor(sorted.length / 2)]!;
    }
    return { best: best / 1000 / n, median: median / 1000 / n };
  });
}

/** The wording-model benchmark. */
export async function runModelBench(): Promise<void> {
  const reports = readCorpora(ROOT).flatMap((c) => c.lines.map((l) => l.report));
  const texts = reports.map((r) => prepareText(r.message.body));
  const rounds = Number(process.env.KAKUNIN_BENCH_ROUNDS ?? 30);
  const model = defaultModel();
  const explained = texts.filter((t, i) => modelFraudProbability(reports[i]!, t) >= model.file.thresholds.supporting).length;
  const works: [string, (i: number) => unknown][] = [
    ['detect (for scale)', (i) => detect(reports[i]!, emptyDirectory)],
    ['detect + prepareText + model assessment', (i) => detect(reports[i]!, emptyDirectory) && modelAssessment(reports[i]!, prepareText(reports[i]!.message.body))],
    ['prepareText (for scale)', (i) => prepareText(reports[i]!.message.body)],
    ['model probability', (i) => modelFraudProbability(reports[i]!, texts[i]!) >= 0],
    ['model assessment (explained ≥ supporting)', (i) => modelAssessment(reports[i]!, texts[i]!).evidence],
    ['model assessment (always explained)', (i) => modelAssessment(reports[i]!, texts[i]!, { explain: 'always' }).evidence],
  ];
  measure(reports.length, 3, works.map(([, w]) => w));
  const results = measure(reports.length, rounds, works.map(([, w]) => w));
  console.log(`messages: ${reports.length} (every company of examples/corpus; ${explained} at or above the supporting threshold), ${rounds} interleaved rounds`);
  console.log(`${''.padEnd(44)} ${'best'.padStart(8)} ${'median'.padStart(8)}  µs/msg (per ${CHUNK}-message chunk, summed)`);
  works.forEach(([name], k) => console.log(`${name.padEnd(44)} ${results[k]!.best.toFixed(1).padStart(8)} ${results[k]!.median.toFixed(1).padStart(8)}`));
}
