/**
 * Secrets never reach a log, comparisons of secrets are constant-time, tokens are stored hashed.
 *
 * The log test runs a runtime with every platform on through the real pino logger at `trace`
 * (everything is written) and captures every line: API calls with bearer tokens, a signed Chatwork
 * webhook, a signed Slack click, deliveries that fail and succeed against local fakes, an
 * unhandled-looking error path, and objects shaped like what code might log (the config, request
 * headers). No secret may appear in any line.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LeanFakeSlack } from '../../scripts/lib/fake-slack.ts';
import { FakeChatwork } from '../chatwork/fake-chatwork.ts';
import { corpus, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

const SECRETS = {
  SLACK_BOT_TOKEN: `xoxb-${randomBytes(12).toString('hex')}`,
  SLACK_SIGNING_SECRET: `sss-${randomBytes(16).toString('hex')}`,
  CHATWORK_API_TOKEN: `cwapi${randomBytes(16).toString('hex')}`,
  CHATWORK_WEBHOOK_TOKENS: randomBytes(32).toString('base64'),
  TEAMS_APP_PASSWORD: `teams~${randomBytes(16).toString('hex')}`,
  METRICS_TOKEN: `metrics-${randomBytes(16).toString('hex')}`,
  CHATWORK_OAUTH_CLIENT_SECRET: `cwoauth-${randomBytes(16).toString('hex')}`,
};

let rt: TestRuntime | null = null;
let slack: LeanFakeSlack | null = null;
let chatwork: FakeChatwork | null = null;
afterEach(async () => {
  await rt?.close();
  await slack?.close();
  await chatwork?.close();
  rt = slack = chatwork = null;
});

describe('secrets never reach a log', () => {
  it('bearer tokens, Slack token and signing secret, Chatwork tokens and OAuth client secret, Teams password, metrics token: in no line, at trace level', async () => {
    slack = await new LeanFakeSlack({ token: SECRETS.SLACK_BOT_TOKEN }).start();
    chatwork = new FakeChatwork();
    const cwUrl = await chatwork.start();
    rt = await testRuntime({
      logLevel: 'trace',
      env: {
        ...SECRETS,
        SLACK_CHANNEL_ID: 'C0SECRETS',
        SLACK_API_URL: slack.url,
        CHATWORK_API_URL: cwUrl,
        CHATWORK_BOT_ACCOUNT_ID: '900',
        CHATWORK_OAUTH_CLIENT_ID: 'kakunin-client',
        PUBLIC_URL: 'https://kakunin.example.com',
        TEAMS_APP_ID: '00000000-0000-0000-0000-00000000b07',
        TEAMS_APP_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
        NOTIFY_MIN_VERDICT: 'none',
        CONSOLE_NOTIFIER: 'true',
      },
    });
    const r = rt;
    const admin = await r.token('admin');
    const intake = await r.token('intake');
    const bearers = [admin, intake];

    // API with bearer tokens: a report, reads, an action, errors.
    const res = await r.app.request('/api/reports', jsonInit('POST', intake, { ...corpus()[0]!.report, externalId: 'sec-1' }));
    expect(res.status).toBe(201);
    const { caseRef } = (await res.json()) as { caseRef: string };
    await r.app.request(`/api/cases/${caseRef}`, jsonInit('GET', admin));
    await r.app.request('/api/reports', jsonInit('POST', admin, '{not json'));
    await r.app.request('/api/cases?status=bogus', jsonInit('GET', admin));
    await r.app.request('/api/directory', jsonInit('GET', intake)); // 403 with a real token
    await r.app.request('/metrics', { headers: { authorization: `Bearer ${SECRETS.METRICS_TOKEN}` } });
    await r.app.request('/metrics', { headers: { authorization: `Bearer ${SECRETS.METRICS_TOKEN}x` } });

    // Signed Chatwork webhook (signature derived from the webhook token; its report queues a reply) and a forged one.
    const cwBody = JSON.stringify({
      webhook_setting_id: '1',
      webhook_event_type: 'message_created',
      webhook_event_time: 1767744100,
      webhook_event: { message_id: '1800000000000000002', room_id: 4242, account_id: 1000015, body: '[qt][qtmeta aid=555 time=1767744000]至急[/qt]', send_time: 1767744100, update_time: 0 },
    });
    const cwSig = createHmac('sha256', Buffer.from(SECRETS.CHATWORK_WEBHOOK_TOKENS, 'base64')).update(cwBody).digest('base64');
    expect((await r.app.request('/webhooks/chatwork', { method: 'POST', headers: { 'x-chatworkwebhooksignature': cwSig }, body: cwBody })).status).toBe(200);
    await r.app.request('/webhooks/chatwork', { method: 'POST', headers: { 'x-chatworkwebhooksignature': cwSig.replace(/^./, 'A') }, body: cwBody });

    // Signed Slack click (and a bad one).
    const ts = String(Math.floor(r.clock.now().getTime() / 1000));
    const click = `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', user: { id: 'U1', username: 'u', name: 'u', team_id: 'T' }, api_app_id: 'A', token: 't', container: { type: 'message', message_ts: '1.1', channel_id: 'C0SECRETS' }, trigger_id: 't', team: { id: 'T', domain: 'd' }, channel: { id: 'C0SECRETS', name: 'x' }, message: { ts: '1.1', text: 'x' }, actions: [{ type: 'button', action_id: 'case.acknowledge', block_id: 'kkn_actions', value: caseRef, action_ts: '1.2' }] }))}`;
    const slackSig = `v0=${createHmac('sha256', SECRETS.SLACK_SIGNING_SECRET).update(`v0:${ts}:${click}`).digest('hex')}`;
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts };
    await r.app.request('/slack/events', { method: 'POST', headers: { ...headers, 'x-slack-signature': slackSig }, body: click });
    await r.app.request('/slack/events', { method: 'POST', headers: { ...headers, 'x-slack-signature': `${slackSig.slice(0, -1)}0` }, body: click });
    await (r.notifiers.slack as unknown as { idle(): Promise<void> }).idle();

    // Deliveries: Slack and Chatwork fail once (errors logged), then succeed.
    slack.fault = (() => {
      let n = 0;
      return () => (++n === 1 ? { status: 500, json: { ok: false } } : null);
    })();
    chatwork.failNext({ status: 500, body: '{"errors":["boom"]}' });
    for (let i = 0; i < 4; i++) {
      await r.worker.tick();
      r.clock.advance(60_000);
    }
    expect(slack.count('chat.postMessage')).toBeGreaterThanOrEqual(2);
    expect(chatwork.posted.length).toBeGreaterThanOrEqual(1);

    // Objects shaped like what code might log by mistake.
    r.deps.logger.info({ config: r.deps.config }, 'config at start');
    r.deps.logger.info({ headers: { authorization: `Bearer ${admin}`, 'x-chatworktoken': SECRETS.CHATWORK_API_TOKEN, cookie: `kkn_session=${intake}` } }, 'request headers');
    r.deps.logger.info({ req: { headers: { authorization: `Bearer ${admin}`, 'x-chatworktoken': SECRETS.CHATWORK_API_TOKEN } } }, 'nested request');
    r.deps.logger.warn({ slack: r.deps.config.slack, chatwork: r.deps.config.chatwork, teams: r.deps.config.teams }, 'platform settings');

    const text = JSON.stringify(r.log.lines);
    expect(r.log.lines.length).toBeGreaterThan(20); // trace really logged
    expect(text).toContain('[redacted]');
    for (const [name, secret] of [...Object.entries(SECRETS), ...bearers.map((b, i) => [`bearer ${i}`, b] as const)]) {
      expect(text.includes(secret), `${name} appears in the log`).toBe(false);
    }
    // The Chatwork webhook key never appears decoded either (hex of its bytes).
    expect(text).not.toContain(Buffer.from(SECRETS.CHATWORK_WEBHOOK_TOKENS, 'base64').toString('hex'));
  });
});

describe('tokens are stored hashed', () => {
  it('neither the database file nor its WAL holds a token in clear; the row holds its SHA-256', async () => {
    rt = await testRuntime();
    const token = await rt.token('admin', 'hash-check');
    const row = rt.handle.sqlite.prepare("select * from api_tokens where name = 'hash-check'").get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token.slice(8)); // the stored prefix is the first 8 characters only
    const { createHash } = await import('node:crypto');
    expect(Object.values(row)).toContain(createHash('sha256').update(token).digest('hex'));
    const dir = rt.dir;
    for (const f of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, f)).includes(Buffer.from(token.slice(8))), f).toBe(false);
    }
    rt.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(path.join(dir, 'kakunin.db')).includes(Buffer.from(token.slice(8)))).toBe(false);
  });
});

describe('secret comparisons are constant-time (source audit)', () => {
  const ROOT = path.resolve(import.meta.dirname, '../..');
  const sources = (dir: string): string[] =>
    fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return sources(rel);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
    });
  const files = [...sources('src'), ...sources('adapters')].map((f) => ({ file: f, text: fs.readFileSync(path.join(ROOT, f), 'utf8') }));

  it('every file that verifies an HMAC or a password compares with timingSafeEqual', () => {
    const verifiers = files.filter((f) => /(createHmac|scrypt)\(/.test(f.text) && /\bverify\w*\s*\(|\bcheck\w*\s*\(/i.test(f.text));
    expect(verifiers.map((f) => f.file)).toEqual(expect.arrayContaining(['adapters/slack/receiver.ts', 'adapters/chatwork/signature.ts']));
    for (const f of verifiers) expect(f.text, f.file).toContain('timingSafeEqual(');
  });

  it('no secret-looking value is compared with === or !== (tokens are looked up by their hash instead)', () => {
    const ALLOWED = [/\btokens === 0\b/, /\.password !== undefined/, /\bprevHash !== prev\b/, /\brow\.hash !== expected\b/];
    const hits = files.flatMap((f) =>
      f.text
        .split('\n')
        .map((line, i) => ({ where: `${f.file}:${i + 1}`, line }))
        .filter(({ line }) => /\b\w*(signature|secret|token|password|digest|hmac)\w*\s*[!=]==|[!=]==\s*\w*(signature|secret|token|password|digest|hmac)/i.test(line))
        .filter(({ line }) => !ALLOWED.some((a) => a.test(line)))
        .filter(({ line }) => !/[!=]==\s*(null|undefined)\b/.test(line)),
    );
    expect(hits).toEqual([]);
  });
});
