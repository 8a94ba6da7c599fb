/**
 * Shared by the card adapters (Slack, Teams): making one code point of a fraudster's text inert
 * in a chat renderer, and cutting escaped text to a length without splitting what was escaped.
 * Each adapter brings its own table of characters to replace (Slack entities, Markdown marks).
 */

/** Zero-width space: invisible, but breaks links, mentions and shortcodes. */
export const ZWSP = '\u200B';

// C0/C1 controls except \t \n, bidi embeddings/overrides/isolates, and line/paragraph separators.
const UNSAFE_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
const WORDISH = /[\p{L}\p{N}]/u;

export interface DefuseOptions {
  /** Characters replaced outright (entities, full-width look-alikes). */
  replace: Record<string, string>;
  /** Characters followed by a ZWSP when something non-blank follows (`:` `@` …), so nothing auto-links. */
  breakAfter: ReadonlySet<string>;
}

/**
 * The inert form of each code point of `text`, in order: replaced, control characters as U+FFFD,
 * a ZWSP after link-forming characters and after a dot inside a word (`evil.example`).
 */
export function defusePieces(text: string, options: DefuseOptions): string[] {
  const chars = Array.from(text);
  return chars.map(function defuseChar(ch, i) {
    const next = chars[i + 1] ?? '';
    const prev = chars[i - 1] ?? '';
    const replaced = options.replace[ch];
    if (replaced) return replaced;
    if (UNSAFE_CONTROL.test(ch)) return '\uFFFD';
    if (options.breakAfter.has(ch) && next !== '' && !/\s/u.test(next)) return ch + ZWSP;
    if ((ch === '.' || ch === '．') && WORDISH.test(prev) && WORDISH.test(next)) return ch + ZWSP;
    return ch;
  });
}

/**
 * The start of `text` that escaping needs for an output of at most `max` characters; the rest is
 * never looked at, so a 64 KB (or, in an old row, larger) body costs no more than a short one.
 * Escaping never shortens text by more than half (`\r\n` → `\n` is the most it does), so
 * 2·max + 8 code units already escape to more than `max`, and the cut, made earlier, falls where
 * it would have in the whole text. Never ends between the halves of a surrogate pair.
 * @example headFor('a'.repeat(1_000_000), 100).length // 208
 */
export function headFor(text: string, max: number): string {
  const n = 2 * Math.max(0, max) + 8;
  if (text.length <= n) return text;
  const last = text.charCodeAt(n - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n);
}

/** Join escaped pieces, cut to at most `max` characters ending with `…` when cut; never inside a piece. */
export function fitPieces(pieces: string[], max: number): string {
  const whole = pieces.join('');
  if (whole.length <= max) return whole;
  let out = '';
  for (const p of pieces) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out}…`;
}
