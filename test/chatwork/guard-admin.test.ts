/**
 * Who is connected and which rooms are watched, in the console (issue 18, items 2 and 8); how an
 * employee learns about the link and leaves (the bot's 連携 / 連携解除 commands); disconnecting
 * revokes (where configured) and deletes the tokens.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.ts';
import { countRows, testRuntime, type TestRuntime } from '../helpers.ts';
import { Browser, PASSWORD } from '../web/helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { CALLBACK, chatworkOf, connect, employee, guardEnv } from './guard-helpers.ts';
import { BOT, messageCreated, postWebhook } from './helpers.ts';

const fake = new FakeChatwork();
const oauth = new FakeChatworkOAuth(fake);
const EMP = 1000015;
const DM = '70015';
let rt: TestRuntime | null = null;

beforeAll(async () => {
  await fake.start();
  await oauth.start();
  oauth.redirectUris = [CALLBACK];
  employee(fake, EMP, '経理 花子', DM);
});
afterAll(async () => {
  await fake.close();
  await oauth.close();
});
afterEach(async () => {
  await rt?.close();
  rt = null;
});

async function runtime(): Promise<TestRuntime> {
  const r = await testRuntime({ env: guardEnv(fake, oauth, { CHATWORK_OAUTH_REVOKE_URL: oauth.revokeUrl, CHATWORK_WATCH_ROOMS: '5001,5002' }), random: () => 0 });
  fake.now = () => r.clock.now().getTime();
  await createUser(r.handle.db, { name: 'seki', displayName: '情報システム 関', role: 'admin', password: PASSWORD }, r.clock.now());
  return r;
}

const visible = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .split(/<[^>]*>/)
    .map((s) => s.trim())
    .filter(Boolean);

describe('console: Chatwork connections and watched rooms', () => {
  it('/admin lists connected employees with their state, and the watched rooms with since when; no internal codes', async () => {
    rt = await runtime();
    expect((await connect(rt, oauth, EMP)).status).toBe(303);
    rt.clock.advance(3_600_000);
    const b = new Browser(rt.app);
    await b.signIn('seki');
    expect((await b.get('/admin')).status).toBe(200);
    const html = b.last;
    expect(html).toContain('Chatwork のコンタクト申請チェック');
    expect(html).toMatch(/<td>経理 花子<\/td>\s*<td>\s*<code>1000015<\/code>/);
    expect(html).toContain('確認中');
    expect(html).toContain('https://kakunin.example.com/chatwork/connect');
    expect(html).toContain('見守り中の Chatwork ルーム');
    expect(html).toMatch(/<code>5001<\/code><\/td><td><time datetime="2026-01-07T00:00:00.000Z">/);
    expect(html).toMatch(/<code>5002<\/code>/);
    for (const code of ['active', 'reconnect', 'chatwork_connections']) expect(visible(html)).not.toContain(code);
  });

  it('an admin disconnects an employee after a confirmation: tokens revoked at Chatwork (RFC 7009) and deleted', async () => {
    rt = await runtime();
    expect((await connect(rt, oauth, EMP)).status).toBe(303);
    const b = new Browser(rt.app);
    await b.signIn('seki');
    await b.get('/admin');
    const ask = await b.post(`/admin/chatwork/connections/${EMP}/disconnect`, {});
    expect(ask.status).toBe(200);
    expect(b.last).toContain('経理 花子 さんの連携を解除しますか？');
    expect(countRows(rt, 'chatwork_connections')).toBe(1);
    const revokedBefore = oauth.revoked.length;
    const done = await b.post(`/admin/chatwork/connections/${EMP}/disconnect`, { confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
    expect(oauth.revoked.length).toBe(revokedBefore + 2); // refresh and access token
    await b.get('/admin');
    expect(b.last).not.toContain('<td>経理 花子</td>');
  });

  it('the bot answers 「連携」 with the link (a reply to the employee), and 「連携解除」 disconnects them', async () => {
    rt = await runtime();
    const before = fake.postedTo(DM).length;
    const ask = messageCreated(`[To:${BOT}]kakuninさん\n連携`, { roomId: Number(DM), accountId: EMP });
    expect((await postWebhook(rt, ask)).status).toBe(200);
    await chatworkOf(rt).notices.flush();
    const [reply] = fake.postedTo(DM).slice(before);
    expect(reply).toMatch(new RegExp(`^\\[rp aid=${EMP} to=${DM}-${ask.webhook_event.message_id}\\]`));
    expect(reply).toContain('https://kakunin.example.com/chatwork/connect');
    expect(countRows(rt, 'reports')).toBe(0); // a command is not a report

    expect((await connect(rt, oauth, EMP)).status).toBe(303);
    const leave = messageCreated(`[To:${BOT}]kakuninさん\n連携解除`, { roomId: Number(DM), accountId: EMP });
    expect((await postWebhook(rt, leave)).status).toBe(200);
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
    await chatworkOf(rt).notices.flush();
    expect(fake.postedTo(DM).at(-1)).toContain('連携を解除しました');
  });
});
