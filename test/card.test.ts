import { afterEach, describe, expect, it } from 'vitest';
import { corpus, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const ALICE = { platform: 'teams' as const, userId: 'T1', displayName: 'Alice' };

describe('buildCaseCard', () => {
  it('shows the first message verbatim, distinct signals and observables, counts and the last action', async () => {
    rt = await testRuntime();
    const line = corpus()[0]!;
    const intake = await rt.token('intake');
    const a = (await (await rt.app.request('/api/reports', jsonInit('POST', intake, line.report))).json()) as { caseRef: string };
    const other = { ...line.report, reporter: { accountId: 1000016, name: '別の社員' } };
    await rt.app.request('/api/reports', jsonInit('POST', intake, other));
    await rt.app.request('/api/reports', jsonInit('POST', intake, line.report));
    await rt.deps.cases.act(a.caseRef, 'acknowledge', ALICE, { note: '電話で確認します' });

    const card = await rt.deps.cases.card(a.caseRef);
    expect(card.message.body).toBe(line.report.message.body);
    expect(card.reportCount).toBe(3);
    expect(card.reporterCount).toBe(2);
    expect(card.url).toBe(`${rt.deps.config.publicUrl}/cases/${a.caseRef}`);
    expect(card.lastAction).toMatchObject({ action: 'acknowledge', actor: ALICE, note: '電話で確認します' });
    expect(card.sender).toMatchObject({ accountId: line.report.message.sender!.accountId, inLedger: false, contactAgeMinutes: 23 });
    const ruleIds = card.signals.map((s) => s.ruleId);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    const obsKeys = card.observables.map((o) => `${o.kind}:${o.display}`);
    expect(new Set(obsKeys).size).toBe(obsKeys.length);
  });

  it('links a new case to a resolved one sharing a phone number (depends on the engine extracting phones)', async () => {
    rt = await testRuntime();
    const line = corpus()[0]!;
    const intake = await rt.token('intake');
    const a = (await (await rt.app.request('/api/reports', jsonInit('POST', intake, line.report))).json()) as { caseRef: string };
    await rt.deps.cases.act(a.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    const again = { ...line.report, message: { ...line.report.message, sender: { accountId: 9811111, name: '髙嶋 宗一郎' } } };
    const b = (await (await rt.app.request('/api/reports', jsonInit('POST', intake, again))).json()) as { caseRef: string };
    expect(b.caseRef).not.toBe(a.caseRef);
    expect((await rt.deps.cases.card(b.caseRef)).linkedCases).toEqual([
      { ref: a.caseRef, reason: { ja: '同じ電話番号', en: 'same phone number' }, status: 'resolved', resolution: 'fraud_confirmed' },
    ]);
  });
});
