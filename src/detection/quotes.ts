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

/** Every RegExp of this file, for the ReDoS test. */
export const QUOTE_REGEXES = {
  wordChar: /[\p{L}\p{N}]/u,
} satisfies Record<string, RegExp>;

function isWordChar(c: string): boolean {
  return QUOTE_REGEXES.wordChar.test(c);
}

/** Quoted spans of `body`, in order, not nested (an opener inside a quotation is text). Linear in the body's length (each span ≤ MAX_QUOTE). */
export function quotedSpans(body: string): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < body.length; i++) {
    const open = body.charAt(i);
    const close = PAIRS[open];
    if (close === undefined) continue;
    // A straight single quote opens only at a word start: "don't" is an apostrophe.
    if (open === "'" && (i > 0 && isWordChar(body.charAt(i - 1)))) continue;
    const limit = Math.min(body.length, i + MAX_QUOTE);
    let j = i + 1;
    for (; j < limit; j++) {
      if (body.charAt(j) !== close) continue;
      if (close === "'" && j + 1 < body.length && isWordChar(body.charAt(j + 1))) continue;
      break;
    }
    if (j >= limit || j === i + 1) continue;
    out.push({ start: i, end: j + 1 });
    i = j;
  }
  return out;
}
