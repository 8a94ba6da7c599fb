/**
 * Character-class helpers for the hand-written scanners of observables.ts and friends. Scanning by
 * hand keeps every step linear and lets the regexes stay tiny (keywords only).
 */

/**
 * A set of BMP code units as a bitset (8 KB): for the questions a scanner asks of every character,
 * where a 64 KB table indexed by code unit would miss the cache on every distinct kanji.
 */
export class CodeSet {
  private readonly bits = new Uint32Array(0x10000 >>> 5);

  constructor(codes: Iterable<number>) {
    for (const c of codes) if (c >= 0 && c < 0x10000) this.bits[c >>> 5]! |= 1 << (c & 31);
  }

  has(c: number): boolean {
    return c >= 0 && c < 0x10000 && (this.bits[c >>> 5]! & (1 << (c & 31))) !== 0;
  }
}

/** ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** ASCII letter. */
export function isLatin(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

/** CJK ideograph (including 々 and 〇). */
export function isKanji(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005 || c === 0x3007 || (c >= 0xf900 && c <= 0xfaff);
}

/** Full-width katakana or the long-vowel mark ー. */
export function isKatakana(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
}

/** Hiragana. */
export function isHiragana(c: number): boolean {
  return c >= 0x3041 && c <= 0x3096;
}

/** A character that can be part of a Japanese or Latin name of a bank or branch. */
export function isNameChar(c: number): boolean {
  return isKanji(c) || isKatakana(c) || isHiragana(c) || isLatin(c) || isDigit(c) || c === 0x26;
}

/**
 * At most this many hits per kind and message: more is hostile input, and the finders compare hits
 * with each other (overlaps), which must stay cheap.
 */
export const MAX_HITS_PER_KIND = 64;

/** Index of the first character of the line holding `i`. */
export function lineStart(s: string, i: number): number {
  return s.lastIndexOf('\n', i - 1) + 1;
}

/** Index of the line break ending the line holding `i` (or `s.length`). */
export function lineEnd(s: string, i: number): number {
  const k = s.indexOf('\n', i);
  return k === -1 ? s.length : k;
}

/** Start of a context window of at most `maxChars` before `i`, not crossing a blank line nor more than `maxLines` line breaks. */
export function windowStart(s: string, i: number, maxChars: number, maxLines: number): number {
  const floor = Math.max(0, i - maxChars);
  let lines = 0;
  for (let k = i - 1; k >= floor; k--) {
    if (s.charCodeAt(k) !== 0x0a) continue;
    if (k > floor && s.charCodeAt(k - 1) === 0x0a) return k + 1;
    if (++lines > maxLines) return k + 1;
  }
  return floor;
}

/** End of a context window of at most `maxChars` after `i`, not crossing a blank line nor more than `maxLines` line breaks. */
export function windowEnd(s: string, i: number, maxChars: number, maxLines: number): number {
  const ceiling = Math.min(s.length, i + maxChars);
  let lines = 0;
  for (let k = i; k < ceiling; k++) {
    if (s.charCodeAt(k) !== 0x0a) continue;
    if (k + 1 < ceiling && s.charCodeAt(k + 1) === 0x0a) return k;
    if (++lines > maxLines) return k;
  }
  return ceiling;
}

/** True when s[i] exists and is one of `chars` (`''.includes` would say yes past the end). */
export function charIn(chars: string, s: string, i: number): boolean {
  return i >= 0 && i < s.length && chars.includes(s.charAt(i));
}

/** Skips characters of `chars` starting at `i`, at most `max`; returns the new index. */
export function skipAny(s: string, i: number, chars: string, max: number): number {
  let k = i;
  while (k - i < max && charIn(chars, s, k)) k++;
  return k;
}

/** Lower case that keeps the length of `s`, so offsets stay valid (`toLowerCase` alone can grow: İ → i̇). */
export function asciiLower(s: string): string {
  const fast = s.toLowerCase();
  if (fast.length === s.length) return fast;
  let out = '';
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 0x20) : s.charAt(k);
  }
  return out;
}

function alnum(c: number): boolean {
  return isLatin(c) || isDigit(c);
}

/** Would a word edge `edge` run on into the neighbour `next` (both Latin/digits, or both katakana)? */
function touches(edge: number, next: number): boolean {
  return (alnum(edge) && alnum(next)) || (isKatakana(edge) && isKatakana(next));
}

/**
 * Occurrences of any of `words` in `text` (ASCII case-insensitive; `words` must be lower-case),
 * longest word first at a position. With `latinBoundary`, a word starting or ending with a Latin
 * letter or digit must not touch another one ("HSBC" yes, "USDT" no), and a katakana word must not
 * touch other katakana (「ドバイ」 yes, the holder 「ヨドバイサン」 no).
 */
export function findWords(text: string, words: readonly string[], latinBoundary: boolean): { index: number; word: string }[] {
  const lower = asciiLower(text);
  const out: { index: number; word: string }[] = [];
  for (const word of words) {
    for (let k = lower.indexOf(word); k !== -1; k = lower.indexOf(word, k + 1)) {
      if (latinBoundary && touches(word.charCodeAt(0), lower.charCodeAt(k - 1))) continue;
      if (latinBoundary && touches(word.charCodeAt(word.length - 1), lower.charCodeAt(k + word.length))) continue;
      out.push({ index: k, word });
    }
  }
  return out.sort((a, b) => a.index - b.index || b.word.length - a.word.length);
}

/** Every RegExp of this file, for the ReDoS test (none: the helpers scan by hand). */
export const CHAR_REGEXES = {} satisfies Record<string, RegExp>;
