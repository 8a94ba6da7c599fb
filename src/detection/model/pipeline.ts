/**
 * From corpora to a model file: vectorise every line, estimate generalisation by
 * leave-one-company-out cross-validation (train on all companies but one, score the one left out),
 * choose the thresholds on those held-out scores, fit the final model on everything, quantise and
 * prune it. Pure given the corpora; `scripts/train-model.ts` does the file work.
 */
import { prepareText } from '../text.ts';
import type { CompanyCorpus, LabelledReport } from './corpus.ts';
import { forEachFeature, featureLabel, NAMED_FEATURES, namedBucket, SPAN_NONE, type FeatureConfig } from './features.ts';
import { encodeWeights, MODEL_FORMAT, type HeldOut, type ModelFile } from './model-file.ts';
import { fit, fittedLogit, probabilityOf, weightLookup, type Fitted, type TrainingVector } from './train.ts';

/** Everything that decides the model besides the data. */
export interface TrainingSettings {
  features: FeatureConfig;
  l1: number;
  l2: number;
  iterations: number;
  /** Weights are rounded to multiples of this… */
  scale: number;
  /** …and dropped when smaller than this in magnitude. */
  prune: number;
}

/** The settings the committed model is trained with (chosen by leave-one-company-out, see README.md). */
export const DEFAULT_SETTINGS: TrainingSettings = {
  features: { bits: 16, charMin: 2, charMax: 4, words: true, form: true, context: false },
  l1: 0,
  l2: 3e-5,
  iterations: 300,
  scale: 1e-2,
  prune: 0.1,
};

/** Thresholds the held-out table reports on. */
export const REPORTED_THRESHOLDS = [0.3, 0.5, 0.7, 0.8, 0.9] as const;

/** Held-out false-positive rates the two thresholds are chosen for (pooled over companies). */
export const STRONG_FPR = 0.02;
export const SUPPORTING_FPR = 0.1;

/** One line, vectorised. */
export interface Vectorised extends TrainingVector {
  line: LabelledReport;
}

/** Vectorises every line; `labels` (when given) learns a readable name for each bucket, first seen wins. */
export function vectoriseCorpora(corpora: readonly CompanyCorpus[], config: FeatureConfig, labels?: Map<number, string>): Vectorised[] {
  const out: Vectorised[] = [];
  for (const company of corpora) {
    for (const line of company.lines) {
      const text = prepareText(line.report.message.body);
      const seen = new Set<number>();
      const ctx = { roomType: line.report.context?.roomType ?? null, contactAgeMinutes: line.contactAgeMinutes, senderInLedger: line.senderInLedger };
      forEachFeature(text, ctx, config, function add(bucket, span, from, to) {
        seen.add(bucket);
        if (labels && span !== SPAN_NONE && !labels.has(bucket)) labels.set(bucket, featureLabel(text, span, from, to));
      });
      out.push({ buckets: Int32Array.from(seen).sort(), label: line.label, line });
    }
  }
  if (labels) for (const name of NAMED_FEATURES) if (!labels.has(namedBucket(name, config.bits))) labels.set(namedBucket(name, config.bits), name);
  return out;
}

/** Rounds weights to multiples of `scale` and drops those under `prune`. */
export function quantise(model: Fitted, scale: number, prune: number): Fitted & { quantised: Int32Array } {
  const keep: number[] = [];
  for (let k = 0; k < model.weights.length; k++) {
    const w = model.weights[k] as number;
    if (Math.abs(w) >= prune && Math.round(w / scale) !== 0) keep.push(k);
  }
  const quantised = Int32Array.from(keep, (k) => Math.round((model.weights[k] as number) / scale));
  return {
    bias: Math.round(model.bias * 1e6) / 1e6 || 0,
    buckets: Int32Array.from(keep, (k) => model.buckets[k] as number),
    weights: Float64Array.from(quantised, (q) => q * scale),
    quantised,
  };
}

/** Area under the ROC curve (ties count half). NaN when one class is missing. */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => (labels[i] === 1 ? pos : neg).push(s));
  if (pos.length === 0 || neg.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** Recall and false-positive rate of `score ≥ threshold`. */
export function ratesAt(scores: readonly number[], labels: readonly (0 | 1)[], threshold: number): { recall: number; fpr: number } {
  let tp = 0;
  let fp = 0;
  let p = 0;
  let n = 0;
  scores.forEach((s, i) => {
    if (labels[i] === 1) {
      p++;
      if (s >= threshold) tp++;
    } else {
      n++;
      if (s >= threshold) fp++;
    }
  });
  return { recall: p === 0 ? Number.NaN : tp / p, fpr: n === 0 ? Number.NaN : fp / n };
}

/** A held-out score: which line, its label, the probability the model trained without its company gave it. */
export interface HeldOutScore {
  line: LabelledReport;
  probability: number;
}

/** Trains on the given vectors and returns the quantised model (what would be shipped). */
export function trainQuantised(vectors: readonly TrainingVector[], settings: TrainingSettings): Fitted & { quantised: Int32Array } {
  return quantise(fit(vectors, settings), settings.scale, settings.prune);
}

/** Leave-one-company-out: every line scored by a model that never saw its company. */
export function leaveOneCompanyOut(vectors: readonly Vectorised[], settings: TrainingSettings): HeldOutScore[] {
  const companies = [...new Set(vectors.map((v) => v.line.company))];
  const out: HeldOutScore[] = [];
  for (const company of companies) {
    const model = trainQuantised(vectors.filter((v) => v.line.company !== company), settings);
    const lookup = weightLookup(model);
    for (const v of vectors) if (v.line.company === company) out.push({ line: v.line, probability: probabilityOf(fittedLogit(model, v.buckets, lookup)) });
  }
  return out;
}

/** Per company: AUC and recall/FPR at each threshold. */
export function heldOutTable(scores: readonly HeldOutScore[], thresholds: readonly number[]): HeldOut[] {
  const companies = [...new Set(scores.map((s) => s.line.company))];
  return companies.map((company) => {
    const mine = scores.filter((s) => s.line.company === company);
    const p = mine.map((s) => s.probability);
    const y = mine.map((s) => s.line.label);
    return {
      company,
      fraud: y.filter((l) => l === 1).length,
      benign: y.filter((l) => l === 0).length,
      auc: round4(auc(p, y)),
      at: thresholds.map((threshold) => {
        const r = ratesAt(p, y, threshold);
        return { threshold, recall: round4(r.recall), fpr: round4(r.fpr) };
      }),
    };
  });
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * The lowest threshold (on a 0.01 grid, 0.5…0.99) whose pooled held-out false-positive rate is at
 * most `fpr` and at most twice that for every company: a threshold that one company's wording alone
 * breaks is not one to rely on.
 */
export function chooseThreshold(scores: readonly HeldOutScore[], fpr: number): number {
  const companies = [...new Set(scores.map((s) => s.line.company))];
  for (let k = 50; k <= 99; k++) {
    const t = k / 100;
    const pooled = ratesAt(scores.map((s) => s.probability), scores.map((s) => s.line.label), t).fpr;
    if (pooled > fpr) continue;
    const worst = Math.max(
      ...companies.map((c) => {
        const mine = scores.filter((s) => s.line.company === c);
        return ratesAt(mine.map((s) => s.probability), mine.map((s) => s.line.label), t).fpr;
      }),
    );
    if (worst <= 2 * fpr) return t;
  }
  return 0.99;
}

/** The readable strongest features of each side. */
function strongest(model: Fitted, labels: Map<number, string>, count: number): ModelFile['strongest'] {
  const named = model.buckets.length === 0 ? [] : Array.from(model.buckets, (b, k) => [labels.get(b) ?? `#${b}`, round4(model.weights[k] as number)] as [string, number]);
  const byWeight = (a: [string, number], b: [string, number]): number => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return {
    fraud: named.filter((x) => x[1] > 0).sort(byWeight).slice(0, count),
    benign: named.filter((x) => x[1] < 0).sort((a, b) => byWeight(b, a)).slice(0, count),
  };
}

/** Result of a training run: the model file and the held-out scores behind its evaluation. */
export interface TrainingRun {
  file: ModelFile;
  heldOut: HeldOutScore[];
}

/**
 * The whole training: cross-validation (skipped with `crossValidate: false`, e.g. for a quick
 * determinism check; thresholds are then 0.5/0.9 and the evaluation empty), then the final fit.
 */
export function trainModel(corpora: readonly CompanyCorpus[], dataSha256: string, settings: TrainingSettings = DEFAULT_SETTINGS, crossValidate = true): TrainingRun {
  const labels = new Map<number, string>();
  const vectors = vectoriseCorpora(corpora, settings.features, labels);
  const heldOut = crossValidate && corpora.length > 1 ? leaveOneCompanyOut(vectors, settings) : [];
  const thresholds = heldOut.length > 0 ? { supporting: chooseThreshold(heldOut, SUPPORTING_FPR), strong: chooseThreshold(heldOut, STRONG_FPR) } : { supporting: 0.5, strong: 0.9 };
  const table = heldOutTable(heldOut, [...new Set([...REPORTED_THRESHOLDS, thresholds.supporting, thresholds.strong])].sort((a, b) => a - b));
  const model = trainQuantised(vectors, settings);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    features: settings.features,
    training: {
      dataSha256,
      companies: corpora.map((c) => ({ name: c.name, fraud: c.lines.filter((l) => l.label === 1).length, benign: c.lines.filter((l) => l.label === 0).length })),
      l1: settings.l1,
      l2: settings.l2,
      iterations: settings.iterations,
    },
    thresholds,
    evaluation: {
      pooledAuc: heldOut.length > 0 ? round4(auc(heldOut.map((s) => s.probability), heldOut.map((s) => s.line.label))) : 0,
      heldOut: table,
    },
    bias: model.bias,
    scale: settings.scale,
    nonZero: model.buckets.length,
    weights: encodeWeights(model.buckets, model.quantised),
    strongest: strongest(model, labels, 40),
  };
  return { file, heldOut };
}
