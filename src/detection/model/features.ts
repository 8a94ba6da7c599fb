/**
 * Features of the wording model: hashed character n-grams of the engine's folded text (`compact`,
 * digits folded to 0), hashed ASCII words and word pairs of `plain` (English is spaced; `compact`
 * drops the spaces), and a few message-form features (Chatwork [info]/[qt]/[To:] notation, a
 * link). Optionally, coarse context features (room type, contact age, sender in the ledger).
 *
 * `forEachFeature` enumerates them for training; `scorePacked` is the same enumeration without a
 * callback, for inference (a test holds the two equal); both live in this file, next to the
 * hashing helpers they share, so a change to one is seen in the other. Every feature occurrence carries
 * the span it came from, so an explanation can point at the original body through the engine's
 * own maps (`toEvidence`). Nothing here allocates per feature.
 */
import type { PreparedText } from '../text.ts';

/** Which features a model uses; stored in the model file, so inference extracts what training did. */
export interface FeatureConfig {
  /** Hash space: 2^bits buckets. */
  bits: number;
  /** Shortest and longest character n-gram of `compact`. */
  charMin: number;
  charMax: number;
  /** ASCII words and adjacent word pairs of `plain`. */
  words: boolean;
  /** Chatwork notation and links. */
  form: boolean;
  /** Room type, contact-age bucket, sender in the ledger. */
  context: boolean;
}

/** Where a feature occurrence lies: in `compact`, in `plain`, or in the original body. */
export const SPAN_COMPACT = 0;
export const SPAN_PLAIN = 1;
export const SPAN_ORIGINAL = 2;
/** A context feature: it has no place in the text. */
export const SPAN_NONE = 3;
export type SpanForm = typeof SPAN_COMPACT | typeof SPAN_PLAIN | typeof SPAN_ORIGINAL | typeof SPAN_NONE;

/** Receives each feature occurrence: its bucket and its [from, to) in the form named by `span`. */
export type FeatureSink = (bucket: number, span: SpanForm, from: number, to: number) => void;

/** What the context features look at; all optional (absent = unknown). */
export interface FeatureContext {
  roomType?: 'direct' | 'group' | null;
  /** Minutes from contact approval to the message. */
  contactAgeMinutes?: number | null;
  senderInLedger?: boolean | null;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Namespaces, so a word and an n-gram with the same characters are different features. */
const SEED_CHAR = 0x9e3779b1;
const SEED_WORD = 0x85ebca77;
const SEED_PAIR = 0xc2b2ae3d;
const SEED_TAG = 0x27d4eb2f;

/** Longest word (in letters) hashed whole; longer runs are cut into pieces of this length. */
const MAX_WORD = 24;

/**
 * Final mix before taking the top `bits`: fold the high half in, then a Fibonacci multiply, whose
 * top bits depend on every input bit. One multiply: this runs for every n-gram of every message.
 */
function mix(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x9e3779b1) >>> 0;
}

function step(h: number, c: number): number {
  return Math.imul(h ^ c, FNV_PRIME);
}

/** Digits fold to '0' in n-grams: an account number's shape matters, its value does not. */
function foldDigit(c: number): number {
  return c >= 0x30 && c <= 0x39 ? 0x30 : c;
}

function isAsciiLetter(c: number): boolean {
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a;
}

/** Hash of a string in a namespace (for named features: tags, context). */
export function hashName(seed: number, name: string): number {
  let h = FNV_OFFSET ^ seed;
  for (let k = 0; k < name.length; k++) h = step(h, name.charCodeAt(k));
  return mix(h);
}

/** The named features (form and context), hashed once. */
const TAG_NAMES = ['form:info', 'form:quote', 'form:to', 'form:link'] as const;
const CONTEXT_NAMES = [
  'room:direct', 'room:group', 'room:unknown',
  'contact:minutes', 'contact:days', 'contact:months', 'contact:unknown',
  'sender:ledger', 'sender:other',
] as const;
export type NamedFeature = (typeof TAG_NAMES)[number] | (typeof CONTEXT_NAMES)[number];
const NAMED_HASH = new Map<NamedFeature, number>([...TAG_NAMES, ...CONTEXT_NAMES].map((n) => [n, hashName(SEED_TAG, n)]));

/** Bucket of a named feature (for explanations and the model file's readable list). */
export function namedBucket(name: NamedFeature, bits: number): number {
  return (NAMED_HASH.get(name) as number) >>> (32 - bits);
}

/** Every named feature, for turning a bucket back into a name. */
export const NAMED_FEATURES: readonly NamedFeature[] = [...TAG_NAMES, ...CONTEXT_NAMES];

/** Character n-grams of `compact`, `charMin`…`charMax` long, digits folded. */
function charGrams(compact: string, config: FeatureConfig, sink: FeatureSink): void {
  const shift = 32 - config.bits;
  const n = compact.length;
  for (let i = 0; i < n; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    const top = Math.min(config.charMax, n - i);
    for (let k = 0; k < top; k++) {
      h = step(h, foldDigit(compact.charCodeAt(i + k)));
      if (k + 1 >= config.charMin) sink(mix(h) >>> shift, SPAN_COMPACT, i, i + k + 1);
    }
  }
}

/** ASCII words of `plain` (lower-cased, at least two letters) and pairs of neighbouring words on one line. */
function wordGrams(plain: string, config: FeatureConfig, sink: FeatureSink): void {
  const shift = 32 - config.bits;
  const n = plain.length;
  let prevHash = 0;
  let prevStart = -1;
  let i = 0;
  while (i < n) {
    const c = plain.charCodeAt(i);
    if (!isAsciiLetter(c)) {
      // A line break or a non-space non-letter character ends a phrase: no pair across it.
      if (c !== 0x20 && c !== 0x27) prevStart = -1;
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET ^ SEED_WORD;
    while (i < n && i - start < MAX_WORD && isAsciiLetter(plain.charCodeAt(i))) {
      h = step(h, plain.charCodeAt(i) | 0x20);
      i++;
    }
    if (i - start < 2) {
      prevStart = -1;
      continue;
    }
    const word = mix(h);
    sink(word >>> shift, SPAN_PLAIN, start, i);
    if (prevStart !== -1) sink(mix(step(step(FNV_OFFSET ^ SEED_PAIR, prevHash), word)) >>> shift, SPAN_PLAIN, prevStart, i);
    prevHash = word;
    prevStart = start;
  }
}

/** The analysed prefix of the body (a slice, not a copy: `indexOf` on it never reads the rest of a 1 MB body). */
function analysed(text: PreparedText): string {
  return text.original.length > text.analysedLength ? text.original.slice(0, text.analysedLength) : text.original;
}

/** Notation features: the feature and what marks it in the body. */
const TAGS: readonly [NamedFeature, string][] = [
  ['form:info', '[info]'],
  ['form:quote', '[qt]'],
  ['form:to', '[To:'],
  ['form:link', 'http'],
];

function formFeatures(text: PreparedText, config: FeatureConfig, sink: FeatureSink): void {
  const head = analysed(text);
  for (const [name, needle] of TAGS) {
    const k = head.indexOf(needle);
    if (k !== -1) sink(namedBucket(name, config.bits), SPAN_ORIGINAL, k, k + needle.length);
  }
}

/** The contact-age bucket: approved minutes/hours before (< 1 day), days (< 60), or months before. */
export function contactBucket(minutes: number | null | undefined): NamedFeature {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return 'contact:unknown';
  if (minutes < 24 * 60) return 'contact:minutes';
  if (minutes < 60 * 24 * 60) return 'contact:days';
  return 'contact:months';
}

function contextNames(ctx: FeatureContext): NamedFeature[] {
  const room: NamedFeature = ctx.roomType === 'direct' ? 'room:direct' : ctx.roomType === 'group' ? 'room:group' : 'room:unknown';
  const sender: NamedFeature = ctx.senderInLedger === true ? 'sender:ledger' : 'sender:other';
  return [room, contactBucket(ctx.contactAgeMinutes), sender];
}

function contextFeatures(ctx: FeatureContext, config: FeatureConfig, sink: FeatureSink): void {
  for (const name of contextNames(ctx)) sink(namedBucket(name, config.bits), SPAN_NONE, 0, 0);
}

/**
 * Calls `sink` once per feature occurrence of a prepared message (a feature can occur several
 * times; the model counts it once). Linear in the analysed text (at most `MAX_ANALYSED_CHARS`).
 */
export function forEachFeature(text: PreparedText, ctx: FeatureContext, config: FeatureConfig, sink: FeatureSink): void {
  charGrams(text.compact, config, sink);
  if (config.words) wordGrams(text.plain, config, sink);
  if (config.form) formFeatures(text, config, sink);
  if (config.context) contextFeatures(ctx, config, sink);
}

/** The readable form of a feature occurrence: the folded n-gram, `w:` and the lower-cased word(s), the tag. */
export function featureLabel(text: PreparedText, span: SpanForm, from: number, to: number): string {
  if (span === SPAN_COMPACT) {
    let out = '';
    for (let k = from; k < to; k++) out += String.fromCharCode(foldDigit(text.compact.charCodeAt(k)));
    return out;
  }
  if (span === SPAN_PLAIN) return `w:${text.plain.slice(from, to).toLowerCase().replace(/[^a-z]+/g, ' ')}`;
  if (span === SPAN_ORIGINAL) return text.original.slice(from, to);
  return '';
}

/**
 * Where the scoring pass writes, when asked, the first occurrence of every feature it counted with
 * a non-zero weight (for the explanation, which then needs no second pass): the weight in units,
 * the span form and [from, to). Grows as needed; `count` entries are valid.
 */
export class Occurrences {
  count = 0;
  units = new Int32Array(256);
  span = new Uint8Array(256);
  from = new Int32Array(256);
  to = new Int32Array(256);
  bucket = new Int32Array(256);

  push(units: number, span: number, from: number, to: number, bucket: number): void {
    if (this.count === this.units.length) this.grow();
    const k = this.count++;
    this.units[k] = units;
    this.span[k] = span;
    this.from[k] = from;
    this.to[k] = to;
    this.bucket[k] = bucket;
  }

  private grow(): void {
    const size = this.units.length * 2;
    const units = new Int32Array(size);
    const span = new Uint8Array(size);
    const from = new Int32Array(size);
    const to = new Int32Array(size);
    const bucket = new Int32Array(size);
    units.set(this.units);
    span.set(this.span);
    from.set(this.from);
    to.set(this.to);
    bucket.set(this.bucket);
    Object.assign(this, { units, span, from, to, bucket });
  }
}

/** The number of distinct features of the last `scorePacked` call. */
export const scored = { distinct: 0 };

/** Buckets of the tag features (in `TAGS` order) per hash size, computed once. */
const TAG_BUCKETS = new Map<number, Int32Array>();
function namedBuckets(bits: number): Int32Array {
  let b = TAG_BUCKETS.get(bits);
  if (!b) {
    b = Int32Array.from(TAGS, ([name]) => namedBucket(name, bits));
    TAG_BUCKETS.set(bits, b);
  }
  return b;
}
const NAMED_BUCKET = new Int32Array(TAGS.length + CONTEXT_NAMES.length);
const NAMED_FROM = new Int32Array(TAGS.length + CONTEXT_NAMES.length);
const NAMED_TO = new Int32Array(TAGS.length + CONTEXT_NAMES.length);

/**
 * The scoring pass, without a callback: the same features as `forEachFeature` (a test holds the two
 * equal), each counted once, looked up in a packed table where every bucket holds its weight (int16,
 * in units of the model's scale) in the low half and the stamp of the last message that counted it
 * in the high half, so one memory access both dedupes and reads the weight.
 * Returns the summed weight units; the number of distinct features is left in `scored.distinct`.
 * With `record`, the first occurrence of each feature with a non-zero weight is written there.
 */
export function scorePacked(text: PreparedText, ctx: FeatureContext, config: FeatureConfig, table: Int32Array, stamp: number, record: Occurrences | null = null): number {
  const shift = 32 - config.bits;
  const high = stamp << 16;
  let sum = 0;
  let distinct = 0;

  const compact = text.compact;
  const n = compact.length;
  const min = config.charMin;
  for (let i = 0; i < n; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    const top = Math.min(config.charMax, n - i);
    for (let k = 0; k < top; k++) {
      h = step(h, foldDigit(compact.charCodeAt(i + k)));
      if (k + 1 < min) continue;
      const b = mix(h) >>> shift;
      const v = table[b] as number;
      if (v >>> 16 === stamp) continue;
      table[b] = high | (v & 0xffff);
      distinct++;
      const w = (v << 16) >> 16;
      sum += w;
      if (record !== null && w !== 0) record.push(w, SPAN_COMPACT, i, i + k + 1, b);
    }
  }

  if (config.words) {
    const plain = text.plain;
    const m = plain.length;
    let prevHash = 0;
    let prevStart = -1;
    let i = 0;
    while (i < m) {
      const c = plain.charCodeAt(i);
      if (!isAsciiLetter(c)) {
        if (c !== 0x20 && c !== 0x27) prevStart = -1;
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET ^ SEED_WORD;
      while (i < m && i - start < MAX_WORD && isAsciiLetter(plain.charCodeAt(i))) {
        h = step(h, plain.charCodeAt(i) | 0x20);
        i++;
      }
      if (i - start < 2) {
        prevStart = -1;
        continue;
      }
      const word = mix(h);
      for (let twice = prevStart === -1 ? 1 : 0; twice < 2; twice++) {
        const b = (twice === 1 ? word : mix(step(step(FNV_OFFSET ^ SEED_PAIR, prevHash), word))) >>> shift;
        const v = table[b] as number;
        if (v >>> 16 === stamp) continue;
        table[b] = high | (v & 0xffff);
        distinct++;
        const w = (v << 16) >> 16;
        sum += w;
        if (record !== null && w !== 0) record.push(w, SPAN_PLAIN, twice === 1 ? start : prevStart, i, b);
      }
      prevHash = word;
      prevStart = start;
    }
  }

  if (config.form || config.context) {
    let count = 0;
    if (config.form) {
      const buckets = namedBuckets(config.bits);
      const head = analysed(text);
      for (let k = 0; k < TAGS.length; k++) {
        const needle = (TAGS[k] as [NamedFeature, string])[1];
        const at = head.indexOf(needle);
        if (at === -1) continue;
        NAMED_BUCKET[count] = buckets[k] as number;
        NAMED_FROM[count] = at;
        NAMED_TO[count++] = at + needle.length;
      }
    }
    const tags = count;
    if (config.context) for (const name of contextNames(ctx)) NAMED_BUCKET[count++] = namedBucket(name, config.bits);
    for (let k = 0; k < count; k++) {
      const b = NAMED_BUCKET[k] as number;
      const v = table[b] as number;
      if (v >>> 16 === stamp) continue;
      table[b] = high | (v & 0xffff);
      distinct++;
      const w = (v << 16) >> 16;
      sum += w;
      if (record !== null && w !== 0) {
        if (k < tags) record.push(w, SPAN_ORIGINAL, NAMED_FROM[k] as number, NAMED_TO[k] as number, b);
        else record.push(w, SPAN_NONE, 0, 0, b);
      }
    }
  }
  scored.distinct = distinct;
  return sum;
}
