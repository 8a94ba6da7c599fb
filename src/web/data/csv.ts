/**
 * RFC 4180 CSV: parsing (quoted fields, doubled quotes, CRLF or LF, a UTF-8 BOM) and writing.
 * Written cells that a spreadsheet would run as a formula get a leading apostrophe, since exported
 * text may come from a fraudster: a cell starting with tab or CR, or whose first character after
 * any white space (spaces, tabs, line breaks, the ideographic space) is = + - @ in any width
 * (＝ ＋ － ＠ and the small forms are read as formulas by Japanese spreadsheets too).
 */

/** Parses CSV text into rows of cells; `line` is the 1-based line where each row starts. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else cell += ch;
    i += 1;
  }
  if (cell !== '' || cells.length) endRow();
  return rows;
}

const FORMULA_PREFIXES = new Set(['=', '+', '-', '@']);
const SPACE = /^[\s\p{Cc}\p{Cf}]$/u;

/**
 * True when a spreadsheet could take `s` for a formula: it starts with tab or CR, or its first
 * character after white space and invisible controls is a formula prefix once width-normalised.
 * @example looksLikeFormula(' \n＝HYPERLINK("…")') // true
 */
export function looksLikeFormula(s: string): boolean {
  if (s.startsWith('\t') || s.startsWith('\r')) return true;
  for (const ch of s) {
    if (SPACE.test(ch)) continue;
    return FORMULA_PREFIXES.has(ch.normalize('NFKC').charAt(0));
  }
  return false;
}

/** One CSV cell, quoted when needed, formula-like text defused. */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v);
  if (looksLikeFormula(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF, as RFC 4180 says). */
export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
