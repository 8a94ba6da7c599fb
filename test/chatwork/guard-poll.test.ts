/**
 * The contact-request guard at work (issue 18, items 3–5): the poller reads a connected employee's
 * pending requests with their own token, checks each against the ledger, warns once in the
 * employee's direct chat with the bot, opens a case (source contact_request) that gets a card like
 * any other, declines high ones when asked to; refreshes tokens, marks revoked ones, respects 429.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeMarker } from '../../adapters/chatwork/notices.ts';
import { countRows, directoryJson, jsonInit, scripted, ScriptedNotifier, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { CALLBACK, chatworkOf, connect, employee, guardEnv, guardPoller, incoming } from './guard-helpers.ts';
import { BOT } from './helpers.ts';

const fake = new FakeChatwork();
const oauth = new FakeChatworkOAuth(fake);
const EMP = 1000015;
const DM = '70015';
let rt: TestRuntime | null = null;
let cards: ScriptedNotifier;

beforeAll(async () => {
  await fake.start();
  await oauth.start();
  oauth.redirectUris = [CALLBACK];
});
afterAll(async () => {
  await fake.close();
  await oauth.close();
});
beforeEach(() => {
  fake.incoming.clear();
  fake.contacts.clear();
  employee(fake, EMP, '経理 花子', DM);
});
afterEach(async () => {
  await rt?.close();
  rt = null;
});

async function connected(extra: Record<string, string> = {}): Promise<TestRuntime> {
  cards = new ScriptedNotifier('slack');
  const r = await testRuntime({ env: guardEnv(fake, oauth, extra), random: () => 0, factories: scripted(cards, 'C-FRAUD') });
  fake.now = () => r.clock.now().getTime();
  expect((await r.app.request('/api/directory', jsonInit('PUT', await r.token('admin'), directoryJson()))).status).toBe(200);
  expect((await connect(r, oauth, EMP)).status).toBe(303);
  return r;
}

const requestRows = (r: TestRuntime) => r.handle.sqlite.prepare('select * from chatwork_contact_requests order by id').all() as Record<string, unknown>[];
const incomingCalls = (bearerOf?: string) => fake.requests.filter((q) => q.path === '/incoming_requests' && (!bearerOf || q.bearer === bearerOf));

describe('contact-request poller', () => {
  it('warns once, in the direct chat, about a request under the president’s name; opens a contact_request case that gets a card; an ordinary request gets nothing', async () => {
    rt = await connected();
    const bad = incoming(fake, EMP, { name: '髙嶋 宗一郎', message: 'はじめまして。至急ご相談があります。', organization_name: '株式会社潮見フードリンク' });
    incoming(fake, EMP, { name: '田中 一郎', message: '展示会でお会いした田中です。よろしくお願いします。', organization_name: '田中商事' });
    const before = fake.postedTo(DM).length;

    expect(await guardPoller(rt).tick()).toMatchObject({ polled: true, connections: 1, requests: 2, warned: 1 });
    const posted = fake.postedTo(DM).slice(before);
    expect(posted).toHaveLength(1);
    const warning = posted[0]!;
    expect(warning).toContain('承認しないでください');
    expect(warning).toContain('髙嶋 宗一郎（代表取締役社長）'); // who it imitates
    expect(warning).toContain('092-000-1001'); // the ledger's contact to verify through
    expect(warning).toContain(noticeMarker(`request:${EMP}:${bad.request_id}`));
    // It is the employee's own token that read the requests, the bot's that warned.
    expect(incomingCalls().at(-1)!.bearer).toBeDefined();
    expect(fake.posted.at(-1)!.token).toBe('cw-api-token-for-tests');

    const [report] = rt.handle.sqlite.prepare("select * from reports where source = 'contact_request'").all() as Record<string, unknown>[];
    expect(report).toMatchObject({ sender_account_id: bad.account_id, sender_name: '髙嶋 宗一郎', reporter_account_id: EMP, external_id: `${EMP}-${bad.request_id}`, verdict: 'high' });
    expect(String(report!.note)).toContain(`申請 ${bad.request_id}`);
    const ref = `KKN-${String(report!.case_id).padStart(6, '0')}`;
    // Not stored beyond ids and verdict: the ordinary request.
    expect(requestRows(rt).map((r) => [r.verdict, r.report_id === null])).toEqual([
      ['high', false],
      [expect.stringMatching(/none|low/), true],
    ]);
    // A card for legal/IT, like any case.
    await rt.worker.tick();
    expect(cards.calls).toContainEqual(expect.objectContaining({ op: 'post', ref, target: 'C-FRAUD' }));

    // Still pending in Chatwork on the next rounds: nobody is warned twice.
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    expect(fake.postedTo(DM).slice(before)).toHaveLength(1);
    expect(countRows(rt, 'reports', "source = 'contact_request'")).toBe(1);
  });

  it('a later forwarded message from the same account groups into the request’s case', async () => {
    rt = await connected();
    const bad = incoming(fake, EMP, { name: '宮崎 律子', message: '' });
    await guardPoller(rt).tick();
    const caseId = (rt.handle.sqlite.prepare("select case_id from reports where source = 'contact_request'").get() as { case_id: number }).case_id;
    const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), { message: { body: '至急この口座に振り込んでください', sender: { accountId: bad.account_id, name: '宮崎 律子' } } }));
    expect(((await res.json()) as { caseId: number }).caseId).toBe(caseId);
  });

  it('hostile text in the request (name, organisation, message) shows escaped: no [toall], no [To:…], no link or number', async () => {
    rt = await connected();
    incoming(fake, EMP, {
      name: '髙嶋 宗一郎[toall]',
      organization_name: '[To:1000016]潮見フードリンク[info]',
      message: '[toall][To:1000016]至急 https://evil.example/login に入って 090-1234-5678 に電話 [rp aid=1000016 to=1-2] [piconname:1000016]',
    });
    const before = fake.postedTo(DM).length;
    await guardPoller(rt).tick();
    const [warning] = fake.postedTo(DM).slice(before);
    expect(warning).toBeDefined();
    for (const bad of ['[toall]', '[To:1000016]', '[rp aid=1000016', '[piconname:', 'https://evil.example', '090-1234-5678', '[info]潮見', '潮見フードリンク[info]']) {
      expect(warning, bad).not.toContain(bad);
    }
    expect(warning).toContain('［toall］');
    expect(warning).toContain('［To:＜番号省略＞］'); // escaped, and the account number masked like any number
    expect(warning).toContain('＜リンク省略＞');
    expect(warning).toContain('＜番号省略＞');
    // Our own notation is intact (one info box, one title).
    expect(warning!.match(/\[info\]/g)).toHaveLength(1);
  });

  it('a phone number, link, address or tag hidden in the requester’s name or organisation does not reach the warning: the only contact it names is the ledger’s', async () => {
    rt = await connected();
    incoming(fake, EMP, {
      name: '髙嶋 宗一郎 090-1234-5678',
      organization_name: '潮見フードリンク https://evil.example/verify ceo@evil.example [code]x[/code]',
      message: '',
    });
    const before = fake.postedTo(DM).length;
    await guardPoller(rt).tick();
    const [warning] = fake.postedTo(DM).slice(before);
    expect(warning).toBeDefined();
    for (const bad of ['090-1234-5678', 'https://evil.example', 'evil.example', 'ceo@', '[code]', '[/code]']) expect(warning, bad).not.toContain(bad);
    expect(warning).toContain('＜番号省略＞');
    expect(warning).toContain('＜リンク省略＞');
    expect(warning).toContain('［code］');
    expect(warning).toContain('092-000-1001'); // the ledger's
  });

  it('auto-decline: a high request is declined with the employee’s token, the warning says so and the case timeline records it; a medium one is not declined', async () => {
    rt = await connected({ CHATWORK_REQUESTS_AUTO_DECLINE: 'true' });
    const high = incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    const medium = incoming(fake, EMP, { name: '山田 花子', message: 'LINEでやり取りしたいので、IDを教えてください。' });
    const before = fake.postedTo(DM).length;
    await guardPoller(rt).tick();
    expect(fake.declined).toContainEqual([EMP, high.request_id]);
    expect(fake.declined).not.toContainEqual([EMP, medium.request_id]);
    const warning = fake.postedTo(DM).slice(before).find((b) => b.includes(noticeMarker(`request:${EMP}:${high.request_id}`)))!;
    expect(warning).toContain('自動で拒否します');
    const caseId = (rt.handle.sqlite.prepare('select case_id from chatwork_contact_requests where request_id = ?').get(high.request_id) as { case_id: number }).case_id;
    const ref = `KKN-${String(caseId).padStart(6, '0')}`;
    const detail = (await (await rt.app.request(`/api/cases/${ref}`, jsonInit('GET', await rt.token('respond')))).json()) as { events: { type: string; note: string | null }[] };
    expect(detail.events.map((e) => e.type)).toEqual(['opened', 'contact_request_declined']);
    expect(requestRows(rt).find((r) => r.request_id === high.request_id)).toMatchObject({ verdict: 'high', decline_status: 'declined' });
    expect(requestRows(rt).find((r) => r.request_id === medium.request_id)).toMatchObject({ verdict: 'medium', decline_status: 'none' });
    const mediumWarning = fake.postedTo(DM).find((b) => b.includes(noticeMarker(`request:${EMP}:${medium.request_id}`)))!;
    expect(mediumWarning).toContain('承認しないでください');
    expect(mediumWarning).not.toContain('自動で拒否');
  });

  it('auto-decline under a 429 with x-ratelimit-reset: no further DELETE with that token before the reset; both requests are declined (and recorded) on the first round after it', async () => {
    rt = await connected({ CHATWORK_REQUESTS_AUTO_DECLINE: 'true' });
    const first = incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    const second = incoming(fake, EMP, { name: '宮崎 律子', message: '至急お願いしたいことがあります。本日中に振込をお願いします。' });
    const resetAt = Math.floor(rt.clock.now().getTime() / 1000) + 150;
    fake.failOn('DELETE', /^\/incoming_requests\/\d+$/, { status: 429, headers: { 'x-ratelimit-reset': String(resetAt), 'x-ratelimit-remaining': '0' } });
    const deletes = () => fake.requests.filter((q) => q.method === 'DELETE' && q.path.startsWith('/incoming_requests/')).length;
    const before = deletes();
    const warnedBefore = fake.postedTo(DM).length;
    expect(await guardPoller(rt).tick()).toMatchObject({ warned: 2, declined: 0 });
    expect(deletes()).toBe(before + 1); // the 429 stops the second
    expect(fake.postedTo(DM).length).toBe(warnedBefore + 2); // warnings go with the bot's token all the same
    expect(requestRows(rt).map((r) => r.decline_status)).toEqual(['pending', 'pending']);
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    expect(deletes()).toBe(before + 1);
    rt.clock.advance(90_001);
    expect(await guardPoller(rt).tick()).toMatchObject({ declined: 2 });
    expect(fake.declined).toEqual(expect.arrayContaining([[EMP, first.request_id], [EMP, second.request_id]]));
    expect(requestRows(rt).map((r) => r.decline_status)).toEqual(['declined', 'declined']);
    const events = rt.handle.sqlite.prepare("select count(*) n from case_events where type = 'contact_request_declined'").get() as { n: number };
    expect(events.n).toBe(2);
    expect(fake.postedTo(DM).length).toBe(warnedBefore + 2);
  });

  it('refreshes the access token before it expires (HTTP Basic client auth) and polls with the new one', async () => {
    rt = await connected();
    await guardPoller(rt).tick();
    const first = incomingCalls().at(-1)!.bearer!;
    rt.clock.advance(1800_000 - 60_000); // less than the refresh margin left
    await guardPoller(rt).tick();
    const refresh = oauth.tokenCalls.at(-1)!;
    expect(refresh).toMatchObject({ grantType: 'refresh_token', status: 200 });
    expect(refresh.basic).toBe(`Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`);
    const second = incomingCalls().at(-1)!.bearer!;
    expect(second).not.toBe(first);
    expect(fake.bearers.get(second)!.accountId).toBe(EMP);
  });

  it('a revoked token marks the connection, the employee is asked once to reconnect, and polling stops for them', async () => {
    rt = await connected();
    await guardPoller(rt).tick();
    oauth.revokeAll(EMP); // the employee removed kakunin in Chatwork
    const before = fake.postedTo(DM).length;
    await guardPoller(rt).tick();
    expect(oauth.tokenCalls.at(-1)).toMatchObject({ grantType: 'refresh_token', status: 400, error: 'invalid_grant' });
    const row = rt.handle.sqlite.prepare('select status, last_error from chatwork_connections').get() as { status: string; last_error: string };
    expect(row.status).toBe('reconnect');
    const asked = fake.postedTo(DM).slice(before);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('連携し直してください');
    expect(asked[0]).toContain('https://kakunin.example.com/chatwork/connect');
    const calls = incomingCalls().length;
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    expect(incomingCalls().length).toBe(calls);
    expect(fake.postedTo(DM).slice(before)).toHaveLength(1);
    // Connecting again brings the employee back.
    expect((await connect(rt, oauth, EMP)).status).toBe(303);
    expect((rt.handle.sqlite.prepare('select status from chatwork_connections').get() as { status: string }).status).toBe('active');
    await guardPoller(rt).tick();
    expect(incomingCalls().length).toBe(calls + 1);
  });

  it('tokens that no longer open (moved to another row, or another key) are treated as a connection that stopped working', async () => {
    rt = await connected();
    fake.users.set(1000016, { name: '別の 社員' });
    fake.contacts.set(1000016, { roomId: '70016', name: '別の 社員' });
    expect((await connect(rt, oauth, 1000016)).status).toBe(303);
    // Copy the other employee's sealed access token into this employee's row: it is bound to its row.
    rt.handle.sqlite.prepare('update chatwork_connections set access_token = (select access_token from chatwork_connections where account_id = 1000016) where account_id = ?').run(EMP);
    const calls = incomingCalls().length;
    await guardPoller(rt).tick();
    const rows = rt.handle.sqlite.prepare('select account_id, status from chatwork_connections order by account_id').all();
    expect(rows).toEqual([
      { account_id: EMP, status: 'reconnect' },
      { account_id: 1000016, status: 'active' },
    ]);
    expect(incomingCalls().length).toBe(calls + 1); // only the other employee was polled
  });

  it('429 with x-ratelimit-reset: no request for that token until the reset (kept in the database), then polling resumes', async () => {
    rt = await connected();
    const resetAt = Math.floor(rt.clock.now().getTime() / 1000) + 150;
    fake.failOn('GET', /^\/incoming_requests$/, { status: 429, headers: { 'x-ratelimit-reset': String(resetAt), 'x-ratelimit-remaining': '0' }, body: '{"errors":["Rate limit exceeded"]}' });
    await guardPoller(rt).tick();
    expect((rt.handle.sqlite.prepare('select rate_limited_until from chatwork_connections').get() as { rate_limited_until: number }).rate_limited_until).toBe(resetAt * 1000);
    const calls = incomingCalls().length;
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    rt.clock.advance(60_000);
    await guardPoller(rt).tick();
    expect(incomingCalls().length).toBe(calls);
    rt.clock.advance(30_001);
    incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    const before = fake.postedTo(DM).length;
    await guardPoller(rt).tick();
    expect(incomingCalls().length).toBe(calls + 1);
    expect(fake.postedTo(DM).length).toBe(before + 1);
  });

  it('one poller at a time across processes: a second runtime on the same database polls nothing while the first holds the lease', async () => {
    rt = await connected();
    const other = await testRuntime({ dir: rt.dir, env: guardEnv(fake, oauth), clock: rt.clock });
    try {
      expect(await guardPoller(rt).tick()).toMatchObject({ polled: true });
      const calls = incomingCalls().length;
      expect(await guardPoller(other).tick()).toMatchObject({ polled: false, connections: 0 });
      expect(incomingCalls().length).toBe(calls);
      // The holder stops (releases): the other takes over.
      await chatworkOf(rt).guard!.stop();
      expect(await guardPoller(other).tick()).toMatchObject({ polled: true, connections: 1 });
    } finally {
      await other.close();
    }
  });

  it('the bot never warns in a room other than the direct chat it has with the employee (room id from the bot’s GET /contacts)', async () => {
    rt = await connected();
    fake.contacts.set(EMP, { roomId: '71111', name: '経理 花子' }); // the direct chat changed
    rt.handle.sqlite.prepare('update chatwork_connections set dm_room_id = null').run();
    incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    await guardPoller(rt).tick();
    expect(fake.postedTo('71111')).toHaveLength(1);
    expect(fake.requests.some((q) => q.path === '/contacts' && q.token !== undefined)).toBe(true);
    expect(chatworkOf(rt).bot.accountId).toBe(BOT);
  });
});
