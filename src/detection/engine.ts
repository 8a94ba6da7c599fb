/**
 * The detection engine: prepare the text, extract observables, find who the sender claims to be,
 * run every rule, and score the combination. Pure and synchronous; no I/O.
 *
 * The engine owns no rule list: whoever composes the app (src/runtime.ts, the CLI, the bench) passes
 * the rule set from rules/index.ts to `createDetector`, so rules/ depends on detection and not the
 * reverse.
 *
 * @example
 *   const detect = createDetector(ruleSet);
 *   const result = detect(report, directory);
 *   result.verdict // 'high'
 *   result.signals.map((s) => s.ruleId) // ['identity.impersonation', 'offplatform.group_qr', …]
 */
import type { Rule, RuleSet } from './rule.ts';
import type { Directory } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import { createRuleContext } from './context.ts';
import { matchIdentity, senderInLedger } from './identity.ts';
import { explainedLater, type WordingModel } from './model/index.ts';
import { extractObservables } from './observables.ts';
import { scoreSignals } from './score.ts';
import { foldForMatch, prepareText } from './text.ts';
import type { DetectionResult, Observable, Signal } from '../domain/detection.ts';

export interface DetectOptions {
  /** Reference time for "how new is this contact" when the message has no sentAt. */
  now?: Date;
  /** Rules to run instead of the detector's own (tests run one rule at a time). */
  rules?: readonly Rule[];
  /** The wording model (the committed one by default), or false to score the rules alone. */
  wording?: WordingModel | false;
}

/** Analyses one report against the ledger; see `createDetector`. */
export type Detector = (report: Report, directory: Directory, options?: DetectOptions) => DetectionResult;

/** A detector that runs `ruleSet` on every report. */
export function createDetector(ruleSet: RuleSet): Detector {
  return function detectWithRules(report, directory, options = {}) {
    return detect(report, directory, ruleSet, options);
  };
}

function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Minutes from contact approval to the message (or to `now`). */
function contactAge(report: Report, now: Date | undefined): number | null {
  const approved = parseTime(report.context?.contactApprovedAt);
  if (approved === null) return null;
  const sent = parseTime(report.message.sentAt) ?? now?.getTime() ?? null;
  return sent === null ? null : Math.round((sent - approved) / 60_000);
}

/** Decide how likely a forwarded message is an impersonation-fraud attempt, and why. */
export function detect(report: Report, directory: Directory, ruleSet: RuleSet, options: DetectOptions = {}): DetectionResult {
  const text = prepareText(report.message.body);
  const observables: Observable[] = extractObservables(text);
  const identity = matchIdentity(report, directory, text);
  const ctx = createRuleContext({
    report,
    text,
    directory,
    observables,
    identity,
    contactAgeMinutes: contactAge(report, options.now),
    senderInLedger: senderInLedger(report, directory),
    senderNameFolded: foldForMatch(report.message.sender?.name ?? ''),
  });
  // A warning that quotes a fraud's phrases asks for nothing: what it quotes is not read as asked.
  const aside = ruleSet.setAside?.(ctx);
  if (aside) ctx.ignoreSpans(aside.spans, aside.keep);

  const signals: Signal[] = [];
  for (const rule of options.rules ?? ruleSet.rules) {
    const m = rule.match(ctx);
    if (!m) continue;
    signals.push({
      ruleId: rule.id,
      title: rule.title,
      category: rule.category,
      explanation: rule.explanation,
      strength: m.strength,
      evidence: m.evidence,
      ...(m.detail ? { detail: m.detail } : {}),
    });
  }

  const senderId = report.message.sender?.accountId;
  if (senderId !== null && senderId !== undefined) {
    observables.push({
      kind: 'chatwork_account',
      value: String(senderId),
      display: `Chatwork ${senderId}`,
      evidence: { text: '', start: 0, end: 0 },
      details: { name: report.message.sender?.name ?? null },
    });
  }

  // The wording model: one more signal (its strongest passages as evidence) and one more part of the score.
  let wordingProbability: number | null = null;
  if (options.wording !== false) {
    const { probability, signal } = explainedLater(report, text, options.wording);
    if (signal) signals.push(signal);
    wordingProbability = probability;
  }

  const { score, verdict, summary } = scoreSignals(signals, identity, wordingProbability);
  return { verdict, score, signals, observables, identity, summary };
}
