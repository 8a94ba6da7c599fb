/**
 * Hostile requests against every route of a runtime with every platform on (Slack, Chatwork,
 * Teams): forged signatures, replayed Slack timestamps, oversized bodies, wrong content types,
 * deeply nested JSON and arbitrary JSON at the intake. Whatever arrives: no 500, the one error
 * shape, and nothing stored or changed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeanFakeSlack } from '../../scripts/lib/fake-slack.ts';
import { corpus, countRows, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

const SLACK_SECRET = 'hostile-http-signing-secret';
const CW_TOKEN = randomBytes(32).toString('base64');
const CW_OTHER = randomBytes(32).toString('base64');
const ERROR_SHAPE = /^\{"error":\{"code":"[a-z_]+","message":"[^]*","requestId":"[^"]+"(,"fields":\[[^]*\])?\}\}$/;

let fake: LeanFakeSlack;
let rt: TestRuntime;
let admin: string;
beforeAll(async () => {
  fake = await new LeanFakeSlack().start();
  rt = await testRuntime({
    env: {
      NOTIFY_MIN_VERDICT: 'none',
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_CHANNEL_ID: 'C0HOSTILE',
      SLACK_API_URL: fake.url,
      CHATWORK_WEBHOOK_TOKENS: CW_TOKEN,
      CHATWORK_API_TOKEN: 'cw-api-token-hostile',
      CHATWORK_API_URL: `${fake.url}cw`,
      CHATWORK_BOT_ACCOUNT_ID: '900',
      // Teams as in production: an Azure Bot registration, every activity must carry Microsoft's JWT.
      TEAMS_APP_ID: '00000000-0000-0000-0000-00000000b07',
      TEAMS_APP_PASSWORD: 'teams-app-password-hostile',
      TEAMS_APP_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
    },
  });
  admin = await rt.token('admin');
});
afterAll(async () => {
  await rt?.close();
  await fake?.close();
});

const nowSec = () => Math.floor(rt.clock.now().getTime() / 1000);
const slackSign = (body: string, ts: string, secret = SLACK_SECRET) => `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
const cwSign = (body: string, token = CW_TOKEN) => createHmac('sha256', Buffer.from(token, 'base64')).update(body).digest('base64');

function slackInit(body: string, o: { ts?: number; secret?: string; signature?: string; contentType?: string } = {}): RequestInit {
  const ts = String(o.ts ?? nowSec());
  return {
    method: 'POST',
    headers: {
      'content-type': o.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': o.signature ?? slackSign(body, ts, o.secret),
    },
    body,
  };
}

function chatworkEvent(body: string) {
  return JSON.stringify({
    webhook_setting_id: '1',
    webhook_event_type: 'message_created',
    webhook_event_time: 1767744100,
    webhook_event: { message_id: String(Date.now()) + String(Math.random()).slice(2, 8), room_id: 4242, account_id: 1000015, body, send_time: 1767744100, update_time: 0 },
  });
}

/** Every stored row an attacker could have caused. */
const footprint = () => ({
  reports: countRows(rt, 'reports'),
  inbound: countRows(rt, 'inbound_events'),
  events: countRows(rt, 'case_events'),
  deliveries: countRows(rt, 'deliveries'),
});

async function expectErrorShape(res: Response, status: number | number[]): Promise<void> {
  expect([status].flat()).toContain(res.status);
  expect(await res.text()).toMatch(ERROR_SHAPE);
}

let clicks = 0;
/** A new case (its own sender) and a card click on it, signed correctly unless told otherwise. */
async function caseAndClick(): Promise<{ ref: string; body: string }> {
  clicks += 1;
  const report = { message: { body: '至急、新しい口座に振り込んでください', sender: { accountId: 8_100_000 + clicks, name: '社長' } } };
  const res = await rt.app.request('/api/reports', jsonInit('POST', admin, report));
  const { caseRef } = (await res.json()) as { caseRef: string };
  const payload = {
    type: 'block_actions',
    user: { id: 'U0MALLORY', username: 'mallory', name: 'mallory', team_id: 'T0' },
    api_app_id: 'A0',
    token: 'x',
    container: { type: 'message', message_ts: '1767744000.000001', channel_id: 'C0HOSTILE', is_ephemeral: false },
    trigger_id: '1.2.3',
    team: { id: 'T0', domain: 'x' },
    channel: { id: 'C0HOSTILE', name: 'fraud' },
    message: { type: 'message', ts: '1767744000.000001', text: 'card' },
    actions: [{ type: 'button', action_id: 'case.acknowledge', block_id: 'kkn_actions', value: caseRef, action_ts: '1767744001.000001' }],
  };
  return { ref: caseRef, body: `payload=${encodeURIComponent(JSON.stringify(payload))}` };
}

const statusOf = async (ref: string) => (await rt.deps.cases.get(ref)).status;

describe('forged signatures', () => {
  it('Chatwork: wrong key, tampered body, missing, garbage or forged query signature → 401, nothing stored', async () => {
    const body = chatworkEvent('[qt][qtmeta aid=555 time=1767744000]至急LINEグループを作ってQRを送って[/qt]');
    const before = footprint();
    const attempts: [string, RequestInit][] = [
      ['/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': cwSign(body, CW_OTHER) }, body }],
      ['/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': cwSign(body) }, body: body.replace('555', '556') }],
      ['/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json' }, body }],
      ['/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': '!!!not base64!!!' }, body }],
      ['/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': cwSign(body).slice(0, -4) }, body }],
      [`/webhooks/chatwork?chatwork_webhook_signature=${encodeURIComponent(cwSign(body, CW_OTHER))}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }],
    ];
    for (const [url, init] of attempts) await expectErrorShape(await rt.app.request(url, init), 401);
    expect(footprint()).toEqual(before);
    // The real signature is accepted (the check can pass, so the refusals above mean something).
    const ok = await rt.app.request('/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': cwSign(body) }, body });
    expect(ok.status).toBe(200);
    expect(footprint().inbound).toBe(before.inbound + 1);
  });

  it('Slack: wrong secret, tampered body, missing headers, other scheme → 401 and the case is unchanged', async () => {
    const { ref, body } = await caseAndClick();
    const ts = String(nowSec());
    const forged: RequestInit[] = [
      slackInit(body, { secret: 'not-the-signing-secret' }),
      { ...slackInit(body), body: body.replace('mallory', 'admin') },
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      slackInit(body, { signature: slackSign(body, ts).replace('v0=', 'v1=') }),
      slackInit(body, { signature: 'v0=' }),
      slackInit(body, { signature: `v0=${'0'.repeat(64)}` }),
    ];
    for (const init of forged) await expectErrorShape(await rt.app.request('/slack/events', init), 401);
    expect(await statusOf(ref)).toBe('new');
    const ok = await rt.app.request('/slack/events', slackInit(body));
    expect(ok.status).toBe(200);
    await (rt.notifiers.slack as unknown as { idle(): Promise<void> }).idle();
    expect(await statusOf(ref)).toBe('acknowledged');
  });

  it('Slack: a correctly signed request older (or newer) than 5 minutes is a replay → 401, nothing changes', async () => {
    const { ref, body } = await caseAndClick();
    for (const ts of [nowSec() - 301, nowSec() - 3600, nowSec() + 301, 0]) {
      await expectErrorShape(await rt.app.request('/slack/events', slackInit(body, { ts })), 401);
    }
    expect(await statusOf(ref)).toBe('new');
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'c-299' });
    const fresh = await rt.app.request('/slack/events', slackInit(challenge, { ts: nowSec() - 299, contentType: 'application/json' }));
    expect(await fresh.json()).toEqual({ challenge: 'c-299' });
  });
});

/** Every route that takes a body, from the app's own route table (new routes are covered as they appear). */
function bodyRoutes(): { method: string; path: string }[] {
  const seen = new Set<string>();
  return rt.app.routes
    .filter((r) => ['POST', 'PUT', 'PATCH'].includes(r.method))
    .map((r) => ({ method: r.method, path: r.path.replace(/:ref\b/, 'KKN-000001').replace(/:id\b/, '1').replace(/:[a-zA-Z]+/g, 'x') }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

describe('oversized bodies', () => {
  it('are refused with 413 on every POST/PUT route, with or without Content-Length, before anything is read or stored', async () => {
    const routes = bodyRoutes();
    expect(routes.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/reports', '/api/cases/KKN-000001/actions', '/api/directory', '/webhooks/chatwork', '/slack/events', '/api/messages']));
    const big = JSON.stringify({ message: { body: 'x'.repeat(2 * 1024 * 1024) } });
    const before = footprint();
    for (const { method, path } of routes) {
      const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
      const sized = await rt.app.request(path, { method, headers: { ...headers, 'content-length': String(Buffer.byteLength(big)) }, body: big });
      await expectErrorShape(sized, 413);
      const stream = new ReadableStream({
        start(c) {
          for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
          c.close();
        },
      });
      const chunked = await rt.app.request(path, { method, headers, body: stream, duplex: 'half' } as RequestInit);
      await expectErrorShape(chunked, 413);
    }
    expect(footprint()).toEqual(before);
  });
});

describe('wrong content types', () => {
  it('form, multipart, XML and binary bodies get 400 in the one shape and store nothing', async () => {
    const before = footprint();
    const bodies: [string, string | Uint8Array][] = [
      ['application/x-www-form-urlencoded', 'message%5Bbody%5D=%E8%87%B3%E6%80%A5'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="message"\r\n\r\n至急\r\n--x--'],
      ['application/xml', '<report><message><body>至急</body></message></report>'],
      ['application/octet-stream', new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x22])],
      ['text/plain', '至急、振り込んでください'],
    ];
    for (const [type, body] of bodies) {
      for (const path of ['/api/reports', '/api/directory']) {
        const res = await rt.app.request(path, { method: path === '/api/directory' ? 'PUT' : 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': type }, body });
        await expectErrorShape(res, 400);
      }
      // Chatwork: a correctly signed body that is not JSON is still refused.
      const raw = typeof body === 'string' ? body : Buffer.from(body).toString('latin1');
      const cw = await rt.app.request('/webhooks/chatwork', { method: 'POST', headers: { 'content-type': type, 'x-chatworkwebhooksignature': cwSign(raw) }, body: raw });
      await expectErrorShape(cw, 400);
    }
    // Slack: a signed form body sent as JSON, and a signed JSON body sent as a form without payload=.
    await expectErrorShape(await rt.app.request('/slack/events', slackInit('payload=%7B%7D', { contentType: 'application/json' })), 400);
    await expectErrorShape(await rt.app.request('/teams-nothing', { method: 'POST', body: 'x' }), 404);
    await expectErrorShape(await rt.app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not json' }), 400);
    // Teams: JSON that is not an activity is refused before botbuilder sees it; an activity without
    // Microsoft's JWT is refused by botbuilder (401).
    for (const body of ['{}', '[]', 'null', '{"type":1}']) await expectErrorShape(await rt.app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 400);
    expect((await rt.app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message","text":"bind"}' })).status).toBe(401);
    expect(footprint()).toEqual(before);
  });
});

describe('deeply nested JSON (100,000 levels)', () => {
  const DEPTH = 100_000;
  const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
  const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

  it('gets a clear 400/413/422 on every JSON route, no 500, nothing stored, and the process is fine afterwards', async () => {
    const before = footprint();
    const wrap = (deep: string) => [
      deep,
      `{"message":{"body":"x","sender":${deep}}}`,
      `{"message":{"body":"x"},"extra":${deep}}`,
      `{"message":{"body":"x"},"origin":${deep}}`,
    ];
    for (const deep of [deepArray, deepObject]) {
      for (const body of wrap(deep)) {
        for (const [method, path] of [['POST', '/api/reports'], ['PUT', '/api/directory'], ['POST', '/api/cases/KKN-000001/actions']] as const) {
          const res = await rt.app.request(path, { method, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
          await expectErrorShape(res, [400, 422]);
        }
        const teams = await rt.app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        await expectErrorShape(teams, 400);
        const cwBody = `{"webhook_event_type":"message_created","webhook_event":${body}}`;
        const cw = await rt.app.request('/webhooks/chatwork', { method: 'POST', headers: { 'content-type': 'application/json', 'x-chatworkwebhooksignature': cwSign(cwBody) }, body: cwBody });
        await expectErrorShape(cw, [400, 413, 422]); // 413: the object form is over Chatwork's 256 KiB
        // Slack: signed, so it reaches Bolt, which finds no listener for it: 404 (not acknowledged).
        const slack = await rt.app.request('/slack/events', slackInit(`payload=${encodeURIComponent(body)}`));
        await expectErrorShape(slack, [400, 404, 413, 422]); // 413: URL-encoded, the object form passes 1 MiB
      }
    }
    expect(footprint()).toEqual(before);
    const after = await rt.app.request('/api/reports', jsonInit('POST', admin, corpus()[1]!.report));
    expect(after.status).toBe(201);
  });
});

describe('arbitrary JSON at the intake', () => {
  const report = corpus()[2]!.report;
  /** Valid reports with one field replaced by anything, and anything at all. */
  const mutated = fc.oneof(
    fc.jsonValue(),
    fc.record({ message: fc.jsonValue() }),
    fc.record({ message: fc.record({ body: fc.jsonValue(), sender: fc.jsonValue() }), externalId: fc.jsonValue(), source: fc.jsonValue() }),
    fc.record({ message: fc.constant(report.message), origin: fc.jsonValue(), reporter: fc.jsonValue(), context: fc.jsonValue(), note: fc.jsonValue() }),
    fc.record({ message: fc.record({ body: fc.string({ unit: 'binary', maxLength: 300 }), sender: fc.record({ accountId: fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 63)), name: fc.string() }) }) }),
  );

  it('never answers 500: 201/200 stores one report, anything else is 400/422 in the one shape and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mutated, async (value) => {
        const before = countRows(rt, 'reports');
        const res = await rt.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify(value) });
        expect([200, 201, 400, 422]).toContain(res.status);
        if (res.status >= 400) {
          expect(await res.text()).toMatch(ERROR_SHAPE);
          expect(countRows(rt, 'reports')).toBe(before);
        } else {
          expect(countRows(rt, 'reports') - before).toBe(res.status === 201 ? 1 : 0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('bytes that are not JSON (or not UTF-8) are a 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        let isJson = true;
        try {
          JSON.parse(new TextDecoder().decode(bytes));
        } catch {
          isJson = false;
        }
        fc.pre(!isJson);
        const res = await rt.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: bytes });
        await expectErrorShape(res, 400);
      }),
      { numRuns: 200 },
    );
  });
});
