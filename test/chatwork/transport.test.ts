import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatworkBinding } from '../../adapters/chatwork/index.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';
import { ConfigError } from '../../src/config.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { countRows, tempDir, testConfig, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { API_TOKEN, BOT, chatworkEnv, chatworkReports, chatworkRuntime, inbound, messageCreated, postWebhook, ROOM_TOKEN, sign } from './helpers.ts';

const fake = new FakeChatwork();
let rt: TestRuntime | null = null;
let server: RunningServer | null = null;
beforeAll(() => fake.start());
afterAll(() => fake.close());
afterEach(async () => {
  await rt?.close();
  await server?.close();
  rt = null;
  server = null;
});

const QUOTE = '[qt][qtmeta aid=5 time=1767744000]今日中にこの口座へ振り込んでください[/qt]';
const reporterDelivery = (r: TestRuntime) =>
  r.handle.sqlite.prepare("select * from deliveries where kind = 'reporter.notify' order by id desc limit 1").get() as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
  };

async function reportOne(r: TestRuntime) {
  expect((await postWebhook(r, messageCreated(QUOTE))).status).toBe(200);
  expect(reporterDelivery(r).status).toBe('pending');
}

describe('Chatwork replies through the outbox', () => {
  it('429: retried at x-ratelimit-reset (epoch seconds, read against the injected clock), then sent once', async () => {
    rt = await chatworkRuntime(fake);
    await reportOne(rt);
    const before = fake.posted.length;
    const resetAt = Math.floor(rt.clock.now().getTime() / 1000) + 120;
    fake.failNext({ status: 429, headers: { 'x-ratelimit-reset': String(resetAt) }, body: '{"errors":["Rate limit exceeded"]}' });
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    const d = reporterDelivery(rt);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.last_error).toMatch(/^rate_limited: .*429/);
    expect(d.next_attempt_at).toBe(resetAt * 1000);

    rt.clock.advance(119_000);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0, retried: 0 });
    rt.clock.advance(1_000);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(fake.posted.length).toBe(before + 1);
  });

  it('500 is retried with backoff; 404 (no such room / not a member) and 401 (bad token) are dead at once', async () => {
    rt = await chatworkRuntime(fake, { env: { DELIVERY_BASE_DELAY_MS: '1000' } });
    await reportOne(rt);
    fake.failNext({ status: 500 });
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    expect(reporterDelivery(rt).last_error).toMatch(/^server_error/);
    rt.clock.advance(60_000);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });

    await reportOne(rt);
    fake.failNext({ status: 404 });
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect(reporterDelivery(rt)).toMatchObject({ status: 'dead', attempts: 1 });

    await reportOne(rt);
    fake.failNext({ status: 401 });
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect(reporterDelivery(rt).last_error).toMatch(/^rejected: .*401/);
  });

  it('an unreachable API is a network error, retried', async () => {
    const closed = new FakeChatwork();
    await closed.start();
    const url = closed.url;
    await closed.close();
    rt = await testRuntime({ env: { ...chatworkEnv(fake), CHATWORK_API_URL: url }, random: () => 0 });
    await reportOne(rt);
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    expect(reporterDelivery(rt).last_error).toMatch(/^network/);
  });

  it('transport errors are DeliveryErrors with the platform’s words and status', async () => {
    rt = await chatworkRuntime(fake);
    const { transport } = rt.notifiers.chatwork as ChatworkBinding;
    fake.failNext({ status: 400, body: '{"errors":["Invalid body"]}' });
    const err = await transport.postMessage('4242', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: 'rejected', permanent: true, status: 400 });
    expect((err as Error).message).toContain('Invalid body');
  });
});

describe('Chatwork start and configuration', () => {
  it('without CHATWORK_BOT_ACCOUNT_ID, start asks GET /me; events that came first wait, then the bot’s own are ignored', async () => {
    fake.meAccountId = 901;
    rt = await chatworkRuntime(fake, { env: { CHATWORK_BOT_ACCOUNT_ID: '' } });
    expect((await postWebhook(rt, messageCreated('[rp aid=1 to=4242-1]kakunin reply', { accountId: 901 }))).status).toBe(200);
    expect(inbound(rt)[0]).toMatchObject({ status: 'pending' });
    await rt.notifiers.chatwork!.start!(rt.deps);
    expect(fake.requests.at(-1)).toEqual({ method: 'GET', path: '/me', token: API_TOKEN });
    expect((rt.notifiers.chatwork as ChatworkBinding).bot.accountId).toBe(901);
    expect(JSON.parse(inbound(rt)[0]!.result!)).toEqual({ status: 'ignored', reason: 'own_message' });
    expect(countRows(rt, 'reports')).toBe(0);
    fake.meAccountId = BOT;
  });

  it('if GET /me fails, serve does not start and says what to set', async () => {
    fake.failNext({ status: 401, body: '{"errors":["Invalid API token"]}' });
    const dir = tempDir();
    const config = testConfig(dir, { ...chatworkEnv(fake), CHATWORK_BOT_ACCOUNT_ID: '' });
    await expect(startServer(config)).rejects.toThrow(/CHATWORK_BOT_ACCOUNT_ID is not set and GET .*\/me failed .*401/);
  });

  it('one of the two Chatwork secrets without the other stops at construction, naming the variable', async () => {
    const dir = tempDir();
    await expect(testRuntime({ dir, env: { CHATWORK_API_TOKEN: 'x' } })).rejects.toThrow(ConfigError);
    await expect(testRuntime({ dir, env: { CHATWORK_API_TOKEN: 'x' } })).rejects.toThrow(/CHATWORK_WEBHOOK_TOKENS: required/);
    await expect(testRuntime({ dir, env: { CHATWORK_WEBHOOK_TOKENS: ROOM_TOKEN } })).rejects.toThrow(/CHATWORK_API_TOKEN: required/);
    expect(() => testConfig(dir, { CHATWORK_WEBHOOK_TOKENS: 'not base64!' })).toThrow(/CHATWORK_WEBHOOK_TOKENS/);
  });

  it('over a real socket: a signed webhook on the listening server makes a report and the running worker replies', async () => {
    const dir = tempDir();
    server = await startServer(testConfig(dir, chatworkEnv(fake)));
    const before = fake.posted.length;
    const body = JSON.stringify(messageCreated(QUOTE));
    const res = await fetch(`${server.url}/webhooks/chatwork?chatwork_webhook_signature=${encodeURIComponent(sign(ROOM_TOKEN, body))}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"ok":true}');
    await server.runtime.worker.tick(); // joins the tick the commit kicked, or runs one
    expect(fake.posted.length).toBe(before + 1);
    expect(fake.posted.at(-1)!.form.body).toMatch(/^\[rp aid=\d+ to=4242-\d+\]/);
    expect(chatworkReports(server.runtime)).toHaveLength(1);
  });
});
