/**
 * Quoted text in a message body: 「…」『…』“…”"…" and '…' (a single quote at a word edge, so
 * "don't" is no quote). A warning that quotes a fraud's phrases (「至急、下記口座に振込を」) is not
 * itself asking for anything; detection ignores what such a warning quotes.
 */

/** A quoted span of the original body, quotes included: [start, end). */
export interface Span {
  start: number;
  end: number;
}

const PAIRS: Record<string, string> = { '「': '」', '『': '』', '“': '”', '"': '"', "'": "'", '＂': '＂', '｢': '｣' };

/** The longest quotation considered (a quoted phrase, not a chapter). */
const MAX_QUOTE = 300;

/** Every RegExp of this file, for the ReDoS test (none: quotes are found with indexOf). */
export const QUOTE_REGEXES = {} satisfies Record<string, RegExp>;

/** A letter or digit of any script (ASCII, Latin-1 and beyond, kana, kanji): what an apostrophe sits between. */
function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c < 0x2000) || (c >= 0x3040 && c <= 0x9fff) || (c >= 0xff10 && c <= 0xff5a);
}

/**
 * Quoted spans of `body`, in order, not nested (an opener inside a quotation is text). Each closer
 * is looked for within MAX_QUOTE characters, so the scan is linear in the body's length.
 */
export function quotedSpans(body: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < body.length; i++) {
    const open = body.charAt(i);
    const close = PAIRS[open];
    if (close === undefined) continue;
    // A straight single quote opens only at a word start: "don't" is an apostrophe.
    if (open === "'" && i > 0 && isWordChar(body.charCodeAt(i - 1))) continue;
    const limit = Math.min(body.length, i + MAX_QUOTE);
    const closeCode = close.charCodeAt(0);
    let j = i + 1;
    for (; j < limit; j++) {
      if (body.charCodeAt(j) !== closeCode) continue;
      if (closeCode === 0x27 && j + 1 < body.length && isWordChar(body.charCodeAt(j + 1))) continue;
      break;
    }
    if (j >= limit || j === i + 1) continue;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}
