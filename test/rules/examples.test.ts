/** Every rule's own examples: each `match` example fires the rule, each `noMatch` example doesn't. */
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';
import { rules, ruleSet } from '../../rules/index.ts';
import type { Example } from '../../src/detection/rule.ts';
import { detect } from '../../src/detection/engine.ts';
import type { Report } from '../../src/domain/report.ts';

function toReport(e: Example): Report {
  if (typeof e === 'string') return { message: { body: e, sender: { accountId: 9990000, name: '送信者' }, sentAt: '2026-03-01T10:00:00+09:00' } };
  return {
    message: { body: e.body, sender: e.sender ?? { accountId: 9990000, name: '送信者' }, sentAt: e.sentAt ?? '2026-03-01T10:00:00+09:00' },
    context: { contactApprovedAt: e.contactApprovedAt ?? null },
  };
}

const label = (e: Example): string => (typeof e === 'string' ? e : e.body).slice(0, 40);

describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
  it('has bilingual text and examples both ways', () => {
    expect(rule.title.ja && rule.title.en && rule.explanation.ja && rule.explanation.en).toBeTruthy();
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
  });

  it.each(rule.examples.match.map((e) => [label(e), e] as const))('fires on: %s', (_l, example) => {
    const result = detect(toReport(example), examplesLedger, ruleSet, { rules: [rule] });
    expect(result.signals.map((s) => s.ruleId)).toContain(rule.id);
    const body = toReport(example).message.body;
    for (const ev of result.signals[0]!.evidence) expect(body.slice(ev.start, ev.end)).toBe(ev.text);
  });

  it.each(rule.examples.noMatch.map((e) => [label(e), e] as const))('stays quiet on: %s', (_l, example) => {
    const result = detect(toReport(example), examplesLedger, ruleSet, { rules: [rule] });
    expect(result.signals.map((s) => s.ruleId)).not.toContain(rule.id);
  });
});
