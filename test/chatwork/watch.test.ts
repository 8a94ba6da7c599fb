/**
 * The finance-room watch (issue 18, items 6–8): new messages in watched rooms, by polling and by
 * room webhook, handled once; history and the bot's own messages ignored; one calm warning that
 * points at the message without pinging its sender; a case with source `watch`; below the
 * threshold nothing but ids and a hash is stored.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeMarker } from '../../adapters/chatwork/notices.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { countRows, directoryJson, jsonInit, scripted, ScriptedNotifier, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { chatworkOf } from './guard-helpers.ts';
import { BOT, chatworkEnv, inbound, messageCreated, postWebhook } from './helpers.ts';

const detect = createDetector(ruleSet);

const fake = new FakeChatwork();
const ROOM = '5001';
const FRAUDSTER = 9_870_001;
const FRAUD = '経理部各位\n社長の髙嶋です。至急、本日中に下記口座へ300万円振り込んでください。他言無用でお願いします。\n住信SBIネット銀行 法人第一支店 普通 7654321 タカシマ ソウイチロウ';
const QUIET = '明日の定例は10時からです。資料は共有フォルダにあります。';
let rt: TestRuntime | null = null;
let cards: ScriptedNotifier;

beforeAll(() => fake.start());
afterAll(() => fake.close());
beforeEach(() => {
  fake.posted.length = 0;
  fake.rooms.clear();
  fake.members.clear();
  fake.onRequest = null;
});
afterEach(async () => {
  await rt?.close();
  rt = null;
});

async function watching(extra: Record<string, string> = {}, dir?: string, clock?: TestRuntime['clock']): Promise<TestRuntime> {
  cards = new ScriptedNotifier('slack');
  const r = await testRuntime({ env: chatworkEnv(fake, { CHATWORK_WATCH_ROOMS: ROOM, ...extra }), random: () => 0, factories: scripted(cards, 'C-FRAUD'), ...(dir ? { dir } : {}), ...(clock ? { clock } : {}) });
  fake.now = () => r.clock.now().getTime();
  if (!dir) expect((await r.app.request('/api/directory', jsonInit('PUT', await r.token('admin'), directoryJson()))).status).toBe(200);
  return r;
}
const watchOf = (r: TestRuntime) => chatworkOf(r).watchFor!(r.deps);
const nowSec = (r: TestRuntime) => Math.floor(r.clock.now().getTime() / 1000);
const watchReports = (r: TestRuntime) => r.handle.sqlite.prepare("select * from reports where source = 'watch' order by id").all() as Record<string, unknown>[];

describe('finance-room watch', () => {
  it('history is ignored; a new money request gets one calm warning that links the message without pinging its sender, and a watch case with a card', async () => {
    fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '髙嶋 宗一郎', body: FRAUD, sendTime: 1767744000 - 3600 }); // before the room was watched
    rt = await watching();
    expect(await watchOf(rt).tick()).toMatchObject({ polled: true, rooms: 1, messages: 1, warned: 0 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: `/rooms/${ROOM}/messages`, query: '?force=1' });
    expect(fake.postedTo(ROOM)).toHaveLength(0);
    expect(countRows(rt, 'chatwork_watch_messages')).toBe(0);

    rt.clock.advance(30_000);
    const hostile = `[toall][To:1000006]${FRAUD}\n詳細は https://evil.example/pay [rp aid=1000006 to=5001-1]`;
    const id = fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '髙嶋 宗一郎', body: hostile, sendTime: nowSec(rt) });
    expect(await watchOf(rt).tick()).toMatchObject({ messages: 1, warned: 1 });
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path === `/rooms/${ROOM}/messages`).at(-1)!.query).toBe('?force=0'); // only new ones
    const [warning] = fake.postedTo(ROOM);
    expect(warning).toBeDefined();
    expect(warning).toContain(`https://www.chatwork.com/#!rid${ROOM}-${id}`);
    expect(warning).toContain('髙嶋 宗一郎 さんのメッセージ');
    expect(warning).toContain('092-000-1001'); // the ledger's known contact
    expect(warning).toContain('支払い・振込先の変更・情報の提供の前に');
    expect(warning).not.toMatch(new RegExp(`\\[To:${FRAUDSTER}\\]|\\[rp aid=${FRAUDSTER}|\\[picon(name)?:${FRAUDSTER}|\\[toall\\]`));
    expect(warning).not.toContain('7654321'); // the fraudster's account is not repeated in the room
    for (const bad of ['[To:1000006]', 'https://evil.example', '[rp aid=1000006']) expect(warning).not.toContain(bad);
    const [report] = watchReports(rt);
    expect(report).toMatchObject({ external_id: `${ROOM}-${id}`, sender_account_id: FRAUDSTER, verdict: 'high', reporter_account_id: null });
    await rt.worker.tick();
    expect(cards.calls).toContainEqual(expect.objectContaining({ op: 'post', target: 'C-FRAUD' }));

    // The bot's own warning comes back on the next poll: not judged; the message is not warned about twice.
    rt.clock.advance(30_000);
    expect(await watchOf(rt).tick()).toMatchObject({ messages: 1, warned: 0 });
    expect(fake.postedTo(ROOM)).toHaveLength(1);
  });

  it('a phone number, link or tag in the sender’s display name does not reach the room’s warning', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '髙嶋 宗一郎 折返し 090-1234-5678 https://evil.example/x [code]', body: FRAUD, sendTime: nowSec(rt) });
    expect(await watchOf(rt).tick()).toMatchObject({ warned: 1 });
    const [warning] = fake.postedTo(ROOM);
    for (const bad of ['090-1234-5678', 'evil.example', '[code]']) expect(warning, bad).not.toContain(bad);
    expect(warning).toContain('髙嶋 宗一郎 折返し ＜番号省略＞');
  });

  it('a message below the threshold gets nothing, and leaves only its ids and a SHA-256 (not in the rows, not in the file)', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    const quiet = `${QUIET} 合言葉はしろくま${Date.now()}`;
    const id = fake.addMessage(ROOM, { accountId: 1000006, name: '柴田 奈緒', body: quiet, sendTime: nowSec(rt) });
    await watchOf(rt).tick();
    expect(fake.postedTo(ROOM)).toHaveLength(0);
    expect(watchReports(rt)).toHaveLength(0);
    const rows = rt.handle.sqlite.prepare('select * from chatwork_watch_messages').all() as Record<string, unknown>[];
    expect(rows).toEqual([{ room_id: ROOM, message_id: id, body_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), handled_at: expect.any(String), report_id: null, case_id: null }]);
    expect(countRows(rt, 'inbound_events')).toBe(0);
    rt.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = Buffer.concat([fs.readFileSync(path.join(rt.dir, 'kakunin.db')), fs.readFileSync(path.join(rt.dir, 'kakunin.db-wal'))]);
    expect(bytes.includes(Buffer.from('合言葉はしろくま'))).toBe(false);
    expect(bytes.includes(Buffer.from('柴田 奈緒'))).toBe(true); // (the ledger is in the file; the check can see text)
  });

  it('CHATWORK_WATCH_MIN_VERDICT=high leaves a medium message alone', async () => {
    rt = await watching({ CHATWORK_WATCH_MIN_VERDICT: 'high' });
    await watchOf(rt).tick();
    const message = { body: '髙嶋です。明日の打ち合わせの時間を教えてください。', sender: { accountId: 9_870_002, name: '髙嶋 宗一郎' } };
    expect(detect({ message, context: { roomType: 'group' } }, await rt.deps.directory.get(), { now: rt.clock.now() }).verdict).toBe('medium');
    fake.addMessage(ROOM, { accountId: 9_870_002, name: '髙嶋 宗一郎', body: message.body, sendTime: nowSec(rt) });
    expect(await watchOf(rt).tick()).toMatchObject({ messages: 1, warned: 0 });
    expect(fake.postedTo(ROOM)).toHaveLength(0);
    expect(watchReports(rt)).toHaveLength(0);
  });

  it('room webhook (message_created) of a watched room: judged once, not stored, the sender named from the member list; the poll that follows does not warn again', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    fake.members.set(ROOM, [{ account_id: FRAUDSTER, name: '[To:all]髙嶋 宗一郎' }]);
    const payload = messageCreated(FRAUD, { roomId: Number(ROOM), accountId: FRAUDSTER });
    fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '[To:all]髙嶋 宗一郎', body: FRAUD, sendTime: nowSec(rt) });
    // The fake's message id differs from the payload's: use the payload's for the webhook and the same in the room.
    const room = fake.rooms.get(ROOM)!;
    room[room.length - 1]!.message_id = payload.webhook_event.message_id;
    const res = await postWebhook(rt, payload);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, watched: true });
    await watchOf(rt).settled();
    expect(inbound(rt)).toHaveLength(0); // the raw event is not stored
    const posted = fake.postedTo(ROOM);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toContain('［To:all］髙嶋 宗一郎 さんのメッセージ');
    expect(posted[0]).not.toContain('[To:all]');
    rt.clock.advance(30_000);
    await watchOf(rt).tick();
    expect(fake.postedTo(ROOM)).toHaveLength(1);
    expect(watchReports(rt)).toHaveLength(1);
  });

  it('stopping waits for a watched room webhook still being judged: the message is handled and warned, not lost', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    // The webhook's work waits on the member list when the process begins to stop.
    const held = fake.hold('GET', new RegExp(`^/rooms/${ROOM}/members$`));
    const payload = messageCreated(FRAUD, { roomId: Number(ROOM), accountId: FRAUDSTER });
    expect((await postWebhook(rt, payload)).status).toBe(200);
    const release = await held;
    const binding = chatworkOf(rt);
    const stop = binding.stop!.bind(binding);
    binding.stop = async () => {
      const stopping = stop();
      release();
      await stopping;
    };
    const stopped = rt;
    rt = null;
    await stopped.close();
    const db = new Database(path.join(stopped.dir, 'kakunin.db'), { readonly: true });
    try {
      expect(db.prepare('select message_id, case_id is not null as warned from chatwork_watch_messages').all()).toEqual([{ message_id: payload.webhook_event.message_id, warned: 1 }]);
    } finally {
      db.close();
    }
    expect(fake.postedTo(ROOM)).toHaveLength(1);
  });

  it('a second attempt at a warning reads the room (force=1), which moves the bot token’s cursor: the messages it read are judged then, not lost to the next poll', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    const m1 = fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '髙嶋 宗一郎', body: FRAUD, sendTime: nowSec(rt) });
    fake.failOn('POST', new RegExp(`^/rooms/${ROOM}/messages$`), { status: 500 });
    expect(await watchOf(rt).tick()).toMatchObject({ warned: 1 });
    expect(fake.postedTo(ROOM)).toHaveLength(0); // Chatwork failed the first attempt
    // Another money request arrives before the warning is tried again.
    rt.clock.advance(60_000);
    const m2 = fake.addMessage(ROOM, { accountId: 9_870_002, name: '宮崎 律子', body: FRAUD.replace('社長の髙嶋', '取締役の宮﨑'), sendTime: nowSec(rt) });
    await chatworkOf(rt).notices.flush();
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path === `/rooms/${ROOM}/messages`).at(-1)!.query).toBe('?force=1');
    rt.clock.advance(30_000);
    await watchOf(rt).tick();
    rt.clock.advance(30_000);
    await watchOf(rt).tick();
    const markers = fake.postedTo(ROOM).map((b) => /〔kakunin n-[0-9a-f]+〕/.exec(b)?.[0]);
    expect(markers.sort()).toEqual([m1, m2].map((id) => noticeMarker(`watch:${ROOM}:${id}`)).sort());
    expect(watchReports(rt).map((r) => r.external_id)).toEqual([`${ROOM}-${m1}`, `${ROOM}-${m2}`]);
  });

  it('room webhooks: the bot’s own message and one sent before the room was watched get nothing and leave nothing; the same message sent now is warned', async () => {
    rt = await watching();
    fake.members.set(ROOM, [{ account_id: FRAUDSTER, name: '髙嶋 宗一郎' }]);
    const own = messageCreated(FRAUD, { roomId: Number(ROOM), accountId: BOT });
    const old = messageCreated(FRAUD, { roomId: Number(ROOM), accountId: FRAUDSTER });
    old.webhook_event.send_time = nowSec(rt) - 60; // the room is watched from the runtime's start
    for (const p of [own, old]) expect(await (await postWebhook(rt, p)).json()).toEqual({ ok: true, watched: true });
    await watchOf(rt).settled();
    expect(fake.postedTo(ROOM)).toHaveLength(0);
    expect(countRows(rt, 'chatwork_watch_messages')).toBe(0);
    expect(watchReports(rt)).toHaveLength(0);
    expect(inbound(rt)).toHaveLength(0);
    await postWebhook(rt, messageCreated(FRAUD, { roomId: Number(ROOM), accountId: FRAUDSTER }));
    await watchOf(rt).settled();
    expect(fake.postedTo(ROOM)).toHaveLength(1);
    expect(watchReports(rt)).toHaveLength(1);
  });

  it('a message addressed to the bot in a watched room is a report, as before (stored, replied), not a watch warning', async () => {
    rt = await watching();
    await watchOf(rt).tick();
    const res = await postWebhook(rt, messageCreated(`[To:900]kakuninさん\n[qt][qtmeta aid=${FRAUDSTER} time=1767744000]${FRAUD}[/qt]`, { roomId: Number(ROOM) }));
    expect(await res.json()).toEqual({ ok: true });
    expect(inbound(rt)).toHaveLength(1);
    expect(countRows(rt, 'reports', "source = 'chatwork'")).toBe(1);
    expect(watchReports(rt)).toHaveLength(0);
  });

  it('429 with x-ratelimit-reset on the bot token: no poll until the reset, then the room is read again from the latest 100', async () => {
    rt = await watching();
    const resetAt = nowSec(rt) + 120;
    fake.failOn('GET', new RegExp(`^/rooms/${ROOM}/messages$`), { status: 429, headers: { 'x-ratelimit-reset': String(resetAt), 'x-ratelimit-remaining': '0' } });
    const polls = () => fake.requests.filter((q) => q.method === 'GET' && q.path === `/rooms/${ROOM}/messages`).length;
    await watchOf(rt).tick();
    const after429 = polls();
    fake.addMessage(ROOM, { accountId: FRAUDSTER, name: '髙嶋 宗一郎', body: FRAUD, sendTime: nowSec(rt) + 10 });
    rt.clock.advance(60_000);
    await watchOf(rt).tick();
    expect(polls()).toBe(after429); // the gate held it back: nothing sent
    expect(fake.postedTo(ROOM)).toHaveLength(0);
    rt.clock.advance(60_001);
    expect(await watchOf(rt).tick()).toMatchObject({ warned: 1 });
    expect(polls()).toBe(after429 + 1);
    expect(fake.requests.filter((q) => q.method === 'GET' && q.path === `/rooms/${ROOM}/messages`).at(-1)!.query).toBe('?force=1');
    expect(fake.postedTo(ROOM)).toHaveLength(1);
  });

  it('edits in a watched room are not stored or judged again; other rooms go to the report intake as before', async () => {
    rt = await watching();
    const edit = await postWebhook(rt, messageCreated(FRAUD, { roomId: Number(ROOM), type: 'message_updated', updateTime: 1767744200 }));
    expect(await edit.json()).toEqual({ ok: true, watched: true });
    expect(inbound(rt)).toHaveLength(0);
    await postWebhook(rt, messageCreated(`[qt][qtmeta aid=${FRAUDSTER} time=1767744000]${FRAUD}[/qt]`));
    expect(inbound(rt)).toHaveLength(1);
  });
});
