/**
 * RETENTION_DAYS with the injected clock: bodies (and notes, payload copies, raw Chatwork events)
 * of cases resolved more than N days ago become SHA-256 markers; open cases and recently resolved
 * ones keep theirs; the audit chain still verifies (`kakunin audit verify`), with one
 * retention_purged event per purged case; a second run changes nothing.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportOrigin } from '../../src/domain/notifier.ts';
import { main } from '../../src/main.ts';
import { isPurged, purgedMarker, purgeResolvedBodies } from '../../src/retention/purge.ts';
import { startRetention } from '../../src/retention/schedule.ts';
import { jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

const DAY = 86_400_000;
const ALICE = { platform: 'api' as const, userId: 'token:1', displayName: 'Alice' };

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

function bodyOf(r: TestRuntime, reportId: number) {
  return r.handle.sqlite.prepare('select message_body, note, payload from reports where id = ?').get(reportId) as { message_body: string; note: string | null; payload: string };
}

/** Through the API, or (with `origin`) as the Chatwork webhook hands a report to the case service. */
async function submit(r: TestRuntime, i: number, origin?: ReportOrigin) {
  const report = {
    message: { body: `至急、新しい口座に振り込んでください ${i} 三井住友銀行 新宿支店 普通 12345${i}7`, sender: { accountId: 6_000_000 + i, name: `山田 ${i}` } },
    note: `社長を名乗っています ${i}`,
  };
  if (origin) {
    const { result } = await r.deps.cases.submit(report, { caller: { kind: 'chatwork', origin }, externalId: `${origin.roomId}-${origin.messageId}` });
    return { caseRef: result.caseRef, reportId: result.reportId, body: report.message.body, note: report.note };
  }
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), { ...report, externalId: `ret-${i}` }));
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { caseRef: string; reportId: number }), body: report.message.body, note: report.note };
}

describe('retention (RETENTION_DAYS)', () => {
  it('purges bodies of cases resolved more than N days ago, keeps their hashes, and the audit chain verifies', async () => {
    rt = await testRuntime({ env: { RETENTION_DAYS: '30', NOTIFY_MIN_VERDICT: 'none' } });
    const r = rt;
    const old = await submit(r, 1);
    const open = await submit(r, 2);
    const recent = await submit(r, 3);
    // A Chatwork raw event for the old report, as the webhook stores it.
    const origin = { platform: 'chatwork', roomId: '4242', messageId: '1800000000000000009', accountId: '1000015' } as const;
    const fromChatwork = await submit(r, 4, origin);
    r.handle.sqlite
      .prepare("insert into inbound_events (platform, event_key, event_type, raw_body, status, attempts, next_attempt_at, received_at) values ('chatwork', ?, 'message_created', ?, 'processed', 1, 0, ?)")
      .run('4242:1800000000000000009', JSON.stringify({ webhook_event: { body: fromChatwork.body } }), r.clock.now().toISOString());

    await r.deps.cases.act(old.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    await r.deps.cases.act(fromChatwork.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    r.clock.advance(10 * DAY);
    await r.deps.cases.act(recent.caseRef, 'resolve', ALICE, { resolution: 'false_positive' });
    r.clock.advance(21 * DAY); // old: resolved 31 days ago; recent: 21 days ago; open: never

    const eventsBefore = (r.handle.sqlite.prepare('select count(*) n from case_events').get() as { n: number }).n;
    const schedule = await startRetention(r.deps); // as `serve` does at start
    schedule.stop();
    expect(schedule.first).toMatchObject({ cases: 2, reports: 2, inboundEvents: 1, wal: 'truncated' });
    expect(schedule.first!.signals).toBeGreaterThan(0);

    const purged = bodyOf(r, old.reportId);
    expect(purged.message_body).toBe(purgedMarker(old.body));
    expect(purged.message_body).toBe(`[purged sha256:${createHash('sha256').update(old.body).digest('hex')}]`);
    expect(purged.note).toBe(purgedMarker(old.note));
    expect(purged.payload).not.toContain('振り込んで');
    expect(JSON.parse(purged.payload).message.body).toBe(purgedMarker(old.body));
    const raw = r.handle.sqlite.prepare("select raw_body from inbound_events where event_key = '4242:1800000000000000009'").get() as { raw_body: string };
    expect(raw.raw_body).not.toContain('振り込んで');
    expect(raw.raw_body).toMatch(/^\{"purged":"sha256:[0-9a-f]{64}"\}$/);
    expect(bodyOf(r, open.reportId).message_body).toBe(open.body);
    expect(bodyOf(r, recent.reportId).message_body).toBe(recent.body);

    // What grouping and the card need stays: observables (canonical values), signals (rules), the case and its events.
    expect((r.handle.sqlite.prepare('select count(*) n from observables where report_id = ?').get(old.reportId) as { n: number }).n).toBeGreaterThan(0);
    const detail = await r.deps.cases.get(old.caseRef);
    expect(detail.status).toBe('resolved');
    expect(JSON.stringify(detail)).not.toContain('振り込んで');
    expect((await r.deps.cases.card(old.caseRef)).message.body).toBe(purgedMarker(old.body));

    // The chain: every old event untouched, one retention_purged event per case, and it verifies.
    const events = r.handle.sqlite.prepare("select case_id, type, actor_platform, data from case_events where type = 'retention_purged'").all();
    expect(events).toHaveLength(2);
    expect((r.handle.sqlite.prepare('select count(*) n from case_events').get() as { n: number }).n).toBe(eventsBefore + 2);
    expect(await r.deps.audit.verify()).toMatchObject({ ok: true });
    const out: string[] = [];
    const io = { env: { DATABASE_URL: `file:${r.dir}/kakunin.db` }, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await main(['audit', 'verify'], io)).toBe(0);

    // Idempotent; the recently resolved case follows once its time comes; the open one never does.
    expect(await schedule.runNow()).toEqual({ cases: 0, reports: 0, inboundEvents: 0, signals: 0, observables: 0, wal: 'truncated' });
    r.clock.advance(10 * DAY);
    expect(await purgeResolvedBodies(r.deps, { now: r.clock.now(), days: 30 })).toMatchObject({ cases: 1, reports: 1 });
    expect(isPurged(bodyOf(r, recent.reportId).message_body)).toBe(true);
    expect(bodyOf(r, open.reportId).message_body).toBe(open.body);
    expect(await r.deps.audit.verify()).toMatchObject({ ok: true });
  });

  it('is off with RETENTION_DAYS=0 (the default); the CLI purges on demand with --days and names what it did', async () => {
    rt = await testRuntime({ env: { NOTIFY_MIN_VERDICT: 'none' } });
    const r = rt;
    const a = await submit(r, 7);
    await r.deps.cases.act(a.caseRef, 'resolve', ALICE, { resolution: 'benign' });
    r.clock.advance(400 * DAY);
    const off = await startRetention(r.deps);
    expect(off.first).toBeNull();
    expect(await off.runNow()).toBeNull();
    expect(bodyOf(r, a.reportId).message_body).toBe(a.body);

    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { DATABASE_URL: `file:${r.dir}/kakunin.db` }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(['retention', 'run'], io)).toBe(2);
    expect(err.join('\n')).toContain('RETENTION_DAYS');
    // The CLI uses the wall clock: the case was resolved "in 2026" by the manual clock, which is past.
    expect(await main(['retention', 'run', '--days', '1'], io)).toBe(0);
    expect(out.at(-1)).toContain('1 reports in 1 resolved cases purged');
    expect(isPurged(bodyOf(r, a.reportId).message_body)).toBe(true);
    expect(await main(['audit', 'verify'], io)).toBe(0);
  });
});
