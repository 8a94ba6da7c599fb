/**
 * Inference of the wording model: the probability that a message is fraud, from its wording alone,
 * and why: the strongest fraud-leaning passages of the message, as evidence in the original body.
 *
 * The score is logistic regression over binary features scaled by 1/√(distinct features):
 * `p = σ(bias + Σ w[f] / √D)`. Scoring is one pass over the analysed text with no allocation (each
 * bucket of the packed weight table carries the stamp of the last message that counted it). To
 * explain, the same pass also records the first occurrence of every weighted feature, and the
 * explanation works from that record.
 */
import type { Report } from '../../domain/report.ts';
import type { PreparedText } from '../text.ts';
import type { Evidence } from '../../domain/detection.ts';
import { featureLabel, NAMED_FEATURES, namedBucket, Occurrences, scorePacked, scored, SPAN_COMPACT, SPAN_NONE, SPAN_ORIGINAL, SPAN_PLAIN, type FeatureContext, type SpanForm } from './features.ts';
import type { WordingModel } from './model-file.ts';
import { choosePassages, shareRuns, type Candidate } from './passages.ts';

/** The model's view of one message. */
export interface ModelAssessment {
  /** Probability of fraud from the wording, 0…1 (the model file's thresholds say what is supporting or strong). */
  probability: number;
  /** The passages of the original body that pushed hardest towards fraud (`text === body.slice(start, end)`), in body order. */
  evidence: Evidence[];
  /** The strongest fraud-leaning features, readable: folded n-grams (「ぎふと」), `w:` English words, notation. */
  features: string[];
}

/** Evidence passages and features returned at most. */
export const MAX_EVIDENCE = 5;
export const MAX_FEATURES = 8;

/** When `assessWith` explains: only at or above the model's supporting threshold (the default), or always. */
export type ExplainWhen = 'supporting' | 'always';

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
function logitOf(model: WordingModel, text: PreparedText, ctx: FeatureContext, record: Occurrences | null): number {
  const units = scorePacked(text, ctx, model.config, model.table, nextStamp(model), record);
  const distinct = scored.distinct;
  return distinct === 0 ? model.bias : model.bias + (units * model.scale) / Math.sqrt(distinct);
}

/** The model's log-odds for a message, and how many distinct features it has. */
export function modelLogit(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): { logit: number; distinct: number } {
  const logit = logitOf(model, text, ctx, null);
  return { logit, distinct: scored.distinct };
}

/** Probability of fraud from the wording alone. The fast path: no explanation, no allocation. */
export function modelProbability(model: WordingModel, text: PreparedText, ctx: FeatureContext = {}): number {
  return sigmoid(logitOf(model, text, ctx, null));
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

/** Scratch reused by every explanation (JS is single-threaded and the pass does not re-enter). */
const RECORD = new Occurrences();
let SHARE = new Float64Array(1024);

/** Spreads each recorded feature's share of the log-odds over the folded characters it covers. */
function spreadShares(text: PreparedText, record: Occurrences, perUnit: number): Float64Array {
  const n = text.compact.length;
  if (SHARE.length < n) SHARE = new Float64Array(Math.max(n, 2 * SHARE.length));
  const share = SHARE;
  share.fill(0, 0, n);
  for (let k = 0; k < record.count; k++) {
    const span = record.span[k] as number;
    let a = record.from[k] as number;
    let b = record.to[k] as number;
    if (span === SPAN_PLAIN) {
      a = lowerBound(text.compactMap, text.plainMap[a] as number);
      b = lowerBound(text.compactMap, text.plainEnds[b - 1] as number);
    } else if (span !== SPAN_COMPACT) continue;
    if (b <= a) continue;
    const each = ((record.units[k] as number) * perUnit) / (b - a);
    for (let j = a; j < b; j++) share[j] = (share[j] as number) + each;
  }
  return share;
}

/** Scratch for `strongest`: sort keys (weight, then order of occurrence). */
let KEYS = new Float64Array(256);
const ORDER = 2 ** 24;

/**
 * Indices of the largest positive weights of the record, largest first (ties: first seen): those
 * within a factor of five of the largest, at most `count`. Sorted as packed numeric keys: a sort
 * with a comparator calls back into JS for every comparison and cost more than the rest of the
 * explanation.
 */
function strongest(record: Occurrences, count: number): number[] {
  let max = 0;
  for (let k = 0; k < record.count; k++) max = Math.max(max, record.units[k] as number);
  const floor = Math.max(1, max / 5);
  if (KEYS.length < record.count) KEYS = new Float64Array(Math.max(record.count, 2 * KEYS.length));
  let n = 0;
  for (let k = 0; k < record.count && k < ORDER; k++) {
    const w = record.units[k] as number;
    if (w >= floor) KEYS[n++] = w * ORDER + (ORDER - 1 - k);
  }
  const keys = KEYS.subarray(0, n).sort();
  const top: number[] = [];
  for (let j = n - 1; j >= 0 && top.length < count; j--) top.push(ORDER - 1 - ((keys[j] as number) % ORDER));
  return top;
}

function label(model: WordingModel, text: PreparedText, record: Occurrences, k: number): string {
  const span = record.span[k] as number;
  if (span === SPAN_NONE) return NAMED_FEATURES.find((name) => namedBucket(name, model.config.bits) === record.bucket[k]) ?? '';
  return featureLabel(text, span as SpanForm, record.from[k] as number, record.to[k] as number);
}

/**
 * The probability and its explanation: the passages whose n-grams and words pushed hardest
 * towards fraud (each feature's share spread over the folded characters it covers; neighbouring
 * fraud-leaning characters form one passage, at most 24 folded characters), mapped back to the
 * original body, and the strongest features by name. Under the supporting threshold (where no
 * signal is shown) the explanation is skipped unless `when` is 'always'.
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
  const record = RECORD;
  record.count = 0;
  const probability = sigmoid(logitOf(model, text, featureContext(report, facts), record));
  if (when !== 'always' && !(probability >= model.file.thresholds.supporting)) return { probability, evidence: [], features: [] };

  const distinct = scored.distinct;
  const perUnit = distinct === 0 ? 0 : model.scale / Math.sqrt(distinct);
  const candidates: Candidate[] = shareRuns(spreadShares(text, record, perUnit), text.compact.length, MAX_EVIDENCE);
  for (let k = 0; k < record.count; k++) {
    if (record.span[k] !== SPAN_ORIGINAL || (record.units[k] as number) <= 0) continue;
    const from = record.from[k] as number;
    const to = record.to[k] as number;
    candidates.push({ score: (record.units[k] as number) * perUnit, from, to, evidence: { text: text.original.slice(from, to), start: from, end: to } });
  }
  const evidence = choosePassages(text, candidates, MAX_EVIDENCE);

  const features: string[] = [];
  for (const k of strongest(record, 3 * MAX_FEATURES)) {
    const name = label(model, text, record, k);
    if (name.trim() !== '' && !features.includes(name)) features.push(name);
    if (features.length >= MAX_FEATURES) break;
  }
  return { probability, evidence, features };
}
