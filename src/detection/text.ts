/**
 * Text preparation for detection: two normalised views of a message body that keep offsets back
 * to the original, so every piece of evidence can be highlighted exactly where the sender wrote it.
 *
 * - `plain`: human-readable. Chatwork notation removed (quoted/titled/code text kept; block tags
 *   such as [qt] [/title] [hr] become one line break), NFKC (full-width → half-width, ㈱ → (株),
 *   ﾊﾞ → バ), every dash/hyphen/minus variant → '-', ー between two digits → '-', CR/CRLF/U+2028/
 *   U+2029 → '\n', tab and control characters → ' ', zero-width and other invisible characters
 *   dropped, lone surrogates → U+FFFD. Use it to extract observables.
 * - `compact`: the matching form, derived from `plain` character by character: lowercase
 *   (A–Z, and Cyrillic/Greek homoglyphs folded to Latin), katakana → hiragana, and removed: all
 *   whitespace and decorative separators (space ・ · _ * - . / | \ ~ ★ ☆ ◆ ◇ ■ □ ● ◯ ※ ♪ ♡ ♥ •),
 *   except that whitespace between two Latin words (letters/digits) becomes one space, so English
 *   stays words ("wire the funds"); two one-character words are still glued ("L I N E" → "line").
 *   ‘ ’ become '. Exception: a '-' between two katakana becomes 'ー' (グル―プ → ぐるーぷ). Every run of line
 *   breaks becomes one '。' (none at the start, none after a '。'), so rules can reason about
 *   sentences. Kept: ー, 。、！？ (as ! ?), commas, quotes and brackets. 「振 込」「Ｌ Ｉ Ｎ Ｅ」
 *   「L-I-N-E」「ラ イ ン」 → 振込 / line / らいん. Use `foldForMatch` on lexicon words.
 *
 * Only the first `maxChars` UTF-16 units are analysed (never splitting a surrogate pair).
 */
import type { Evidence } from '../domain/detection.ts';
import { scanMarkup, type QuoteSpan } from './markup.ts';
import { MappedBuilder, foldLongVowelBetweenDigits, normaliseRange } from './normalise.ts';
import { homoglyphToLatin } from './confusables.ts';

/** Analyse at most this bounded prefix of a body (UTF-16 units); the rest is reported as not analysed. */
export const MAX_ANALYSED_CHARS = 20_000;

/** A message body prepared for detection. All maps point into `original`. */
export interface PreparedText {
  /** The full body as given. */
  original: string;
  /** UTF-16 length of the prefix that was analysed. */
  analysedLength: number;
  /** `original.length > analysedLength`. */
  truncated: boolean;
  /** Human-readable normalised text (see the module comment). */
  plain: string;
  /** `plain.length + 1` entries: where plain[i] starts in `original`; the last entry is `analysedLength`. */
  plainMap: Int32Array;
  /** `plain.length` entries: where the source of plain[i] ends in `original` (exclusive). */
  plainEnds: Int32Array;
  /** Matching form (see the module comment). */
  compact: string;
  /** Same contract as `plainMap`, for `compact`. */
  compactMap: Int32Array;
  /** Same contract as `plainEnds`, for `compact`. */
  compactEnds: Int32Array;
  /** Account ids from [To:123] and [rp aid=123 …], in order, without duplicates. */
  mentions: number[];
  /** [qt]…[/qt] spans in `original` with their [qtmeta aid= time=]; an unclosed quote ends at `analysedLength`. */
  quotes: QuoteSpan[];
}

/** Scratch buffers reused by every `prepareText` call (JS is single-threaded and the call does not re-enter). */
const PLAIN_SCRATCH = new MappedBuilder(4096);
const COMPACT_SCRATCH = new MappedBuilder(4096);
/** The same for `foldForMatch` (separate, so folding a word never clobbers a message being prepared). */
const FOLD_SCRATCH_MAX = 1024;
const FOLD_PLAIN_SCRATCH = new MappedBuilder(256);
const FOLD_COMPACT_SCRATCH = new MappedBuilder(256);

const NL = 0x0a;
const MARU = 0x3002; // 。

const HYPHEN = 0x2d;
const SPACE = 0x20;
const SEPARATORS = [
  0x20, 0x5f, 0x2a, 0x2d, 0x2e, 0x2f, 0x7c, 0x5c, 0x7e, 0x30fb, 0xb7, 0x2022, 0x2027,
  0x2605, 0x2606, 0x25c6, 0x25c7, 0x25a0, 0x25a1, 0x25cf, 0x25ef, 0x203b, 0x266a, 0x2661, 0x2665,
];

/** Per `plain` code unit: its `compact` code unit, or -1 to drop it (separators). '\n' and '-' are handled in `buildCompact`. */
const COMPACT = buildCompactTable();

function buildCompactTable(): Int32Array {
  const table = new Int32Array(0x10000);
  for (let c = 0; c < 0x10000; c++) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20;
  for (let c = 0x30a1; c <= 0x30f6; c++) table[c] = c - 0x60;
  table[0x30fd] = 0x309d;
  table[0x30fe] = 0x309e;
  for (let c = 0xc0; c <= 0x52f; c++) {
    const latin = homoglyphToLatin(c);
    const lower = String.fromCharCode(c).toLowerCase();
    table[c] = latin !== -1 ? latin : lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  table[0x2018] = 0x27; // ‘ ’ → ' (don’t → don't)
  table[0x2019] = 0x27;
  for (const c of SEPARATORS) table[c] = -1;
  return table;
}

function isKatakana(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
}

/** A folded code unit that is a Latin letter or a digit: English words are runs of these. */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Length of the run of word characters of `plain` starting at `k`, folded (at most 2: only "one or more" matters). */
function wordRunAhead(codes: Uint16Array, k: number, n: number): number {
  let len = 0;
  while (k + len < n && len < 2 && isWordCode(COMPACT[codes[k + len] as number] as number)) len++;
  return len;
}

function buildCompact(plain: MappedBuilder, out: MappedBuilder): MappedBuilder {
  out.reset();
  const codes = plain.codes;
  const n = plain.length;
  /** Characters of the word piece that ends the output (0 when the output ends in anything but a Latin letter or digit). */
  let piece = 0;
  /** Index in `plain` of the first whitespace after that piece, or -1. */
  let gap = -1;
  for (let k = 0; k < n; k++) {
    const c = codes[k] as number;
    // Kanji and hiragana are their own folded form, katakana folds by an offset: answered by range, without a table read.
    let folded = (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x3096) ? c : c >= 0x30a1 && c <= 0x30f6 ? c - 0x60 : (COMPACT[c] as number);
    if (c === NL) {
      const last = out.last();
      folded = last !== -1 && last !== MARU ? MARU : -1;
    } else if (c === HYPHEN && k > 0 && k + 1 < n && isKatakana(codes[k - 1] as number) && isKatakana(codes[k + 1] as number)) {
      folded = 0x30fc; // グル―プ → ぐるーぷ
    }
    if (folded === -1) {
      if (c === SPACE && piece > 0 && gap === -1) gap = k;
      continue;
    }
    if (isWordCode(folded)) {
      if (gap === -1) piece++;
      else {
        // Words that whitespace separates stay apart ("wire the funds"), unless both are one
        // character ("L I N E", "1 2 3 4"): that is one word spaced out, and it is glued.
        if (!(piece === 1 && wordRunAhead(codes, k, n) === 1)) out.push(SPACE, plain.starts[gap] as number, plain.ends[gap] as number);
        piece = 1;
      }
    } else {
      piece = 0;
    }
    gap = -1;
    out.push(folded, plain.starts[k] as number, plain.ends[k] as number);
  }
  return out;
}

/** UTF-16 length to analyse: at most `maxChars`, never ending between the halves of a surrogate pair. */
function boundedLength(body: string, maxChars: number): number {
  const limit = Number.isNaN(maxChars) ? MAX_ANALYSED_CHARS : Number.isFinite(maxChars) ? Math.max(0, Math.floor(maxChars)) : body.length;
  let n = Math.min(body.length, limit);
  if (n > 0 && n < body.length) {
    const hi = body.charCodeAt(n - 1);
    const lo = body.charCodeAt(n);
    if (hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff) n--;
  }
  return n;
}

/**
 * Prepares a message body for detection (see the module comment). Linear time; never throws for
 * any string. Example: `prepareText('[To:1]柴田さん\n０７０－００３８')` → plain `'柴田さん\n070-0038'`,
 * compact `'柴田さん。0700038'`, mentions `[1]`.
 */
export function prepareText(body: string, maxChars: number = MAX_ANALYSED_CHARS): PreparedText {
  const original = typeof body === 'string' ? body : String(body ?? '');
  const analysedLength = boundedLength(original, maxChars);
  const markup = scanMarkup(original, analysedLength);
  const plain = PLAIN_SCRATCH.reset();
  let pos = 0;
  for (const cut of markup.cuts) {
    normaliseRange(plain, original, pos, cut.start);
    if (cut.block && plain.length > 0 && plain.last() !== NL) plain.push(NL, cut.start, cut.end);
    pos = cut.end;
  }
  normaliseRange(plain, original, pos, analysedLength);
  foldLongVowelBetweenDigits(plain);
  const compact = buildCompact(plain, COMPACT_SCRATCH);
  const maps = new Int32Array(2 * plain.length + 2 * compact.length + 2);
  const plainMaps = plain.copyMaps(maps, 0, analysedLength);
  const compactMaps = compact.copyMaps(maps, 2 * plain.length + 1, analysedLength);
  return {
    original,
    analysedLength,
    truncated: original.length > analysedLength,
    plain: plain.text(),
    plainMap: plainMaps.starts,
    plainEnds: plainMaps.ends,
    compact: compact.text(),
    compactMap: compactMaps.starts,
    compactEnds: compactMaps.ends,
    mentions: markup.mentions,
    quotes: markup.quotes,
  };
}

/**
 * Maps a [start, end) span of `plain` or `compact` back to the original body. The span is widened
 * to whole source units (a span over 平 of ㍻ covers ㍻); removed tags after the span are not
 * included. `text === original.slice(start, end)` always holds.
 */
export function toEvidence(p: PreparedText, form: 'plain' | 'compact', start: number, end: number): Evidence {
  const starts = form === 'plain' ? p.plainMap : p.compactMap;
  const ends = form === 'plain' ? p.plainEnds : p.compactEnds;
  const n = ends.length;
  const s = Math.min(Math.max(0, Math.floor(start) || 0), n);
  const e = Math.min(Math.max(s, Math.floor(end) || 0), n);
  const from = starts[s] as number;
  const to = e > s ? (ends[e - 1] as number) : from;
  return { text: p.original.slice(from, to), start: from, end: to };
}

/**
 * The exact fold of `compact`, for lexicon words: a rule author can write 「ＬＩＮＥグループ」 or
 * 「ライン」 and match the message's `compact`. Chatwork notation is not removed here.
 * Example: `foldForMatch('ＬＩＮＥ グループ')` → `'lineぐるーぷ'`.
 */
export function foldForMatch(s: string): string {
  const text = typeof s === 'string' ? s : String(s ?? '');
  // Long input gets its own buffers, so the shared scratch never stays large.
  const small = text.length <= FOLD_SCRATCH_MAX;
  const plain = small ? FOLD_PLAIN_SCRATCH.reset() : new MappedBuilder(text.length + 16);
  normaliseRange(plain, text, 0, text.length);
  foldLongVowelBetweenDigits(plain);
  return buildCompact(plain, small ? FOLD_COMPACT_SCRATCH : new MappedBuilder(plain.length)).text();
}
