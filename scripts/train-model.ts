/**
 * `npm run train [-- --corpus DIR] [--out FILE] [--check]`: trains the wording model on every
 * company folder of the development corpus (default `examples/corpus`), prints the
 * leave-one-company-out evaluation and writes `src/detection/model/wording-model.json`.
 * Deterministic: the same corpus gives a byte-identical file. `--check` writes nothing and exits 1
 * when the committed file is not what training produces (a corpus changed without retraining).
 * The frozen blind set (`examples/blind`) is refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { companyFolders, corpusDigest, readCompany } from '../src/detection/model/corpus.ts';
import { MODEL_FILE } from '../src/detection/model/index.ts';
import { serialiseModel } from '../src/detection/model/model-file.ts';
import { trainModel } from '../src/detection/model/pipeline.ts';
import { formatTrainingReport } from './lib/train-report.ts';

const USAGE = 'usage: npm run train [-- --corpus DIR] [--out FILE] [--check]';
let values: { corpus: string; out: string; check: boolean; help: boolean };
try {
  values = parseArgs({
    options: {
      corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../examples/corpus') },
      out: { type: 'string', default: MODEL_FILE },
      check: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }).values as typeof values;
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const dirs = companyFolders(values.corpus);
if (dirs.length === 0) {
  console.error(`no company folders with a corpus.jsonl under ${values.corpus}`);
  process.exit(2);
}
const started = Date.now();
const run = trainModel(dirs.map(readCompany), corpusDigest(dirs));
const text = serialiseModel(run.file);
console.log(formatTrainingReport(run, Buffer.byteLength(text)));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);

if (values.check) {
  const current = fs.existsSync(values.out) ? fs.readFileSync(values.out, 'utf8') : '';
  if (current !== text) {
    console.error(`${values.out} is not what training on ${values.corpus} produces: run npm run train and commit it`);
    process.exit(1);
  }
  console.log(`${values.out} is up to date`);
} else {
  fs.writeFileSync(values.out, text);
  console.log(`wrote ${values.out}`);
}
