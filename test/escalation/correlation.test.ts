import { afterEach, describe, expect, it } from 'vitest';
import { CONFIRMED_FRAUD_RULE_ID } from '../../src/cases/correlation.ts';
import { jsonInit, ScriptedNotifier, scripted, testRuntime, type TestRuntime } from '../helpers.ts';
import { HIGH_WITH_ACCOUNT, submitLine } from './fixtures.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const ALICE = { platform: 'teams' as const, userId: 'T1', displayName: 'Alice' };
const ACCOUNT = 'みずほ銀行 福岡天神通支店 普通 5107742 カ）ミナトテックサービス';
const COLLEAGUE = { accountId: 1000015, name: '平田 智史' };
const STRANGER = { accountId: 9877001, name: '佐藤 一郎' };
/** A colleague passing on a new supplier's account through the workflow (low on its own), naming the account of corpus line 3. */
const quiet = (accountText: string, sender: { accountId: number; name: string } = COLLEAGUE) => ({
  message: {
    body: `経理の皆さま\n来月から取引を始める業者さんの口座です。登録申請はワークフローで回します。\n${accountText}`,
    sender,
  },
  reporter: { accountId: 1000020, name: '経理 花子' },
});

async function post(body: unknown) {
  const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), body));
  expect(res.status).toBe(201);
  return (await res.json()) as {
    caseRef: string;
    verdict: string;
    signals: { ruleId: string; title: { ja: string; en: string }; strength: string; evidence: { text: string; start: number; end: number }[] }[];
  };
}

describe('correlation across cases', () => {
  it('a bank account from a confirmed-fraud case raises a new report to high, says why, and links the cases on the card', async () => {
    rt = await testRuntime({ env: { NOTIFY_MIN_VERDICT: 'none' }, factories: scripted(new ScriptedNotifier('slack')) });
    const before = await post(quiet(ACCOUNT)); // nothing confirmed yet: judged on its own
    expect(before.verdict).not.toBe('high');
    expect(before.signals.map((s) => s.ruleId)).not.toContain(CONFIRMED_FRAUD_RULE_ID);

    await rt.deps.cases.act(before.caseRef, 'resolve', ALICE, { resolution: 'benign' }); // resolved cases do not group
    const fraud = await submitLine(rt, HIGH_WITH_ACCOUNT);
    expect(fraud.caseRef).not.toBe(before.caseRef);
    await rt.deps.cases.act(fraud.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });

    // The same account written differently (full-width digits, no type) is the same observable.
    const body = quiet('みずほ銀行　福岡天神通支店　普通　５１０７７４２　カ）ミナトテックサービス');
    const after = await post(body);
    expect(after.caseRef).not.toBe(fraud.caseRef);
    expect(after.verdict).toBe('high');
    const sig = after.signals.find((s) => s.ruleId === CONFIRMED_FRAUD_RULE_ID)!;
    expect(sig.title).toEqual({ ja: `${fraud.caseRef} と同じ振込先口座（詐欺確定）`, en: `Same bank account as ${fraud.caseRef} (confirmed fraud)` });
    expect(sig.strength).toBe('strong');
    expect(sig.evidence).toHaveLength(1);
    const ev = sig.evidence[0]!;
    expect(body.message.body.slice(ev.start, ev.end)).toBe(ev.text);
    expect(ev.text).toContain('５１０７７４２');

    const card = await rt.deps.cases.card(after.caseRef);
    expect(card.severity).toBe('high');
    expect(card.signals[0]).toMatchObject({ ruleId: CONFIRMED_FRAUD_RULE_ID, title: sig.title });
    expect(card.linkedCases).toContainEqual({
      ref: fraud.caseRef,
      reason: { ja: '同じ振込先口座', en: 'same bank account' },
      status: 'resolved',
      resolution: 'fraud_confirmed',
    });
    // The case page shows the links too (the benign look-alike shares the account as well).
    expect((await rt.deps.cases.get(after.caseRef)).linkedCases.map((l) => l.ref).sort()).toEqual([before.caseRef, fraud.caseRef].sort());
  });

  it('the sender account of a confirmed-fraud case is correlated too; a false positive raises nothing', async () => {
    rt = await testRuntime({ env: { NOTIFY_MIN_VERDICT: 'none' } });
    const fp = await submitLine(rt, HIGH_WITH_ACCOUNT);
    await rt.deps.cases.act(fp.caseRef, 'resolve', ALICE, { resolution: 'false_positive' });
    const same = await post(quiet(ACCOUNT, STRANGER));
    expect(same.signals.map((s) => s.ruleId)).not.toContain(CONFIRMED_FRAUD_RULE_ID);

    await rt.deps.cases.act(same.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    // A new message from the same (fraudulent) Chatwork account, with nothing else suspicious in it.
    const hello = await post({ message: { body: 'お疲れさまです。明日の会議は10時からでよろしいでしょうか。', sender: STRANGER } });
    expect(hello.verdict).toBe('high');
    const sig = hello.signals.find((s) => s.ruleId === CONFIRMED_FRAUD_RULE_ID)!;
    expect(sig.title.ja).toBe(`${same.caseRef} と同じ送信者アカウント（詐欺確定）`);
    expect(sig.evidence).toEqual([]); // the sender is not in the body: nothing to highlight
    expect((await rt.deps.cases.card(hello.caseRef)).linkedCases).toContainEqual(
      expect.objectContaining({ ref: same.caseRef, reason: { ja: '同じ送信者アカウント', en: 'same sender account' } }),
    );
  });
});
