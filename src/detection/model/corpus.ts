/**
 * The training data of the wording model: the labelled development corpora of
 * `examples/corpus/<company>/` (corpus.jsonl + directory.json), read in a fixed order (companies by
 * folder name, lines as written), and their digest, which the model file records.
 *
 * A folder named `blind` anywhere in the path is refused: the frozen blind set is never trained or
 * evaluated on.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { directorySchema, type Directory } from '../../domain/directory.ts';
import { reportSchema, type Report } from '../../domain/report.ts';
import { senderInLedger } from '../identity.ts';

/** One labelled line of a corpus. */
export interface LabelledReport {
  company: string;
  id: string;
  label: 0 | 1;
  category: string;
  lang: string;
  report: Report;
  /** Minutes from contact approval to the message, null when unknown. */
  contactAgeMinutes: number | null;
  senderInLedger: boolean;
}

/** One company's folder. */
export interface CompanyCorpus {
  name: string;
  dir: string;
  lines: LabelledReport[];
}

/** Refuses the frozen blind set, whatever the path looks like. */
export function assertNotBlind(dir: string): void {
  const parts = path.resolve(dir).split(path.sep);
  if (parts.includes('blind')) throw new Error(`${dir}: the blind set is frozen; the wording model never reads it`);
}

/** Company folders under `root` (folders holding a corpus.jsonl), sorted by name. */
export function companyFolders(root: string): string[] {
  assertNotBlind(root);
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'corpus.jsonl')))
    .map((e) => e.name)
    .sort()
    .map((name) => path.join(root, name));
}

function minutesBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / 60_000);
}

/** Reads one company folder; throws naming the file and line of anything malformed. */
export function readCompany(dir: string): CompanyCorpus {
  assertNotBlind(dir);
  const name = path.basename(dir);
  const directory: Directory = directorySchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'directory.json'), 'utf8')));
  const file = path.join(dir, 'corpus.jsonl');
  const lines: LabelledReport[] = [];
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      const raw = JSON.parse(text) as { id?: unknown; label?: unknown; category?: unknown; lang?: unknown; report?: unknown };
      if (raw.label !== 'fraud' && raw.label !== 'benign') throw new Error(`${file}:${i + 1}: label must be fraud or benign`);
      const report = reportSchema.parse(raw.report);
      lines.push({
        company: name,
        id: String(raw.id ?? `line-${i + 1}`),
        label: raw.label === 'fraud' ? 1 : 0,
        category: String(raw.category ?? '-'),
        lang: typeof raw.lang === 'string' ? raw.lang : 'ja',
        report,
        contactAgeMinutes: minutesBetween(report.context?.contactApprovedAt, report.message.sentAt),
        senderInLedger: senderInLedger(report, directory),
      });
    });
  return { name, dir, lines };
}

/** Every company under `root`, in name order. */
export function readCorpora(root: string): CompanyCorpus[] {
  return companyFolders(root).map(readCompany);
}

/**
 * sha256 over what training reads: for each company in name order, its folder name and the bytes
 * of its corpus.jsonl and directory.json. Adding, removing or editing a line changes it.
 */
export function corpusDigest(dirs: readonly string[]): string {
  const hash = createHash('sha256');
  const byName = (a: string, b: string): number => (path.basename(a) < path.basename(b) ? -1 : path.basename(a) > path.basename(b) ? 1 : 0);
  for (const dir of [...dirs].sort(byName)) {
    assertNotBlind(dir);
    for (const file of ['corpus.jsonl', 'directory.json']) {
      const bytes = fs.readFileSync(path.join(dir, file));
      hash.update(`${path.basename(dir)}/${file} ${bytes.length}\n`);
      hash.update(bytes);
    }
  }
  return hash.digest('hex');
}
