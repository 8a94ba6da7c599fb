/**
 * The repository stands alone: a plain clone has no folder beside it, so no file in it may refer to
 * one (tests, bench, scripts, docs and README commands use data inside the repository).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.git', 'data', 'dist', 'coverage', '.scratch', 'tmp']);
// Written in two parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\.', '/shared'].join(''));

function* files(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile() && e.name !== 'package-lock.json' && !/\.(png|zip|db)$/.test(e.name)) yield p;
  }
}

describe('the repository stands alone', () => {
  it('no file refers to a folder outside the repository', () => {
    const offenders = [...files(ROOT)].filter((f) => OUTSIDE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it('the check itself finds such a reference', () => {
    expect(OUTSIDE.test(`see ${'..'}/shared/corpus`)).toBe(true);
  });
});
