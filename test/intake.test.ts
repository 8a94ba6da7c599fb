import { describe, expect, it, afterEach } from 'vitest';
import type { Report } from '../src/domain/report.ts';
import { corpus, countRows, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const base = (over: Partial<Report['message']> = {}, reporter = { accountId: 1000015, name: '平田 智史' }): Report => ({
  message: { body: '至急お願いします', sender: { accountId: 9800811, name: '髙嶋 宗一郎' }, sentAt: '2026-01-07T09:18:00+09:00', ...over },
  reporter,
});

async function submit(r: TestRuntime, body: unknown, token?: string) {
  token ??= await r.token('intake');
  const res = await r.app.request('/api/reports', jsonInit('POST', token, body));
  return { status: res.status, body: (await res.json()) as { reportId: number; caseId: number; caseRef: string; verdict: string } };
}

describe('POST /api/reports', () => {
  it('stores the message verbatim and answers 201 with the case ref', async () => {
    rt = await testRuntime();
    const line = corpus()[0]!;
    const { status, body } = await submit(rt, line.report);
    expect(status).toBe(201);
    expect(body.caseRef).toBe('KKN-000001');
    const row = rt.handle.sqlite.prepare('select message_body, payload, sender_account_id from reports where id = ?').get(body.reportId) as {
      message_body: string;
      payload: string;
      sender_account_id: number;
    };
    expect(row.message_body).toBe(line.report.message.body);
    expect(JSON.parse(row.payload)).toEqual(line.report);
    expect(row.sender_account_id).toBe(line.report.message.sender!.accountId);
  });

  it('the same token + externalId returns the same report (200), never a second one; another token has its own ids', async () => {
    rt = await testRuntime();
    const token = await rt.token('intake');
    const first = await submit(rt, { ...base(), externalId: 'cw-1' }, token);
    const again = await submit(rt, { ...base({ body: 'different text' }), externalId: 'cw-1' }, token);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(countRows(rt, 'reports')).toBe(1);
    const otherToken = await submit(rt, { ...base(), externalId: 'cw-1' }, await rt.token('intake', 'another'));
    expect(otherToken.status).toBe(201);
    expect(otherToken.body.reportId).not.toBe(first.body.reportId);
  });

  it('groups reports from the same sender account id into one open case and counts them', async () => {
    rt = await testRuntime();
    const a = await submit(rt, base());
    rt.clock.advance(60_000);
    const b = await submit(rt, base({ body: 'another message' }, { accountId: 1000016, name: '別の人' }));
    expect(b.body.caseId).toBe(a.body.caseId);
    const detail = (await (await rt.app.request(`/api/cases/${a.body.caseRef}`, jsonInit('GET', await rt.token('respond')))).json()) as {
      reportCount: number;
      firstReportAt: string;
      lastReportAt: string;
      events: { type: string }[];
    };
    expect(detail.reportCount).toBe(2);
    expect(detail.firstReportAt).toBe('2026-01-07T00:00:00.000Z');
    expect(detail.lastReportAt).toBe('2026-01-07T00:01:00.000Z');
    expect(detail.events.map((e) => e.type)).toEqual(['opened', 'report_added']);
  });

  it('never groups by sender when the report has no sender account id', async () => {
    rt = await testRuntime();
    const a = await submit(rt, base({ sender: { accountId: null, name: '髙嶋 宗一郎' } }));
    const b = await submit(rt, base({ sender: null }));
    expect(b.body.caseId).not.toBe(a.body.caseId);
  });

  it('does not join a case older than the window or a resolved case', async () => {
    rt = await testRuntime({ env: { GROUPING_WINDOW_DAYS: '14' } });
    const a = await submit(rt, base());
    rt.clock.advance(13 * 86_400_000);
    const b = await submit(rt, base());
    expect(b.body.caseId).toBe(a.body.caseId);
    rt.clock.advance(15 * 86_400_000);
    const c = await submit(rt, base());
    expect(c.body.caseId).not.toBe(a.body.caseId);
    await rt.deps.cases.act(c.body.caseRef, 'resolve', { platform: 'api', userId: 'u', displayName: 'u' }, { resolution: 'fraud_confirmed' });
    const d = await submit(rt, base());
    expect(d.body.caseId).not.toBe(c.body.caseId);
    expect(d.body.caseRef).toBe('KKN-000003');
  });

  it('groups by a shared bank account / phone / URL / LINE observable, not by a ledger-known one', async () => {
    rt = await testRuntime();
    const a = await submit(rt, base({ sender: { accountId: 1, name: 'x' } }));
    const b = await submit(rt, base({ sender: { accountId: 2, name: 'y' } }));
    // Observables as the engine stores them; grouping must read them from the table.
    const ins = rt.handle.sqlite.prepare(
      "insert into observables (case_id, report_id, kind, value, display, in_ledger) values (?, ?, ?, ?, ?, ?)",
    );
    ins.run(a.body.caseId, a.body.reportId, 'phone', '07000385129', '070-0038-5129', 0);
    ins.run(b.body.caseId, b.body.reportId, 'bank_account', 'ledger-account', '登録口座', 1);
    const { findGroupCase } = await import('../src/cases/grouping.ts');
    const since = '2026-01-01T00:00:00.000Z';
    const obs = (kind: 'phone' | 'bank_account' | 'amount', value: string, inLedger: boolean | null = false) =>
      [{ kind, value, display: value, evidence: { text: '', start: 0, end: 0 }, inLedger }];
    expect(await findGroupCase(rt.handle.db, { senderAccountId: 3, observables: obs('phone', '07000385129'), since })).toBe(a.body.caseId);
    expect(await findGroupCase(rt.handle.db, { senderAccountId: 3, observables: obs('bank_account', 'ledger-account', true), since })).toBeNull();
    expect(await findGroupCase(rt.handle.db, { senderAccountId: 3, observables: obs('amount', '07000385129'), since })).toBeNull();
    expect(await findGroupCase(rt.handle.db, { senderAccountId: null, observables: [], since })).toBeNull();
  });

  it('a value in many reports of several cases: the newest open case in the window wins, whatever the newer resolved or stale ones', async () => {
    rt = await testRuntime({ env: { GROUPING_WINDOW_DAYS: '14' } });
    const ins = rt.handle.sqlite.prepare("insert into observables (case_id, report_id, kind, value, display, in_ledger) values (?, ?, 'phone', '09011112222', '090', ?)");
    const caseWith = async (sender: number, copies: number, inLedger = 0) => {
      const r = await submit(rt, base({ sender: { accountId: sender, name: 'n' } }));
      for (let i = 0; i < copies; i++) ins.run(r.body.caseId, r.body.reportId, inLedger);
      return r.body;
    };
    const stale = await caseWith(10, 30); // oldest; will fall out of the window
    rt.clock.advance(10 * 86_400_000);
    const open = await caseWith(11, 30);
    rt.clock.advance(60_000);
    const known = await caseWith(12, 5, 1); // newer, but the ledger knows the value here: never a grouping key
    rt.clock.advance(60_000);
    const resolved = await caseWith(13, 30); // newest, but resolved
    await rt.deps.cases.act(resolved.caseRef, 'resolve', { platform: 'api', userId: 'u', displayName: 'u' }, { resolution: 'benign' });
    rt.clock.advance(5 * 86_400_000); // stale is now 15 days old
    const { findGroupCase } = await import('../src/cases/grouping.ts');
    const since = new Date(rt.clock.now().getTime() - 14 * 86_400_000).toISOString();
    const phone = [{ kind: 'phone' as const, value: '09011112222', display: '090', evidence: { text: '', start: 0, end: 0 }, inLedger: false }];
    expect(await findGroupCase(rt.handle.db, { senderAccountId: null, observables: phone, since })).toBe(open.caseId);
    expect([stale.caseId, known.caseId, resolved.caseId]).not.toContain(open.caseId);
    // By sender, the same: sender 11's case, although sender 11 reported nothing newer.
    expect(await findGroupCase(rt.handle.db, { senderAccountId: 11, observables: [], since })).toBe(open.caseId);
    expect(await findGroupCase(rt.handle.db, { senderAccountId: 13, observables: [], since })).toBeNull();
  });

  it('with the real engine: two corpus reports naming the same new phone number join one case', async () => {
    // Depends on the detection engine extracting phone observables (src/detection/engine.ts).
    rt = await testRuntime();
    const line = corpus()[0]!; // a callback number 070-0038-5129 in the message
    const a = await submit(rt, line.report);
    // The same message from another new account: only the phone number can tie them together.
    const copy = { ...line.report, message: { ...line.report.message, sender: { accountId: 9999999, name: '別人' } } };
    const b = await submit(rt, copy);
    expect(b.body.caseId).toBe(a.body.caseId);
  });

  it('lists cases with filters and keyset pagination', async () => {
    rt = await testRuntime();
    for (let i = 0; i < 5; i++) await submit(rt, base({ sender: { accountId: 100 + i, name: 'n' }, body: i === 3 ? 'LINEグループを作って' : `msg ${i}` }));
    const t = await rt.token('respond');
    const page1 = (await (await rt.app.request('/api/cases?limit=2', jsonInit('GET', t))).json()) as { cases: { ref: string }[]; nextCursor: number };
    expect(page1.cases.map((c) => c.ref)).toEqual(['KKN-000005', 'KKN-000004']);
    const page2 = (await (await rt.app.request(`/api/cases?limit=2&cursor=${page1.nextCursor}`, jsonInit('GET', t))).json()) as {
      cases: { ref: string }[];
    };
    expect(page2.cases.map((c) => c.ref)).toEqual(['KKN-000003', 'KKN-000002']);
    const q = (await (await rt.app.request(`/api/cases?q=${encodeURIComponent('LINEグループ')}`, jsonInit('GET', t))).json()) as {
      cases: { ref: string }[];
    };
    expect(q.cases.map((c) => c.ref)).toEqual(['KKN-000004']);
  });
});
