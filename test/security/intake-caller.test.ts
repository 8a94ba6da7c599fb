/**
 * Issue 15, items 1 and 2, performed against the real app on a SQLite file: one intake token
 * using another's report ids, and a token dressing its report up as Chatwork or a console admin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { MIGRATIONS_FOLDER, runMigrations } from '../../src/db/migrate.ts';
import { FakeChatwork } from '../chatwork/fake-chatwork.ts';
import { chatworkRuntime, EMPLOYEE, messageCreated, postWebhook, REPORT_ROOM } from '../chatwork/helpers.ts';
import { countRows, jsonInit, tempDir, testRuntime, type TestRuntime } from '../helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

const fake = new FakeChatwork();
beforeAll(() => fake.start());
afterAll(() => fake.close());

/** A's report: a transfer to a new personal account, the kind of evidence B must never see. */
const FRAUD = {
  message: {
    body: '社長の髙嶋です。至急、以下の口座に本日中に振り込んでください。みずほ銀行 渋谷支店 普通 7654321 タカシマ ソウイチロウ。他の人には言わないように。',
    sender: { accountId: 9800811, name: '髙嶋 宗一郎' },
    sentAt: '2026-01-07T09:18:00+09:00',
  },
  reporter: { accountId: 1000015, name: '平田 智史' },
};
const HARMLESS = { message: { body: 'お疲れさまです。明日の会議は10時からです。', sender: { accountId: 1000020, name: '同僚' } } };

type Answer = { reportId: number; caseRef: string; verdict: string; signals: unknown[] };
async function post(r: TestRuntime, token: string, body: unknown) {
  const res = await r.app.request('/api/reports', jsonInit('POST', token, body));
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as Answer & { error?: { code: string; message: string } } };
}

describe('item 1: report ids belong to the token that sent them', () => {
  it("token B reusing A's externalId gets its own new report, never A's report, signals or bank account", async () => {
    rt = await testRuntime();
    const a = await rt.token('intake', 'crm-a');
    const b = await rt.token('intake', 'crm-b');
    const first = await post(rt, a, { ...FRAUD, externalId: 'crm-1001' });
    expect(first.status).toBe(201);
    expect(['medium', 'high']).toContain(first.body.verdict);

    const probe = await post(rt, b, { ...HARMLESS, externalId: 'crm-1001' });
    expect(probe.status).toBe(201);
    expect(probe.body.reportId).not.toBe(first.body.reportId);
    expect(probe.text).not.toContain('7654321');
    expect(probe.body.verdict).toBe('none');
    expect(countRows(rt, 'reports')).toBe(2);

    // Each token's own repeat is still answered with its own first report.
    expect((await post(rt, a, { ...HARMLESS, externalId: 'crm-1001' })).body).toEqual(first.body);
    expect((await post(rt, b, { ...FRAUD, externalId: 'crm-1001' })).body).toEqual(probe.body);
    expect(countRows(rt, 'reports')).toBe(2);
  });

  it("token B cannot pre-empt A's next id: A's real fraud report still opens a case", async () => {
    rt = await testRuntime();
    const a = await rt.token('intake', 'crm-a');
    const b = await rt.token('intake', 'crm-b');
    expect((await post(rt, b, { ...HARMLESS, externalId: 'crm-2002' })).status).toBe(201);
    const real = await post(rt, a, { ...FRAUD, externalId: 'crm-2002' });
    expect(real.status).toBe(201);
    expect(['medium', 'high']).toContain(real.body.verdict);
    const stored = rt.handle.sqlite.prepare("select caller, message_body from reports where id = ?").get(real.body.reportId) as { caller: string; message_body: string };
    expect(stored.message_body).toBe(FRAUD.message.body);
    expect(stored.caller).toMatch(/^token:\d+$/);
  });
});

describe('item 2: the token, not the body, says where a report came from', () => {
  it('source "chatwork" with an origin is refused (422 naming both); nothing is stored and the bot posts nowhere', async () => {
    rt = await chatworkRuntime(fake);
    const before = fake.posted.length;
    const forged = {
      ...FRAUD,
      source: 'chatwork',
      origin: { platform: 'chatwork', roomId: '424242', messageId: '1', accountId: '1' },
    };
    const res = await post(rt, await rt.token('intake'), forged);
    expect(res.status).toBe(422);
    expect(res.body.error!.code).toBe('validation_failed');
    expect(res.body.error!.message).toContain('source');
    expect(res.body.error!.message).toContain('origin');
    expect(countRows(rt, 'reports')).toBe(0);

    // The origin alone, with the default source, is refused the same way.
    const originOnly = await post(rt, await rt.token('intake'), { ...FRAUD, origin: forged.origin });
    expect(originOnly.status).toBe(422);
    expect(countRows(rt, 'reports')).toBe(0);

    await rt.worker.tick();
    expect(fake.posted.slice(before).filter((p) => p.roomId === '424242')).toEqual([]);
  });

  it('a real Chatwork report still gets its reply; an API report on the same case adds no room to answer', async () => {
    rt = await chatworkRuntime(fake);
    const before = fake.posted.length;
    expect((await postWebhook(rt, messageCreated(`[qt][qtmeta aid=9800811 time=1767745080]${FRAUD.message.body}[/qt]`))).status).toBe(200);
    const api = await post(rt, await rt.token('intake'), FRAUD);
    expect(api.status).toBe(201);
    const rows = rt.handle.sqlite.prepare('select source, caller, origin from reports order by id').all() as { source: string; caller: string; origin: string | null }[];
    expect(rows.map((r) => [r.source, r.caller.replace(/\d+$/, 'N'), r.origin === null])).toEqual([
      ['chatwork', 'chatwork', false],
      ['api', 'token:N', true],
    ]);
    const ref = api.body.caseRef;
    await rt.deps.cases.act(ref, 'acknowledge', { platform: 'slack', userId: 'U1', displayName: '経理 佐藤' });
    await rt.worker.tick();
    await rt.worker.tick();
    const rooms = fake.posted.slice(before).map((p) => p.roomId);
    expect(rooms.length).toBeGreaterThan(0);
    expect(new Set(rooms)).toEqual(new Set([String(REPORT_ROOM)]));
    expect(fake.posted.slice(before).every((p) => p.form.body!.startsWith(`[rp aid=${EMPLOYEE} `))).toBe(true);
  });

  it("the audit actor of an API report is the token, whatever reporter name the body claims", async () => {
    rt = await testRuntime();
    const token = await rt.token('intake', 'crm-connector');
    const res = await post(rt, token, { ...FRAUD, reporter: { accountId: null, name: '法務 佐藤 (console admin)' } });
    expect(res.status).toBe(201);
    const tokenId = (rt.handle.sqlite.prepare("select id from api_tokens where name = 'crm-connector'").get() as { id: number }).id;
    const event = rt.handle.sqlite.prepare("select actor_platform, actor_user_id, actor_name from case_events where type = 'opened'").get();
    expect(event).toEqual({ actor_platform: 'api', actor_user_id: `token:${tokenId}`, actor_name: 'crm-connector' });
    const stored = rt.handle.sqlite.prepare('select source, reporter_name from reports').get();
    expect(stored).toEqual({ source: 'api', reporter_name: '法務 佐藤 (console admin)' }); // kept as data

    const web = await post(rt, token, { ...FRAUD, source: 'web' });
    expect(web.status).toBe(422);
    expect(countRows(rt, 'reports')).toBe(1);
  });
});

describe('items 1 and 2 on an existing database', () => {
  it('migrating gives old token reports to their token, keeps every old report distinct, and drops origins a token supplied', async () => {
    // The migrations up to the one before this change, then rows as the old code wrote them.
    const dir = tempDir();
    const old = path.join(dir, 'migrations-before');
    fs.cpSync(MIGRATIONS_FOLDER, old, { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(old, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag === '0009_caller_scoped_report_ids');
    expect(at).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, at);
    fs.writeFileSync(path.join(old, 'meta/_journal.json'), JSON.stringify(journal));
    const handle = openDatabase(path.join(dir, 'kakunin.db'));
    try {
      await runMigrations(handle.db, old);
      const db = handle.sqlite;
      db.prepare("insert into cases (severity, score, report_count, first_report_at, last_report_at, opened_at, updated_at) values ('high', 1, 4, 'x', 'x', 'x', 'x')").run();
      const insert = db.prepare(
        "insert into reports (case_id, source, external_id, message_body, payload, origin, verdict, score, summary, received_at, api_token_id) values (1, ?, ?, 'b', '{}', ?, 'high', 1, '{}', 'x', ?)",
      );
      const forgedOrigin = JSON.stringify({ platform: 'chatwork', roomId: '424242', messageId: '1', accountId: '1' });
      const webhookOrigin = JSON.stringify({ platform: 'chatwork', roomId: '4242', messageId: '2', accountId: '3' });
      insert.run('api', 'crm-1', null, 7);
      insert.run('chatwork', 'crm-1', forgedOrigin, 7); // the old attack: same id, other source, same token
      insert.run('chatwork', '4242-2', webhookOrigin, null);
      insert.run('web', 'web:abc', null, null);

      await runMigrations(handle.db);
      const rows = db.prepare('select caller, external_id, origin from reports order by id').all();
      expect(rows).toEqual([
        { caller: 'token:7', external_id: 'crm-1', origin: null },
        { caller: 'token:7:chatwork', external_id: 'crm-1', origin: null },
        { caller: 'chatwork', external_id: '4242-2', origin: webhookOrigin },
        { caller: 'web', external_id: 'web:abc', origin: null },
      ]);
      const again = db.prepare("insert into reports (case_id, source, caller, external_id, message_body, payload, verdict, score, summary, received_at) values (1, 'api', ?, ?, 'b', '{}', 'high', 1, '{}', 'x')");
      expect(() => again.run('token:7', 'crm-1')).toThrow(/UNIQUE/);
      expect(() => again.run('token:8', 'crm-1')).not.toThrow();
      const names = (db.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'reports'").pluck().all() as string[]).sort();
      expect(names).toContain('reports_caller_external_id_uq');
      expect(names).not.toContain('reports_source_external_id_uq');
    } finally {
      await handle.close();
    }
  });
});
