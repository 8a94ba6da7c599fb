/**
 * CSV injection through the case export: a fraudster's message or display name that a spreadsheet
 * would run as a formula, written full-width (＝ ＋ － ＠) or behind leading spaces, tabs or line
 * breaks, reaches the exported CSV only behind an apostrophe.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { csvCell, looksLikeFormula, parseCsv } from '../../src/web/data/csv.ts';
import type { TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, submit } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

/** Formulas as a fraudster would hide them. */
const SHAPES = [
  '＝HYPERLINK("http://evil.example","請求書")',
  '＋1+cmd|\' /C calc\'!A0',
  '－2+3',
  '＠SUM(1+1)',
  ' =SUM(A1:A9)',
  '\t=1+1',
  '\n=1+1',
  '\r\n+1+1',
  '　＝1+1', // ideographic space, then a full-width equals sign
  '\u200B=1+1', // zero-width space first
  '﹦1+1', // small form of =
];

describe('CSV export: formula prefixes in any width and behind white space', () => {
  it.each(SHAPES)('%j is defused', (shape) => {
    expect(looksLikeFormula(shape)).toBe(true);
    expect(parseCsv(csvCell(shape))[0]!.cells[0]).toBe(`'${shape}`);
  });

  it('ordinary text (a minus inside, a Japanese sentence, an empty cell) is left alone', () => {
    for (const s of ['振込先を変更しました', 'A-1', '', '   ', '1,000円', 'ー（長音）で始まる']) {
      expect(looksLikeFormula(s)).toBe(false);
    }
    expect(csvCell('A-1')).toBe('A-1');
  });

  it('the exported CSV holds every shape behind an apostrophe (message and sender name)', async () => {
    rt = await consoleRuntime();
    for (const [i, shape] of SHAPES.entries()) {
      await submit(rt, { message: { body: shape, sender: { name: shape, accountId: 7000 + i } } });
    }
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    const res = await b.get('/export/cases.csv?from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    const [head, ...rows] = parseCsv(await res.text());
    const col = (name: string) => head!.cells.indexOf(name);
    const messages = rows.map((r) => r.cells[col('first_message')]!);
    const senders = rows.map((r) => r.cells[col('senders')]!);
    expect(messages.sort()).toEqual(SHAPES.map((s) => `'${s}`).sort());
    expect(senders.sort()).toEqual(SHAPES.map((s, i) => `'${s} (${7000 + i})`).sort());
    for (const cell of rows.flatMap((r) => r.cells)) {
      const first = [...cell].find((ch) => !/^[\s\p{Cc}\p{Cf}]$/u.test(ch)) ?? '';
      expect('=+-@'.includes(first.normalize('NFKC')) && first !== '', `cell ${JSON.stringify(cell.slice(0, 40))}`).toBe(false);
    }
  });
});
