/**
 * Slack through a listening kakunin on 127.0.0.1 (auth.test at start, real HTTP both ways), hostile
 * text as it crosses the wire, reminders, and the configuration rules.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import type { SlackBinding } from '../../adapters/slack/index.ts';
import { directoryJson, jsonInit, tempDir, testConfig } from '../helpers.ts';
import { FakeSlack, type RecordedCall } from './fake-slack.ts';
import { CHANNEL, clickBody, controlSequences, corpusReport, signedInit, slackEnv, slackRuntime, submit, textObjects, type SlackTestRuntime } from './helpers.ts';

const HOSTILE = '<!channel> <!here> <@U123> <https://evil.example/pay|請求書> & < > *bold* https://evil.example/x a@evil.example';

let fake: FakeSlack;
let rt: SlackTestRuntime | null = null;
let server: RunningServer | null = null;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(async () => {
  await rt?.slack.idle();
  await rt?.close();
  await server?.close();
  rt = null;
  server = null;
  await fake.close();
});

/** Every mrkdwn string Slack would parse in a recorded call: `text` and every mrkdwn object. */
function parsedTexts(call: RecordedCall): { path: string; text: string; verbatim?: boolean }[] {
  const top = typeof call.body.text === 'string' ? [{ path: `${call.method}.text`, text: call.body.text }] : [];
  return [...top, ...textObjects(call.body.blocks ?? [], `${call.method}.blocks`).filter((t) => t.type === 'mrkdwn')];
}

describe('hostile text on the wire', () => {
  it('a fraudster\'s message, sender name, the actor\'s name and note neither ping nor link in any card, reply or ephemeral', async () => {
    // NOTIFY_MIN_VERDICT=none: this test is about Slack escaping, not about the verdict of a mangled message.
    rt = await slackRuntime(fake, { NOTIFY_MIN_VERDICT: 'none' });
    const base = corpusReport('fraud');
    const report = { ...base, message: { ...base.message, body: `${HOSTILE}\n${base.message.body}\n${HOSTILE}`, sender: { accountId: 9912345, name: HOSTILE } } };
    const { caseRef } = await submit(rt, report);
    await rt.worker.tick();
    const ts = [...fake.messages.values()].at(-1)!.ts;
    // An action from the API by a token whose name is hostile, with a hostile note.
    const acted = await rt.app.request(`/api/cases/${caseRef}/actions`, jsonInit('POST', await rt.token('respond', HOSTILE), { action: 'acknowledge', note: HOSTILE }));
    expect(acted.status).toBe(200);
    await rt.worker.tick();
    // A Slack user whose display name is hostile clicks too late.
    fake.users.set('U0EVE', { name: 'eve', displayName: HOSTILE });
    await rt.app.request('/slack/events', signedInit(clickBody({ actionId: 'case.acknowledge', ref: caseRef, userId: 'U0EVE', userName: 'eve', messageTs: ts }), Math.floor(rt.clock.now().getTime() / 1000)));
    await rt.slack.idle();

    const calls = fake.calls.filter((c) => c.method.startsWith('chat.'));
    expect(calls.map((c) => c.method)).toEqual(['chat.postMessage', 'chat.update', 'chat.postEphemeral']);
    const wire = JSON.stringify(calls.map((c) => c.body));
    expect(wire).toContain('&lt;!channel&gt;'); // shown, escaped
    // kakunin's own mention of a high-severity new card (SLACK_MENTION_HIGH=here) is the only <!here>,
    // at the start of the notification text and of the mention block of the first post.
    const ours = (t: { text: string }, seq: string, i: number) => seq === '<!here>' && i === 0 && t.text.startsWith('<!here> ');
    expect(wire.split('<!here>').length - 1).toBeLessThanOrEqual(2);
    for (const call of calls) {
      for (const t of parsedTexts(call)) {
        controlSequences(t.text).forEach((seq, i) => {
          if (ours(t, seq, i)) return;
          expect(seq, t.path).toMatch(/^<http:\/\/localhost:\d+\/cases\/KKN-\d+\|ケースを開く \/ Open KKN-\d+>$/);
        });
        expect(t.text, t.path).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(t.text, t.path).not.toContain('*bold*');
        expect(t.text, t.path).not.toContain('https://evil');
        expect(t.text, t.path).not.toContain('a@evil');
      }
    }
  });
});

describe('through a listening server', () => {
  it('checks the token at start, posts the card, takes a signed click over HTTP and edits the card', async () => {
    const dir = tempDir();
    const clock = new ManualClock(new Date());
    server = await startServer(testConfig(dir, { ...slackEnv(fake), HOST: '127.0.0.1' }), { clock, logger: createLogger('silent') });
    expect(fake.of('auth.test')).toHaveLength(1);
    const slack = server.runtime.notifiers.slack as SlackBinding;
    const { createToken } = await import('../../src/auth/tokens.ts');
    const admin = (await createToken(server.runtime.handle.db, 'it', 'admin', clock.now())).token;
    expect((await fetch(`${server.url}/api/directory`, jsonInit('PUT', admin, directoryJson()))).status).toBe(200);
    const res = await fetch(`${server.url}/api/reports`, jsonInit('POST', admin, corpusReport('fraud')));
    expect(res.status).toBe(201);
    const { caseRef } = (await res.json()) as { caseRef: string };
    await server.runtime.worker.tick();
    const ts = fake.of('chat.postMessage')[0] && [...fake.messages.values()][0]!.ts;
    expect(ts).toBeTruthy();

    const body = clickBody({ actionId: 'case.resolve.false_positive', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts! });
    const clicked = await fetch(`${server.url}/slack/events`, signedInit(body, Math.floor(clock.now().getTime() / 1000)));
    expect(clicked.status).toBe(200);
    await slack.idle();
    await server.runtime.worker.tick();
    const update = fake.of('chat.update').at(-1)!;
    expect(update.body).toMatchObject({ channel: CHANNEL, ts });
    expect(JSON.stringify(update.body.blocks)).toContain('誤検知 / False positive');
    expect(fake.of('chat.postMessage').some((c) => c.body.thread_ts === ts && String(c.body.text).includes('<@U0AKI>'))).toBe(true);
  });

  it('a token Slack refuses stops the start, naming SLACK_BOT_TOKEN', async () => {
    const env = { ...slackEnv(fake), SLACK_BOT_TOKEN: 'xoxb-revoked' };
    await expect(startServer(testConfig(tempDir(), env), { logger: createLogger('silent') })).rejects.toThrow(/SLACK_BOT_TOKEN was refused by Slack: slack auth\.test: invalid_auth/);
  });
});

describe('reminders', () => {
  it('go in the card\'s thread and mention only when asked', async () => {
    rt = await slackRuntime(fake, { SLACK_MENTION_HIGH: 'channel' });
    await submit(rt, corpusReport('fraud'));
    await rt.worker.tick();
    const ts = [...fake.messages.values()][0]!.ts;
    const notifier = rt.slack.notifier!;
    const card = await rt.deps.cases.card('KKN-000001');
    await notifier.remind(card, { channel: CHANNEL, messageId: ts }, { text: { ja: 'まだ誰も対応していません', en: 'Nobody has picked this up yet' }, mention: true, level: 1 });
    await notifier.remind(card, { channel: CHANNEL, messageId: ts }, { text: { ja: '二次', en: 'second level' }, mention: false, level: 'second_level' });
    const [first, second] = fake.of('chat.postMessage').slice(-2);
    expect(first!.body).toMatchObject({ channel: CHANNEL, thread_ts: ts, reply_broadcast: false });
    expect(String(first!.body.text).startsWith('<!channel> ')).toBe(true);
    expect(second!.body).toMatchObject({ thread_ts: ts, reply_broadcast: true });
    expect(controlSequences(String(second!.body.text))).toEqual([]);
  });
});

describe('Slack configuration', () => {
  it('is off without the variables, on with all three, and a partial set names what is missing', () => {
    const base = { DATABASE_URL: 'file:/tmp/x.db' };
    expect(loadConfig(base).slack).toBeNull();
    const on = loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12', SLACK_CHANNEL_ID: 'C0123', SLACK_API_URL: 'http://127.0.0.1:9/api' });
    expect(on.slack).toMatchObject({ channelId: 'C0123', apiUrl: 'http://127.0.0.1:9/api/', mentionHigh: 'here' });
    expect(loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12', SLACK_CHANNEL_ID: 'C0123' }).slack!.apiUrl).toBe('https://slack.com/api/');
    expect(() => loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET: required[\s\S]*SLACK_CHANNEL_ID: required/);
    expect(() => loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxp-user', SLACK_SIGNING_SECRET: 'abcdefgh12', SLACK_CHANNEL_ID: 'C0123' })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh12', SLACK_CHANNEL_ID: '#legal' })).toThrow(/SLACK_CHANNEL_ID/);
    expect(() => loadConfig({ ...base, SLACK_MENTION_HIGH: 'everyone' })).toThrow(/SLACK_MENTION_HIGH/);
  });
});
