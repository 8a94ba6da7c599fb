/**
 * Inference of the wording model: the probability that a message is fraud, from its wording alone,
 * and why: the strongest fraud-leaning n-grams of the message, as evidence in the original body.
 *
 * The score is logistic regression over binary features scaled by 1/√(distinct features):
 * `p = σ(bias + Σ w[f] / √D)`. Scoring is one pass over the analysed text with no allocation (each
 * bucket of the packed weight table carries the stamp of the last message that counted it); the
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
  scorePacked,
  scored,
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

/** A fresh stamp for one pass over one message (16 bits; on wrap-around every stamp in the table is cleared). */
function nextStamp(model: WordingModel): number {
  model.stamp = (model.stamp + 1) & 0xffff;
  if (model.stamp === 0) {
    const table = model.table;
    for (let k = 0; k < table.length; k++) table[k] = (table[k] as number) & 0xffff;
    model.stamp = 1;
  }
  return model.stamp;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Log-odds of a message; leaves its number of distinct features in `scored.distinct`. */
function logitOf(model: WordingModel, text: PreparedText, ctx: FeatureContext): number {
  const units = scorePacked(text, ctx, model.config, model.table, nextStamp(model));
  const distinct = scored.distinct;
  return distinct === 0 ? model.bias : model.bias + (units * model.scale) / Math.sqrt(distinct);
}

/** The model's log-odds for a message, and how many distinct features it has. */
export function modelLogit(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): { logit: number; distinct: number } {
  const logit = logitOf(model, text, ctx);
  return { logit, distinct: scored.distinct };
}

/** Probability of fraud from the wording alone. The fast path: no explanation, no allocation. */
export function modelProbability(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): number {
  return sigmoid(logitOf(model, text, ctx));
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

/**
 * The span forms as module constants: read in the per-feature sink, where an imported binding can
 * cost a getter call per read (tsx may load these files as CommonJS).
 */
const IN_COMPACT: number = SPAN_COMPACT;
const IN_PLAIN: number = SPAN_PLAIN;

/** A feature occurrence kept for the readable list. */
interface Strong {
  bucket: number;
  span: SpanForm;
  from: number;
  to: number;
  contribution: number;
}

/**
 * State of the explanation pass (module scope, so the sink is one function created once: the pass
 * runs for every message that will be shown, and a closure or an object per feature adds up).
 */
const ex = {
  model: null as WordingModel | null,
  text: null as PreparedText | null,
  stamp: 0,
  inv: 0,
  /** Per `compact` position: the share of the logit of the features covering it. */
  share: new Float64Array(1024),
  /** The strongest positive occurrences, strongest first (at most STRONG_KEPT). */
  strong: [] as Strong[],
};
/** Kept for the readable feature list: more than MAX_FEATURES, since several occurrences may read the same. */
const STRONG_KEPT = 3 * MAX_FEATURES;

function keepStrong(bucket: number, span: SpanForm, from: number, to: number, contribution: number): void {
  const strong = ex.strong;
  if (strong.length >= STRONG_KEPT && contribution <= (strong[strong.length - 1] as Strong).contribution) return;
  let k = strong.length;
  while (k > 0 && (strong[k - 1] as Strong).contribution < contribution) k--;
  strong.splice(k, 0, { bucket, span, from, to, contribution });
  if (strong.length > STRONG_KEPT) strong.pop();
}

function explainSink(bucket: number, span: SpanForm, from: number, to: number): void {
  const model = ex.model as WordingModel;
  const text = ex.text as PreparedText;
  const v = model.table[bucket] as number;
  if (v >>> 16 === ex.stamp) return;
  model.table[bucket] = (ex.stamp << 16) | (v & 0xffff);
  const w = (v << 16) >> 16;
  if (w === 0) return;
  const contribution = w * model.scale * ex.inv;
  if (contribution > 0) keepStrong(bucket, span, from, to, contribution);
  let a = from;
  let b = to;
  if (span === IN_PLAIN) {
    a = lowerBound(text.compactMap, text.plainMap[from] as number);
    b = lowerBound(text.compactMap, text.plainEnds[to - 1] as number);
  } else if (span !== IN_COMPACT) return;
  if (b <= a) return;
  const each = contribution / (b - a);
  const share = ex.share;
  for (let k = a; k < b; k++) share[k] = (share[k] as number) + each;
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

/** When `assessWith` explains: only at or above the model's supporting threshold (the default), or always. */
export type ExplainWhen = 'supporting' | 'always';

/** A passage candidate: a window of `compact`, or a piece of notation already in original offsets. */
interface Candidate {
  score: number;
  from: number;
  to: number;
  evidence: Evidence | null;
}

/**
 * The probability and its explanation: the passages whose n-grams and words pushed hardest
 * towards fraud (each feature's share spread over the folded characters it covers; neighbouring
 * fraud-leaning characters form one passage, at most 24 folded characters), mapped back to the
 * original body, and the strongest features by name. Under the supporting threshold (where no
 * signal is shown) the explanation is skipped unless `when` is 'always': it costs several times
 * the probability.
 *
 * @example
 *   const a = assessWith(defaultModel(), report, prepareText(report.message.body));
 *   a.probability // 0.98
 *   a.evidence    // [{ text: 'Apple のギフトカード', start: 6, end: 20 }, …]
 *   a.features    // ['送って', 'w:please', …]
 */
export function assessWith(
  model: WordingModel,
  report: Report,
  text: PreparedText,
  facts: { contactAgeMinutes?: number | null; senderInLedger?: boolean } = {},
  when: ExplainWhen = 'supporting',
): ModelAssessment {
  const ctx = featureContext(report, facts);
  const logit = logitOf(model, text, ctx);
  const distinct = scored.distinct;
  const probability = sigmoid(logit);
  if (when !== 'always' && !(probability >= model.file.thresholds.supporting)) return { probability, evidence: [], features: [] };

  const n = text.compact.length;
  if (ex.share.length < n) ex.share = new Float64Array(Math.max(n, 2 * ex.share.length));
  const share = ex.share;
  share.fill(0, 0, n);
  ex.model = model;
  ex.text = text;
  ex.stamp = nextStamp(model);
  ex.inv = distinct === 0 ? 0 : 1 / Math.sqrt(distinct);
  ex.strong = [];
  try {
    forEachFeature(text, ctx, model.config, explainSink);
  } finally {
    ex.model = null;
    ex.text = null;
  }
  const strong = ex.strong;

  // Passages: runs of fraud-leaning folded characters, each cut to its best window; and notation.
  const candidates: Candidate[] = [];
  for (let k = 0; k < n; ) {
    if ((share[k] as number) <= 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < n && (share[end] as number) > 0) end++;
    const [from, to, score] = bestWindow(share, k, end);
    candidates.push({ score, from, to, evidence: null });
    k = end;
  }
  for (const o of strong) {
    if (o.span === SPAN_ORIGINAL) candidates.push({ score: o.contribution, from: -1, to: -1, evidence: { text: text.original.slice(o.from, o.to), start: o.from, end: o.to } });
  }
  candidates.sort((a, b) => b.score - a.score || a.from - b.from);
  const top = candidates[0]?.score ?? 0;
  const chosen: Evidence[] = [];
  for (const c of candidates) {
    if (chosen.length >= MAX_EVIDENCE || c.score < 0.2 * top) break;
    const e = c.evidence ?? snap(text, toEvidence(text, 'compact', c.from, c.to));
    if (e) chosen.push(e);
  }
  chosen.sort((a, b) => a.start - b.start || a.end - b.end);
  const evidence = mergeOverlaps(text.original, chosen);

  const features: string[] = [];
  for (const o of strong) {
    const label = o.span === SPAN_NONE ? (NAMED_FEATURES.find((name) => namedBucket(name, model.config.bits) === o.bucket) ?? '') : featureLabel(text, o.span, o.from, o.to);
    if (label.trim() !== '' && !features.includes(label)) features.push(label);
    if (features.length >= MAX_FEATURES) break;
  }
  return { probability, evidence, features };
}
