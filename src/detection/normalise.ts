/**
 * Character-level normalisation with offsets: the building block of `prepareText` (text.ts).
 *
 * The text is cut into small units (one code point, plus the combining marks that follow it, or a
 * CRLF pair); each unit is normalised on its own (NFKC, dash and line-break folding, invisible
 * characters dropped), so every output character knows the [start, end) of the unit of the
 * original it came from. NFKC may expand a unit (㍻ → 平成, ㈱ → (株)) or combine it (ﾊﾞ → バ);
 * both keep exact offsets because the whole unit maps to the whole output.
 */
import { CodeSet } from './chars.ts';

/**
 * Output buffer of UTF-16 code units, each with the [start, end) of its source in the original.
 * Meant to be reused (`reset`) as scratch space: typed-array allocation dominates short messages.
 */
export class MappedBuilder {
  codes: Uint16Array;
  starts: Int32Array;
  ends: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const size = Math.max(16, capacity);
    this.codes = new Uint16Array(size);
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  /** Empties the buffer, keeping its capacity. */
  reset(): this {
    this.length = 0;
    return this;
  }

  /** Appends one code unit that came from original[start, end). */
  push(code: number, start: number, end: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  /** The last code unit written, or -1. */
  last(): number {
    return this.length === 0 ? -1 : (this.codes[this.length - 1] as number);
  }

  private grow(): void {
    const size = this.codes.length * 2;
    const codes = new Uint16Array(size);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    codes.set(this.codes);
    starts.set(this.starts);
    ends.set(this.ends);
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
  }

  /** The text written so far. */
  text(): string {
    const view = this.codes.subarray(0, this.length);
    const out = UTF16.decode(view);
    // The decoder replaces lone surrogates; the builder never writes one, but stay exact if it did.
    return out.length === this.length ? out : String.fromCharCode(...Array.from(view));
  }

  /**
   * Copies the start map (with `sentinel` appended, `length + 1` entries) and the end map
   * (`length` entries) into `into` at `at`; returns views on the copies.
   */
  copyMaps(into: Int32Array, at: number, sentinel: number): { starts: Int32Array; ends: Int32Array } {
    const n = this.length;
    into.set(this.starts.subarray(0, n), at);
    into[at + n] = sentinel;
    into.set(this.ends.subarray(0, n), at + n + 1);
    return { starts: into.subarray(at, at + n + 1), ends: into.subarray(at + n + 1, at + 2 * n + 1) };
  }
}

const UTF16 = new TextDecoder('utf-16le');
const NL = 0x0a;
const SPACE = 0x20;
const HYPHEN = 0x2d;
const MAX_MARKS_PER_UNIT = 16;

/** Dash, hyphen and minus variants that become '-' in `plain` (ー only between digits, see text.ts). */
export function isDashCode(c: number): boolean {
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x2043 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d || c === 0x2e3a || c === 0x2e3b;
}

/** Invisible format characters that are dropped: zero-width, bidi controls, variation selectors, fillers, soft hyphen. */
export function isInvisibleCode(c: number): boolean {
  return (
    c === 0x00ad || c === 0x034f || c === 0x061c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 ||
    (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x206f) || c === 0x3164 || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0
  );
}

/** Combining marks that are normalised together with the preceding character (か + ゛ → が). */
export function isMarkCode(c: number): boolean {
  return (
    (c >= 0x0300 && c <= 0x036f) || (c >= 0x3099 && c <= 0x309c) || c === 0xff9e || c === 0xff9f ||
    (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) || (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f)
  );
}

/** Code points NFKC leaves alone and that need no folding: kana, CJK ideographs, common CJK punctuation. */
function isStable(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc ||
    (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x3001 && c <= 0x3003) || (c >= 0x3005 && c <= 0x3007) || (c >= 0x3008 && c <= 0x3011)
  );
}

const UNKNOWN = -3;
const SLOW = -2;
const DROP = -1;
/** Per BMP code unit: the single code unit it becomes in `plain`, DROP, SLOW (needs more than a table), or UNKNOWN (not looked up yet). */
const SIMPLE = new Int32Array(0x10000).fill(UNKNOWN);
/** Combining marks (see `isMarkCode`), as a bitset that stays in cache. */
const MARKS = new CodeSet(Array.from({ length: 0x10000 }, (_, c) => c).filter(isMarkCode));

function isMark(c: number): boolean {
  return MARKS.has(c);
}


function initTables(): void {
  for (let c = 0; c < 0x10000; c++) {
    if (c < 0x80) SIMPLE[c] = c >= 0x20 && c < 0x7f ? c : c === NL || c === 0x0b || c === 0x0c ? NL : c === 0x0d ? SLOW : SPACE;
    else if (c <= 0x9f) SIMPLE[c] = c === 0x85 ? NL : SPACE;
    else if (c >= 0xd800 && c <= 0xdfff) SIMPLE[c] = SLOW;
    else if (isInvisibleCode(c)) SIMPLE[c] = DROP;
    else if (isDashCode(c)) SIMPLE[c] = HYPHEN;
    else if (c === 0x2028 || c === 0x2029) SIMPLE[c] = NL;
    else if (c === 0x3000) SIMPLE[c] = SPACE;
    else if (c >= 0xff01 && c <= 0xff5e) SIMPLE[c] = c === 0xff0d ? HYPHEN : c - 0xfee0;
    else if (isStable(c)) SIMPLE[c] = c;
  }
}

/** Looks up (once) what NFKC and the folds make of a BMP code unit. */
function learn(c: number): number {
  const n = String.fromCharCode(c).normalize('NFKC');
  let m: number = SLOW;
  if (n.length === 0) m = DROP;
  else if (n.length === 1) {
    const d = n.charCodeAt(0);
    m = isInvisibleCode(d) ? DROP : isDashCode(d) ? HYPHEN : d === 0x2028 || d === 0x2029 ? NL : d;
  }
  SIMPLE[c] = m;
  return m;
}

const nfkcCache = new Map<number, string>();
const NFKC_CACHE_LIMIT = 20_000;

function nfkcOf(cp: number): string {
  let out = nfkcCache.get(cp);
  if (out === undefined) {
    out = String.fromCodePoint(cp).normalize('NFKC');
    if (nfkcCache.size >= NFKC_CACHE_LIMIT) nfkcCache.clear();
    nfkcCache.set(cp, out);
  }
  return out;
}

/** Writes an NFKC result, folding the dashes and invisible characters NFKC itself leaves. */
function pushFolded(out: MappedBuilder, text: string, start: number, end: number): void {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (isInvisibleCode(c)) continue;
    if (isDashCode(c)) out.push(HYPHEN, start, end);
    else if (c === 0x2028 || c === 0x2029) out.push(NL, start, end);
    else out.push(c, start, end);
  }
}

/** A unit with combining marks: NFKC over the whole unit (with ゛゜ treated as combining). */
function pushComposed(out: MappedBuilder, s: string, i: number, j: number): void {
  const unit = s.slice(i, j).split('\u309b').join('\u3099').split('\u309c').join('\u309a');
  pushFolded(out, unit.normalize('NFKC'), i, j);
}

/**
 * Normalises `s[from, to)` into `out` (NFKC, width folding, dashes → '-', CR/CRLF/LS/PS → '\n',
 * tab and control characters → ' ', invisible characters dropped, lone surrogates → U+FFFD).
 */
export function normaliseRange(out: MappedBuilder, s: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    const c = s.charCodeAt(i);
    if (i + 1 >= to || !isMark(s.charCodeAt(i + 1))) {
      // Kana, kanji and common CJK punctuation are their own NFKC form: answered by range, without a table read (a
      // read of the 256 KB table per distinct kanji missed the cache).
      if (isStable(c)) {
        out.push(c, i, i + 1);
        i++;
        continue;
      }
      let m = SIMPLE[c] as number;
      if (m === UNKNOWN) m = learn(c);
      if (m >= 0) {
        out.push(m, i, i + 1);
        i++;
        continue;
      }
      if (m === DROP) {
        i++;
        continue;
      }
    }
    i = normaliseSlow(out, s, i, to);
  }
}

/** Units the table cannot do: CR/CRLF, surrogates, combining sequences, expanding NFKC (㍻ → 平成). Returns the next index. */
function normaliseSlow(out: MappedBuilder, s: string, i: number, to: number): number {
  const c = s.charCodeAt(i);
  const next = i + 1 < to ? s.charCodeAt(i + 1) : -1;
  if (c === 0x0d) {
    const j = next === NL ? i + 2 : i + 1;
    out.push(NL, i, j);
    return j;
  }
  let cp = c;
  let j = i + 1;
  if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
    cp = (c - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000;
    j = i + 2;
  } else if (c >= 0xd800 && c <= 0xdfff) {
    out.push(0xfffd, i, j);
    return j;
  }
  let marks = 0;
  while (j < to && marks < MAX_MARKS_PER_UNIT && isMark(s.charCodeAt(j))) {
    j++;
    marks++;
  }
  if (marks > 0 && !isMark(c)) pushComposed(out, s, i, j);
  else if (marks > 0) {
    pushComposed(out, s, i, i + 1);
    return i + 1;
  } else if (cp >= 0xe0000 && cp <= 0xe0fff) {
    // tag characters and variation selectors supplement: invisible
  } else pushFolded(out, nfkcOf(cp), i, j);
  return j;
}

/** In `plain`: ー (and ｰ, already folded to ー) between two ASCII digits becomes '-' (０９０ー１２３４ー５６７８). */
export function foldLongVowelBetweenDigits(out: MappedBuilder): void {
  const codes = out.codes;
  for (let k = 1; k + 1 < out.length; k++) {
    if (codes[k] !== 0x30fc) continue;
    const a = codes[k - 1] as number;
    const b = codes[k + 1] as number;
    if (a >= 0x30 && a <= 0x39 && b >= 0x30 && b <= 0x39) codes[k] = HYPHEN;
  }
}

initTables();
