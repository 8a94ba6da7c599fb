/**
 * Reading a directory.json from disk, for `kakunin directory import`, `detect` and `eval`: one
 * place that names the file and every invalid field, one per line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { directorySchema, type Directory } from '../domain/directory.ts';

/**
 * The validated ledger in `file`. Throws an Error whose message has one line per problem:
 * `cannot read FILE: …` or `FILE: people.0.name: …`.
 */
export function readDirectoryFile(file: string): Directory {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } catch (err) {
    throw new Error(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = directorySchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}
