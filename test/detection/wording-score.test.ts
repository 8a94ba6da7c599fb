/**
 * How far the wording model may move a verdict (src/detection/score.ts, `withWording`), part by
 * part, and the model's signal in a real detection. Messages are written for this test against the
 * fictitious ledger of rules/examples-ledger.ts; none appears in any corpus.
 */
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { defaultModel } from '../../src/detection/model/index.ts';
import { combine, THRESHOLDS, type ScoreParts } from '../../src/detection/score.ts';
import type { Report } from '../../src/domain/report.ts';

const detect = createDetector(ruleSet);

const T = { supporting: 0.5, strong: 0.63 };

function parts(over: Partial<ScoreParts>, probability: number | null): ScoreParts {
  const base: ScoreParts = {
    ask: 0,
    strongAskKinds: 0,
    identity: 0,
    executive: false,
    fresh: 0,
    pressure: new Set(),
    mitigations: 0,
    trusted: false,
    takeoverRedFlag: false,
    warning: false,
    concrete: false,
    wording: null,
  };
  // The level the model's signal would have at these thresholds (none under supporting, weak, strong).
  const level = probability === null ? null : probability >= T.strong ? 2 : probability >= T.supporting ? 1 : 0;
  return { ...base, ...over, wording: probability === null ? null : { probability, level: level as 0 | 1 | 2 } };
}

const medium = THRESHOLDS.medium;
const high = THRESHOLDS.high;

describe('the wording model in the score', () => {
  it('without the model the score is the rules’ own', () => {
    expect(combine(parts({ ask: 1 }, null))).toBe(20);
  });

  it('strong wording lifts a weak ask from an unknown sender to medium; supporting wording does not', () => {
    expect(combine(parts({ ask: 1, pressure: new Set(['pressure.urgency']) }, 0.8))).toBeGreaterThanOrEqual(medium);
    expect(combine(parts({ ask: 1, pressure: new Set(['pressure.urgency']) }, 0.55))).toBeLessThan(medium);
    expect(combine(parts({ ask: 1, pressure: new Set(['pressure.urgency']) }, 0.3))).toBe(28);
  });

  it('supporting wording adds to a strong ask or a false identity', () => {
    const rulesOnly = combine(parts({ ask: 2 }, 0.3));
    expect(combine(parts({ ask: 2 }, 0.55))).toBe(rulesOnly + 15);
    expect(combine(parts({ ask: 2 }, 0.7))).toBe(rulesOnly + 25);
  });

  it('alone (nothing asked, nobody claimed) it reaches medium only when near certain, and never high', () => {
    expect(combine(parts({}, 0.85))).toBeLessThan(medium);
    const certain = combine(parts({ pressure: new Set(['pressure.urgency', 'pressure.secrecy']) }, 0.97));
    expect(certain).toBeGreaterThanOrEqual(medium);
    expect(certain).toBeLessThan(high);
  });

  it('nothing asked and only a weak identity sign (a partner name from a new account): an introduction, unless near certain', () => {
    expect(combine(parts({ identity: 1, fresh: 2 }, 0.8))).toBeLessThan(medium);
    expect(combine(parts({ identity: 1, fresh: 2 }, 0.97))).toBeGreaterThanOrEqual(medium);
    // A strong identity sign, or any ask beside it, is no introduction.
    expect(combine(parts({ identity: 2, fresh: 2 }, 0.8))).toBeGreaterThanOrEqual(medium);
    expect(combine(parts({ identity: 1, ask: 2, fresh: 2 }, 0.8))).toBeGreaterThanOrEqual(medium);
  });

  it('"today, quietly": any ask with both urgency and secrecy is medium, with or without the model, but a warning stays low', () => {
    const quietly = { ask: 1 as const, fresh: 2 as const, pressure: new Set(['pressure.urgency', 'pressure.secrecy']) };
    expect(combine(parts(quietly, null))).toBeGreaterThanOrEqual(medium);
    expect(combine(parts(quietly, 0.2))).toBeGreaterThanOrEqual(medium);
    expect(combine(parts({ ...quietly, pressure: new Set(['pressure.urgency']) }, null))).toBeLessThan(medium);
    expect(combine(parts({ ...quietly, ask: 0 }, null))).toBeLessThan(medium);
    expect(combine(parts({ ...quietly, warning: true }, null))).toBeLessThan(medium);
    // From the ledger's own account a weak ask with pressure stays under medium (its own rule wants a strong ask with secrecy).
    expect(combine(parts({ ...quietly, fresh: 0, trusted: true }, null))).toBeLessThan(medium);
  });

  it('never adds to a warning about fraud', () => {
    expect(combine(parts({ ask: 1, warning: true }, 0.95))).toBe(combine(parts({ ask: 1, warning: true }, null)));
  });

  it('plainly ordinary wording keeps a rules-only medium at low, unless an identity, payee or gift-card signal is strong', () => {
    const rulesMedium = { ask: 2 as const };
    expect(combine(parts(rulesMedium, null))).toBeGreaterThanOrEqual(medium);
    expect(combine(parts(rulesMedium, 0.05))).toBeLessThan(medium);
    expect(combine(parts({ ...rulesMedium, concrete: true }, 0.05))).toBeGreaterThanOrEqual(medium);
    // What the rules already call high stays high.
    const rulesHigh = { ask: 2 as const, identity: 2 as const, executive: true };
    expect(combine(parts(rulesHigh, 0.05))).toBeGreaterThanOrEqual(high);
  });

  it('does not lift business as usual from the ledger’s own account', () => {
    const routine = { ask: 2 as const, trusted: true };
    expect(combine(parts(routine, 0.95))).toBeLessThan(medium);
    // A red flag or pressure from that account still counts, and the wording adds to it.
    const redFlag = { ask: 2 as const, trusted: true, takeoverRedFlag: true };
    expect(combine(parts(redFlag, 0.95))).toBeGreaterThan(combine(parts(redFlag, null)));
  });
});

describe('the wording model in a detection', () => {
  const SENT = '2026-06-03T16:40:00+09:00';
  const report = (body: string, sender: { id: number; name: string }, approved: string | null): Report => ({
    message: { body, sender: { accountId: sender.id, name: sender.name }, sentAt: SENT },
    context: { contactApprovedAt: approved, roomType: 'direct' },
  });

  it('shows its signal with passages of the message as evidence, and the summary says so', () => {
    const body =
      'お疲れ様です。急ぎの案件で恐縮ですが、本日中に下記口座へ480万円のお振込みをお願いできますか。\n取引先との機密案件のため、社内の他の方には共有しないでください。\n会議中で電話には出られませんので、完了したらこちらにご連絡ください。\n三葉銀行 西町支店 普通 8812034 タカハシ ユウジ';
    const r = detect(report(body, { id: 9450021, name: '山本 健一' }, '2026-06-03T16:10:00+09:00'), examplesLedger);
    const model = r.signals.find((s) => s.ruleId === 'model.wording');
    expect(model, JSON.stringify(r.signals.map((s) => s.ruleId))).toBeDefined();
    expect(model!.evidence.length).toBeGreaterThan(0);
    for (const e of model!.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
    expect(r.verdict).toBe('high');
    expect(r.summary.ja).toContain('過去の詐欺に似た文面');
    // The rules' own signals still say why.
    expect(r.signals.some((s) => s.ruleId.startsWith('identity.'))).toBe(true);
  });

  it('can be switched off, and then only the rules speak', () => {
    const body = 'Hi, are you at your desk? I need you to handle a confidential payment for me today. Keep it between us for now.';
    const on = detect(report(body, { id: 9450022, name: 'Kenichi Yamamoto' }, '2026-06-03T15:00:00+09:00'), examplesLedger);
    const off = detect(report(body, { id: 9450022, name: 'Kenichi Yamamoto' }, '2026-06-03T15:00:00+09:00'), examplesLedger, { wording: false });
    expect(off.signals.some((s) => s.ruleId === 'model.wording')).toBe(false);
    expect(on.score).toBeGreaterThanOrEqual(off.score);
    expect(defaultModel().file.thresholds.strong).toBeGreaterThan(defaultModel().file.thresholds.supporting);
  });
});
