/**
 * `kakunin eval --corpus DIR` (`npm run eval -- --corpus DIR`): runs detection over a labelled
 * corpus (DIR/corpus.jsonl + DIR/directory.json) and prints recall (fraud flagged medium/high),
 * the false-positive rate (benign flagged medium/high), and every miss with its signals.
 */
import fs from 'node:fs';
import path from 'node:path';
import { detectLine } from '../detection/batch.ts';
import { readDirectoryFile } from '../ledger/file.ts';
import { flagHelp, parseCli } from './args.ts';
import type { Command } from './command.ts';

const FLAGS = { corpus: { type: 'string', required: true, arg: 'DIR', help: 'a folder with corpus.jsonl and directory.json' } } as const;

const flagged = (verdict: string): boolean => verdict === 'medium' || verdict === 'high';
const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

export const evalCommand: Command = {
  usage: 'eval --corpus DIR                recall and false-positive rate on a labelled corpus',
  help: flagHelp(FLAGS),
  async run(args, io) {
    const { values } = parseCli(args, { flags: FLAGS });
    const directory = readDirectoryFile(path.join(values.corpus!, 'directory.json'));
    const lines = fs.readFileSync(path.join(values.corpus!, 'corpus.jsonl'), 'utf8').split('\n');
    let fraud = 0;
    let caught = 0;
    let benign = 0;
    let falsePositives = 0;
    const wrong: string[] = [];
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      const r = detectLine(line, i + 1, directory);
      if (!r.ok) {
        wrong.push(`  ${r.output.id ?? `line ${i + 1}`}: error ${r.output.error}`);
        return;
      }
      const label = r.raw.label;
      const hit = flagged(r.output.verdict);
      if (label === 'fraud') {
        fraud += 1;
        if (hit) caught += 1;
      } else if (label === 'benign') {
        benign += 1;
        if (hit) falsePositives += 1;
      }
      if ((label === 'fraud') !== hit) {
        const signals = r.result.signals.map((s) => `${s.ruleId}${s.strength === 'weak' ? '(weak)' : ''}`).join(', ') || '(none)';
        wrong.push(`  ${r.output.id} [${label}/${String(r.raw.category ?? '')}] ${r.output.verdict} ${r.output.score}: ${signals}`);
      }
    });
    io.out(`recall: ${caught}/${fraud} = ${pct(caught, fraud)} (fraud flagged medium/high)`);
    io.out(`false-positive rate: ${falsePositives}/${benign} = ${pct(falsePositives, benign)} (benign flagged medium/high)`);
    io.out(wrong.length === 0 ? 'wrong: none' : `wrong (${wrong.length}):\n${wrong.join('\n')}`);
    return 0;
  },
};
