/**
 * The wording model: a statistical second opinion on a message's wording, trained in the
 * repository on the development corpus (`npm run train`), contributing one signal whose evidence
 * is the message's strongest fraud-leaning n-grams. It never replaces the rules' signals; how much
 * it may move a verdict is decided by the scoring (see README.md of this folder).
 *
 * @example
 *   const text = prepareText(report.message.body);     // the engine's own prepared text
 *   const assessment = modelAssessment(report, text);   // { probability, evidence, features }
 *   const signal = modelSignal(assessment);             // null below the supporting threshold
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Report } from '../../domain/report.ts';
import type { PreparedText } from '../text.ts';
import type { Bilingual, Evidence, Signal } from '../../domain/detection.ts';
import { assessWith, featureContext, modelProbability, type ExplainWhen, type ModelAssessment } from './assess.ts';
import { loadModel, type WordingModel } from './model-file.ts';

export type { ExplainWhen, ModelAssessment } from './assess.ts';
export type { WordingModel } from './model-file.ts';

/** The committed model file, next to this module. */
export const MODEL_FILE = fileURLToPath(new URL('./wording-model.json', import.meta.url));

let cached: WordingModel | null = null;

/** The committed model, read and validated on first use (not at import), then kept. */
export function defaultModel(): WordingModel {
  cached ??= loadModel(JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')));
  return cached;
}

/** Options of `modelAssessment` and `modelFraudProbability`. */
export interface ModelOptions {
  /** The model to use (the committed one by default). */
  model?: WordingModel;
  /** Facts a model trained with context features uses (the committed one does not). */
  contactAgeMinutes?: number | null;
  senderInLedger?: boolean;
  /** Explain only at or above the supporting threshold (default), or always. */
  explain?: ExplainWhen;
}

/** Probability of fraud from the wording, without an explanation: one pass, no allocation (a few µs). */
export function modelFraudProbability(report: Report, text: PreparedText, options: ModelOptions = {}): number {
  return modelProbability(options.model ?? defaultModel(), text, featureContext(report, options));
}

/**
 * Probability of fraud from the wording, with the passages of the original body that pushed
 * hardest towards fraud and the strongest features by name (both empty under the supporting
 * threshold unless `explain: 'always'`). `text` is the engine's `prepareText(report.message.body)`,
 * so only the analysed prefix (20,000 UTF-16 units) is read.
 */
export function modelAssessment(report: Report, text: PreparedText, options: ModelOptions = {}): ModelAssessment {
  return assessWith(options.model ?? defaultModel(), report, text, options, options.explain);
}

/** Rule id of the model's signal. */
export const MODEL_RULE_ID = 'model.wording';

const TITLE: Bilingual = { ja: '文面が過去の詐欺の文面と似ています', en: 'The wording resembles known fraud' };
const EXPLANATION: Bilingual = {
  ja: '開発用の事例（詐欺と正常な業務連絡）から学習した統計モデルが、この文面の言い回しは詐欺の文面に多く、正常な連絡には少ないと判断しました。強調した語句がその根拠です。ルールとは別の補助的な判断なので、送信者の確認は台帳の連絡先で行ってください。',
  en: 'A statistical model trained on example messages (fraud and ordinary business chat) finds this wording common in fraud and rare in ordinary messages; the highlighted passages weighed most. It is a second opinion beside the rules: verify the sender through the contact details in the ledger.',
};

/**
 * The model's signal, or null when the probability is under the model's `supporting` threshold.
 * `strong` at or above the `strong` threshold, `weak` otherwise. Its category is `context`, which
 * the scoring ignores until it is wired in by rule id (`model.wording`).
 */
export function modelSignal(assessment: ModelAssessment, thresholds: { supporting: number; strong: number } = defaultModel().file.thresholds): Signal | null {
  const p = assessment.probability;
  if (!(p >= thresholds.supporting)) return null;
  const percent = Math.round(p * 100);
  return {
    ruleId: MODEL_RULE_ID,
    title: TITLE,
    category: 'context',
    explanation: EXPLANATION,
    detail: { ja: `詐欺らしさ（モデルの確率）: ${percent}%`, en: `Fraud likelihood (model probability): ${percent}%` },
    strength: p >= thresholds.strong ? 'strong' : 'weak',
    evidence: assessment.evidence,
  };
}

/**
 * The model's signal for a message, its evidence computed the first time it is read (and then
 * kept), or null under the supporting threshold. Scoring needs only the probability, one pass
 * without an explanation; the explanation (a second pass recording every feature, then the
 * passages) is paid by whoever shows or stores the signal, not by every verdict (eval, the
 * finance-room watch and the contact-request guard read verdicts of many messages and show few).
 * A reader sees an ordinary property: `JSON.stringify`, spreads and equality read it like any other.
 */
export function explainedLater(report: Report, text: PreparedText, model: WordingModel = defaultModel()): { probability: number; signal: Signal | null } {
  const probability = modelProbability(model, text, featureContext(report));
  const signal = modelSignal({ probability, evidence: [], features: [] }, model.file.thresholds);
  if (signal) lazyProperty(signal, 'evidence', (): Evidence[] => assessWith(model, report, text, {}, 'always').evidence);
  return { probability, signal };
}

/** Replaces `key` of `target` by a getter that computes the value once and then becomes a plain property. */
function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  const settle = (value: T[K]): T[K] => {
    // A caller that froze the result keeps the getter (computed again on each read) rather than failing.
    if (!Object.isFrozen(target)) Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, { get: () => settle(compute()), set: settle, enumerable: true, configurable: true });
}
