/**
 * `kakunin eval --corpus DIR [--corpus DIR …] [--summary]` (`npm run eval -- …`): runs detection
 * over labelled corpora and prints recall (fraud flagged medium/high) and the false-positive rate
 * (benign flagged medium/high), overall, per company, per language and per category, then every
 * miss with its signals (not with --summary: a frozen blind set is scored without reading its
 * misses). DIR holds corpus.jsonl + directory.json, or folders that do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ruleSet } from '../../rules/index.ts';
import { detectLine } from '../detection/batch.ts';
import { createDetector } from '../detection/engine.ts';
import { readDirectoryFile } from '../ledger/file.ts';
import { CliError, flagHelp, parseCli } from './args.ts';
import type { Command } from './command.ts';

/** Every rule in rules/index.ts. */
const detect = createDetector(ruleSet);

const FLAGS = {
  corpus: { type: 'string', required: true, arg: 'DIR', help: 'a folder with corpus.jsonl and directory.json, or a folder of such folders (repeatable)' },
  summary: { type: 'boolean', help: 'print the scores only, not the misses (for a frozen blind set)' },
} as const;

const flagged = (verdict: string): boolean => verdict === 'medium' || verdict === 'high';

/** Recall and false-positive counts of one group of lines. */
export interface Tally {
  fraud: number;
  caught: number;
  benign: number;
  falsePositives: number;
}
const emptyTally = (): Tally => ({ fraud: 0, caught: 0, benign: 0, falsePositives: 0 });

/** Folders under `dir` (itself included) that hold a corpus. */
export function corpusFolders(dir: string): string[] {
  if (fs.existsSync(path.join(dir, 'corpus.jsonl'))) return [dir];
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new CliError(`no corpus at ${dir} (no corpus.jsonl, not a folder)`, 2);
  const found = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'corpus.jsonl')))
    .map((e) => path.join(dir, e.name))
    .sort();
  if (found.length === 0) throw new CliError(`no corpus at ${dir} (no corpus.jsonl in it or its folders)`, 2);
  return found;
}

const pct = (n: number, d: number): string => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
function line(name: string, t: Tally): string {
  const recall = t.fraud ? `recall ${String(t.caught).padStart(3)}/${String(t.fraud).padEnd(3)} ${pct(t.caught, t.fraud)}` : ' '.repeat(21);
  const fpr = t.benign ? `  FPR ${String(t.falsePositives).padStart(3)}/${String(t.benign).padEnd(3)} ${pct(t.falsePositives, t.benign)}` : '';
  return `  ${name.padEnd(44)} ${recall}${fpr}`;
}

export const evalCommand: Command = {
  usage: 'eval --corpus DIR [--summary]    recall and false-positive rate on labelled corpora',
  help: flagHelp(FLAGS),
  async run(args, io) {
    const { values } = parseCli(args, { flags: FLAGS });
    const dirs = corpusFolders(values.corpus!);
    const total = emptyTally();
    const groups = { company: new Map<string, Tally>(), language: new Map<string, Tally>(), category: new Map<string, Tally>() };
    const add = (map: Map<string, Tally>, key: string, label: unknown, hit: boolean) => {
      const t = map.get(key) ?? emptyTally();
      map.set(key, t);
      for (const x of map === groups.company ? [t, total] : [t]) {
        if (label === 'fraud') {
          x.fraud += 1;
          if (hit) x.caught += 1;
        } else if (label === 'benign') {
          x.benign += 1;
          if (hit) x.falsePositives += 1;
        }
      }
    };
    const wrong: string[] = [];
    for (const dir of dirs) {
      const company = path.basename(dir);
      const directory = readDirectoryFile(path.join(dir, 'directory.json'));
      const lines = fs.readFileSync(path.join(dir, 'corpus.jsonl'), 'utf8').split('\n');
      lines.forEach((text, i) => {
        if (text.trim() === '') return;
        const r = detectLine(text, i + 1, directory, detect);
        if (!r.ok) {
          wrong.push(`  ${company} ${r.output.id ?? `line ${i + 1}`}: error ${r.output.error}`);
          return;
        }
        const { label, category } = r.raw;
        const lang = typeof r.raw.lang === 'string' ? r.raw.lang : 'ja';
        const hit = flagged(r.output.verdict);
        add(groups.company, company, label, hit);
        add(groups.language, lang, label, hit);
        add(groups.category, `${String(label)}/${String(category ?? '-')}`, label, hit);
        if ((label === 'fraud') !== hit) {
          const signals = r.result.signals.map((s) => `${s.ruleId}${s.strength === 'weak' ? '(weak)' : ''}`).join(', ') || '(none)';
          wrong.push(`  ${r.output.id} [${String(label)}/${String(category ?? '')}/${lang}] ${r.output.verdict} ${r.output.score}: ${signals}`);
        }
      });
    }
    io.out(`recall: ${total.caught}/${total.fraud} = ${pct(total.caught, total.fraud).trim()} (fraud flagged medium/high)`);
    io.out(`false-positive rate: ${total.falsePositives}/${total.benign} = ${pct(total.falsePositives, total.benign).trim()} (benign flagged medium/high)`);
    for (const [title, map] of [['per company', groups.company], ['per language', groups.language], ['per category', groups.category]] as const) {
      if (map === groups.company && map.size < 2) continue;
      io.out(`${title}:`);
      for (const key of [...map.keys()].sort()) io.out(line(key, map.get(key)!));
    }
    if (values.summary) io.out(`(${wrong.length} wrong; not listed with --summary)`);
    else io.out(wrong.length === 0 ? 'wrong: none' : `wrong (${wrong.length}):\n${wrong.join('\n')}`);
    return 0;
  },
};
