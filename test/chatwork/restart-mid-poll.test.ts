/**
 * A process dies in the middle of a poll — its database connection closes while a request is in
 * flight, as it would on a crash — and a new process on the same database takes over once the
 * lease has expired. Nothing is lost and nobody is warned twice: the de-duplication is in the
 * database (checked requests, handled messages, queued notices), and a warning that Chatwork took
 * in just before the crash is found in the room, not posted again.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { noticeMarker } from '../../adapters/chatwork/notices.ts';
import type { ManualClock } from '../../src/clock.ts';
import { countRows, directoryJson, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { CALLBACK, chatworkOf, connect, employee, guardEnv, guardPoller, incoming } from './guard-helpers.ts';
import { chatworkEnv } from './helpers.ts';

const fake = new FakeChatwork();
const oauth = new FakeChatworkOAuth(fake);
const EMP = 1000015;
const DM = '70015';
const ROOM = '5001';
const FRAUD = '社長の髙嶋です。至急、本日中に下記口座へ300万円振り込んでください。他言無用でお願いします。\n住信SBIネット銀行 法人第一支店 普通 7654321 タカシマ ソウイチロウ';
/** Every runtime opened, closed at the end unless it "crashed". */
const open: TestRuntime[] = [];

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
  fake.posted.length = 0;
  fake.rooms.clear();
  fake.incoming.clear();
  fake.onRequest = null;
  employee(fake, EMP, '経理 花子', DM);
});
afterEach(async () => {
  fake.onRequest = null;
  for (const r of open.splice(0)) if (r.handle.sqlite.open) await r.close();
});

async function start(env: Record<string, string>, dir?: string, clock?: ManualClock): Promise<TestRuntime> {
  const r = await testRuntime({ env, random: () => 0, ...(dir ? { dir } : {}), ...(clock ? { clock } : {}) });
  fake.now = () => r.clock.now().getTime();
  open.push(r);
  return r;
}

/** The process dies when `method path` reaches Chatwork: its database closes under it. */
function crashOn(r: TestRuntime, method: string, path: RegExp): void {
  fake.onRequest = async (m, p) => {
    if (m !== method || !path.test(p)) return;
    fake.onRequest = null;
    await r.handle.close();
  };
}

const markersIn = (posts: string[]) => posts.map((b) => /〔kakunin n-[0-9a-f]+〕/.exec(b)?.[0]);

describe('restart in the middle of a poll', () => {
  it('contact requests: the warning Chatwork took just before the crash is not posted again; the rest are warned once after the restart', async () => {
    const env = guardEnv(fake, oauth);
    const rt1 = await start(env);
    expect((await rt1.app.request('/api/directory', jsonInit('PUT', await rt1.token('admin'), directoryJson()))).status).toBe(200);
    expect((await connect(rt1, oauth, EMP)).status).toBe(303);
    const a = incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    const b = incoming(fake, EMP, { name: '宮崎 律子' });
    // The first warning reaches Chatwork; the answer never comes back, and the process dies.
    fake.dropPostTo(DM);
    crashOn(rt1, 'POST', new RegExp(`^/rooms/${DM}/messages$`));
    await expect(guardPoller(rt1).tick()).rejects.toThrow();
    expect(fake.postedTo(DM)).toHaveLength(1);

    // Meanwhile another request arrives. A new process takes over after the lease expired.
    const c = incoming(fake, EMP, { name: '浦田 健二', organization_name: '灘見水産' });
    rt1.clock.advance(121_000);
    const rt2 = await start(env, rt1.dir, rt1.clock);
    expect(await guardPoller(rt2).tick()).toMatchObject({ polled: true });

    const posts = fake.postedTo(DM);
    expect(markersIn(posts).sort()).toEqual([a, b, c].map((r) => noticeMarker(`request:${EMP}:${r.request_id}`)).sort());
    expect(countRows(rt2, 'reports', "source = 'contact_request'")).toBe(3);
    // Later rounds add nothing.
    rt2.clock.advance(60_000);
    await guardPoller(rt2).tick();
    expect(fake.postedTo(DM)).toHaveLength(3);
  });

  it('contact requests with auto-decline: a crash right after the DELETE (the request is gone from the list) still warns once, and the decline is not lost from the record', async () => {
    const env = guardEnv(fake, oauth, { CHATWORK_REQUESTS_AUTO_DECLINE: 'true' });
    const rt1 = await start(env);
    expect((await rt1.app.request('/api/directory', jsonInit('PUT', await rt1.token('admin'), directoryJson()))).status).toBe(200);
    expect((await connect(rt1, oauth, EMP)).status).toBe(303);
    const a = incoming(fake, EMP, { name: '髙嶋 宗一郎' });
    crashOn(rt1, 'DELETE', new RegExp(`^/incoming_requests/${a.request_id}$`));
    await expect(guardPoller(rt1).tick()).rejects.toThrow();
    expect(fake.declined).toContainEqual([EMP, a.request_id]);
    expect(fake.incoming.get(EMP)).toHaveLength(0);

    rt1.clock.advance(121_000);
    const rt2 = await start(env, rt1.dir, rt1.clock);
    await guardPoller(rt2).tick();
    expect(markersIn(fake.postedTo(DM))).toEqual([noticeMarker(`request:${EMP}:${a.request_id}`)]);
    const row = rt2.handle.sqlite.prepare('select decline_status from chatwork_contact_requests where request_id = ?').get(a.request_id) as { decline_status: string };
    expect(row.decline_status).toBe('gone'); // it left the list; who removed it can no longer be told
  });

  it('watched rooms: messages fetched by a process that died before handling them are read again (force=1) and warned once; a warning taken in before a crash is not repeated', async () => {
    const env = chatworkEnv(fake, { CHATWORK_WATCH_ROOMS: ROOM, CONSOLE_NOTIFIER: 'false' });
    const rt1 = await start(env);
    expect((await rt1.app.request('/api/directory', jsonInit('PUT', await rt1.token('admin'), directoryJson()))).status).toBe(200);
    const watch1 = chatworkOf(rt1).watchFor!(rt1.deps);
    await watch1.tick(); // first look (force=1): nothing yet
    const now = Math.floor(rt1.clock.now().getTime() / 1000);
    const m1 = fake.addMessage(ROOM, { accountId: 9_870_001, name: '髙嶋 宗一郎', body: FRAUD, sendTime: now + 1 });
    const m2 = fake.addMessage(ROOM, { accountId: 9_870_002, name: '宮崎 律子', body: FRAUD.replace('社長の髙嶋', '取締役の宮﨑'), sendTime: now + 2 });
    // Dies while Chatwork hands over the new messages (and moves the token's cursor past them).
    crashOn(rt1, 'GET', new RegExp(`^/rooms/${ROOM}/messages$`));
    rt1.clock.advance(30_000);
    await expect(watch1.tick()).rejects.toThrow();
    expect(fake.requests.at(-1)).toMatchObject({ path: `/rooms/${ROOM}/messages` });

    // The next process handles both, and dies as Chatwork takes in the first warning.
    rt1.clock.advance(61_000);
    const rt2 = await start(env, rt1.dir, rt1.clock);
    fake.dropPostTo(ROOM);
    crashOn(rt2, 'POST', new RegExp(`^/rooms/${ROOM}/messages$`));
    await expect(chatworkOf(rt2).watchFor!(rt2.deps).tick()).rejects.toThrow();
    expect(fake.postedTo(ROOM)).toHaveLength(1);

    rt2.clock.advance(61_000);
    const rt3 = await start(env, rt1.dir, rt1.clock);
    await chatworkOf(rt3).watchFor!(rt3.deps).tick();
    expect(markersIn(fake.postedTo(ROOM)).sort()).toEqual([m1, m2].map((id) => noticeMarker(`watch:${ROOM}:${id}`)).sort());
    expect(countRows(rt3, 'reports', "source = 'watch'")).toBe(2);
    rt3.clock.advance(30_000);
    await chatworkOf(rt3).watchFor!(rt3.deps).tick();
    expect(fake.postedTo(ROOM)).toHaveLength(2);
  });
});
