/**
 * Inference of the wording model: the probability that a message is fraud, from its wording alone,
 * and why: the strongest fraud-leaning n-grams of the message, as evidence in the original body.
 *
 * The score is logistic regression over binary features scaled by 1/√(distinct features):
 * `p = σ(bias + Σ w[f] / √D)`. Scoring is one pass over the analysed text with no allocation (a
 * generation-stamped array remembers which buckets this message has already counted); the
 * explanation is a second pass, asked for only when it will be shown.
 */
import type { Report } from '../../domain/report.ts';
import type { PreparedText } from '../text.ts';
import { toEvidence } from '../text.ts';
import type { Evidence } from '../types.ts';
import {
  forEachFeature,
  featureLabel,
  NAMED_FEATURES,
  namedBucket,
  SPAN_COMPACT,
  SPAN_NONE,
  SPAN_ORIGINAL,
  SPAN_PLAIN,
  type FeatureContext,
  type SpanForm,
} from './features.ts';
import type { WordingModel } from './model-file.ts';

/** The model's view of one message. */
export interface ModelAssessment {
  /** Probability of fraud from the wording, 0…1 (leave-one-company-out calibrated thresholds live in the model file). */
  probability: number;
  /** The passages of the original body that pushed hardest towards fraud (`text === body.slice(start, end)`), in body order. */
  evidence: Evidence[];
  /** The strongest fraud-leaning features, readable: folded n-grams (「ぎふと」), English words, notation. */
  features: string[];
}

/** Evidence passages and features returned at most. */
export const MAX_EVIDENCE = 5;
export const MAX_FEATURES = 8;
/** Longest evidence passage, in folded characters. */
const MAX_PASSAGE = 24;

/** The facts of a report the optional context features use (ignored by a model without them). */
export function featureContext(report: Report, facts: { contactAgeMinutes?: number | null; senderInLedger?: boolean } = {}): FeatureContext {
  return { roomType: report.context?.roomType ?? null, contactAgeMinutes: facts.contactAgeMinutes ?? null, senderInLedger: facts.senderInLedger ?? null };
}

/** Per-bucket stamp of the message that last counted it; one array per hash size, reused by every call. */
let stamps = new Uint32Array(0);
let generation = 0;

function nextGeneration(size: number): number {
  if (stamps.length !== size) {
    stamps = new Uint32Array(size);
    generation = 0;
  }
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    stamps.fill(0);
    generation = 1;
  }
  return generation;
}

/** Running sums of the scoring pass (module scope: the sink is created once, not per message). */
const pass: { weights: Float32Array; gen: number; sum: number; distinct: number } = { weights: new Float32Array(0), gen: 0, sum: 0, distinct: 0 };

function scoreSink(bucket: number): void {
  if (stamps[bucket] === pass.gen) return;
  stamps[bucket] = pass.gen;
  pass.distinct++;
  pass.sum += pass.weights[bucket] as number;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** The model's log-odds for a message, and how many distinct features it has. */
export function modelLogit(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): { logit: number; distinct: number } {
  pass.weights = model.weights;
  pass.gen = nextGeneration(model.weights.length);
  pass.sum = 0;
  pass.distinct = 0;
  forEachFeature(text, ctx, model.config, scoreSink);
  const logit = pass.distinct === 0 ? model.bias : model.bias + pass.sum / Math.sqrt(pass.distinct);
  return { logit, distinct: pass.distinct };
}

/** Probability of fraud from the wording alone. The fast path: no explanation, no allocation. */
export function modelProbability(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): number {
  return sigmoid(modelLogit(model, text, ctx).logit);
}

interface Occurrence {
  bucket: number;
  span: SpanForm;
  from: number;
  to: number;
  contribution: number;
}

/** Index of the first entry of the ascending `map` that is ≥ `value` (the map has a sentinel at the end). */
function lowerBound(map: Int32Array, value: number): number {
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first occurrence of every distinct feature with a non-zero weight, with its share of the logit. */
function occurrences(model: WordingModel, text: PreparedText, ctx: FeatureContext, distinct: number): Occurrence[] {
  const inv = distinct === 0 ? 0 : 1 / Math.sqrt(distinct);
  const gen = nextGeneration(model.weights.length);
  const out: Occurrence[] = [];
  forEachFeature(text, ctx, model.config, function collect(bucket, span, from, to) {
    if (stamps[bucket] === gen) return;
    stamps[bucket] = gen;
    const w = model.weights[bucket] as number;
    if (w !== 0) out.push({ bucket, span, from, to, contribution: w * inv });
  });
  return out;
}

/** [from, to) of `compact` covering a span of `plain` (both map into the original). */
function plainToCompact(text: PreparedText, from: number, to: number): [number, number] {
  const start = text.plainMap[from] as number;
  const end = to > from ? (text.plainEnds[to - 1] as number) : start;
  return [lowerBound(text.compactMap, start), lowerBound(text.compactMap, end)];
}

/** The best window of at most MAX_PASSAGE positions inside [from, to) by summed contribution. */
function bestWindow(share: Float64Array, from: number, to: number): [number, number, number] {
  let sum = 0;
  for (let k = from; k < Math.min(to, from + MAX_PASSAGE); k++) sum += share[k] as number;
  let best = sum;
  let bestFrom = from;
  for (let k = from + MAX_PASSAGE; k < to; k++) {
    sum += (share[k] as number) - (share[k - MAX_PASSAGE] as number);
    if (sum > best) {
      best = sum;
      bestFrom = k - MAX_PASSAGE + 1;
    }
  }
  return [bestFrom, Math.min(to, bestFrom + MAX_PASSAGE), best];
}

/** Character class for snapping evidence to whole words: ASCII letters/digits, katakana, kanji; 0 = none. */
function wordClass(c: number): number {
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return 1;
  if ((c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || (c >= 0xff66 && c <= 0xff9f)) return 2;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005) return 3;
  return 0;
}

/** Longest extension of a passage to finish a word it cut (「ギフ」 → 「ギフトカード」). */
const MAX_SNAP = 12;
/** Trimmed from both ends of a passage. */
const TRIM = new Set([0x20, 0x3000, 0x0a, 0x0d, 0x09, 0x3001, 0x3002, 0x2c, 0x2e, 0xff0c, 0xff0e, 0x21, 0x3f, 0xff01, 0xff1f, 0x30fb]);

/**
 * Widens evidence to whole words where it cut one (a run of ASCII letters/digits, katakana or
 * kanji, at most 12 units each way, never past the analysed prefix), then trims spaces and
 * punctuation from its ends. The result is still a slice of the original.
 */
function snap(text: PreparedText, e: Evidence): Evidence | null {
  const s = text.original;
  let start = e.start;
  let end = e.end;
  if (end <= start) return null;
  const first = wordClass(s.charCodeAt(start));
  for (let k = 0; k < MAX_SNAP && first !== 0 && start > 0 && wordClass(s.charCodeAt(start - 1)) === first; k++) start--;
  const last = wordClass(s.charCodeAt(end - 1));
  for (let k = 0; k < MAX_SNAP && last !== 0 && end < text.analysedLength && wordClass(s.charCodeAt(end)) === last; k++) end++;
  while (start < end && TRIM.has(s.charCodeAt(start))) start++;
  while (end > start && TRIM.has(s.charCodeAt(end - 1))) end--;
  return end > start ? { text: s.slice(start, end), start, end } : null;
}

/** Evidence sorted by start, with overlapping or touching passages joined. */
function mergeOverlaps(original: string, sorted: Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && e.start <= prev.end) {
      const end = Math.max(prev.end, e.end);
      out[out.length - 1] = { text: original.slice(prev.start, end), start: prev.start, end };
    } else out.push(e);
  }
  return out;
}

/**
 * The probability and its explanation: the passages whose n-grams and words pushed hardest
 * towards fraud (each feature's share spread over the folded characters it covers; neighbouring
 * fraud-leaning characters form one passage, at most 24 folded characters), mapped back to the
 * original body, and the strongest features by name.
 *
 * @example
 *   const text = prepareText(report.message.body);
 *   const a = modelAssessment(report, text);
 *   a.probability // 0.97
 *   a.evidence    // [{ text: 'Apple Gift Card', start: 31, end: 46 }, …]
 *   a.features    // ['gift card', 'ぎふと', …]
 */
export function assessWith(model: WordingModel, report: Report, text: PreparedText, facts: { contactAgeMinutes?: number | null; senderInLedger?: boolean } = {}): ModelAssessment {
  const ctx = featureContext(report, facts);
  const { logit, distinct } = modelLogit(model, text, ctx);
  const probability = sigmoid(logit);
  const found = occurrences(model, text, ctx, distinct);
  const share = new Float64Array(text.compact.length);
  const passages: { score: number; evidence: Evidence }[] = [];
  for (const o of found) {
    if (o.span === SPAN_COMPACT || o.span === SPAN_PLAIN) {
      const [from, to] = o.span === SPAN_COMPACT ? [o.from, o.to] : plainToCompact(text, o.from, o.to);
      if (to <= from) continue;
      const each = o.contribution / (to - from);
      for (let k = from; k < to; k++) share[k] = (share[k] as number) + each;
    } else if (o.span === SPAN_ORIGINAL && o.contribution > 0) {
      passages.push({ score: o.contribution, evidence: { text: text.original.slice(o.from, o.to), start: o.from, end: o.to } });
    }
  }
  for (let k = 0; k < share.length; ) {
    if ((share[k] as number) <= 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < share.length && (share[end] as number) > 0) end++;
    const [from, to, score] = bestWindow(share, k, end);
    const evidence = snap(text, toEvidence(text, 'compact', from, to));
    if (evidence) passages.push({ score, evidence });
    k = end;
  }
  passages.sort((a, b) => b.score - a.score || a.evidence.start - b.evidence.start);
  const top = passages[0]?.score ?? 0;
  const chosen = passages
    .filter((p) => p.score > 0 && p.score >= 0.2 * top)
    .slice(0, MAX_EVIDENCE)
    .map((p) => p.evidence)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const evidence = mergeOverlaps(text.original, chosen);

  const features: string[] = [];
  const positive = found.filter((o) => o.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  for (const o of positive) {
    const label = o.span === SPAN_NONE ? (NAMED_FEATURES.find((n) => namedBucket(n, model.config.bits) === o.bucket) ?? '') : featureLabel(text, o.span, o.from, o.to);
    if (label.trim() !== '' && !features.includes(label)) features.push(label);
    if (features.length >= MAX_FEATURES) break;
  }
  return { probability, evidence, features };
}
