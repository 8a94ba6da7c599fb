import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpus, directoryJson, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { checkCard } from './ac-validate.ts';
import { botAdded, CHANNEL, invoke, post, SATO, SUZUKI } from './activities.ts';
import { FakeConnector } from './fake-connector.ts';

let rt: TestRuntime;
let fake: FakeConnector;
beforeEach(async () => {
  fake = await new FakeConnector().start();
});
afterEach(async () => {
  await rt?.close();
  await fake.close();
});

// Outbound calls run in the unauthenticated development mode (no app id → no token): with an app
// id botbuilder would first fetch a token from login.microsoftonline.com, unreachable here.
// The test channel is allow-listed, so its binding is approved at once (test/teams/approval.test.ts covers the rest).
const devEnv = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', CONSOLE_NOTIFIER: 'false', DELIVERY_BASE_DELAY_MS: '1000', TEAMS_ALLOWED_IDS: CHANNEL };
type Json = Record<string, unknown>;

async function boundRuntime(): Promise<TestRuntime> {
  rt = await testRuntime({ env: devEnv, random: () => 0 });
  expect((await rt.app.request('/api/directory', jsonInit('PUT', await rt.token('admin'), directoryJson()))).status).toBe(200);
  expect((await rt.app.request('/api/messages', post(botAdded(fake.url)))).status).toBe(200);
  fake.requests.length = 0; // forget the "bound" reply
  return rt;
}

/** Submits fraud reports from the dev corpus until one is medium or high (a card is due). */
async function escalatedCase(r: TestRuntime, extra: (report: Json) => Json = (x) => x): Promise<{ caseRef: string; verdict: string }> {
  const intake = await r.token('intake');
  for (const line of corpus().filter((l) => l.label === 'fraud')) {
    const res = await r.app.request('/api/reports', jsonInit('POST', intake, extra(line.report as unknown as Json)));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { caseRef: string; verdict: string };
    if (body.verdict === 'medium' || body.verdict === 'high') return body;
  }
  throw new Error('no corpus fraud line reached medium');
}

const cardOf = (activity: Json) => ((activity.attachments as Json[])[0] as Json).content as Json & { actions: Json[]; body: Json[] };
const verbs = (card: { actions: Json[] }) => card.actions.filter((a) => a.type === 'Action.Execute').map((a) => a.verb);

async function postedCard(r: TestRuntime) {
  const { caseRef } = await escalatedCase(r);
  expect(await r.worker.tick()).toMatchObject({ sent: 1 });
  const [p] = fake.of('post');
  const messageId = r.handle.sqlite.prepare('select message_id from chat_posts where platform = ?').pluck().get('teams') as string;
  return { caseRef, posted: p!, messageId };
}

describe('Teams: the escalation card', () => {
  it('a medium/high case posts an Adaptive Card to the bound channel as a new message, remembered for edits', async () => {
    await boundRuntime();
    const { caseRef, posted, messageId } = await postedCard(rt);
    expect(fake.requests).toHaveLength(1);
    expect(posted).toMatchObject({ method: 'POST', path: `/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`, activityId: null });
    expect((posted.body.attachments as Json[])[0]).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive' });
    const card = cardOf(posted.body);
    expect(checkCard(card)).toEqual({ events: [], problems: [] });
    expect(verbs(card)).toEqual(['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive']);
    expect(card.actions[0]).toMatchObject({ data: { caseRef } });
    const row = rt.handle.sqlite.prepare('select * from chat_posts').get() as Json;
    expect(row).toMatchObject({ platform: 'teams', target: '1', channel: CHANNEL, message_id: messageId });
    expect(JSON.parse(String(row.meta))).toMatchObject({ serviceUrl: fake.url, tenantId: 'tenant-0001' });
  });

  it('no binding, no card; a removed binding gets no new cards', async () => {
    rt = await testRuntime({ env: devEnv });
    await rt.app.request('/api/directory', jsonInit('PUT', await rt.token('admin'), directoryJson()));
    await escalatedCase(rt);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
    await rt.app.request('/api/messages', post(botAdded(fake.url)));
    await rt.app.request('/api/teams/bindings/1', jsonInit('DELETE', await rt.token('admin')));
    fake.requests.length = 0;
    await escalatedCase(rt, (r) => ({ ...r, externalId: 'second' }));
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('Acknowledge: the invoke answers 200 with the updated card, the posted card is edited for everyone, the case is acknowledged by the Teams user', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    const res = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', { caseRef })));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: Json & { actions: Json[] } };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(checkCard(body.value)).toEqual({ events: [], problems: [] });
    expect(verbs(body.value)).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
    expect(JSON.stringify(body.value)).toContain('佐藤 花子（Teams）');

    const [put] = fake.of('update');
    expect(put).toMatchObject({ method: 'PUT', conversationId: CHANNEL, activityId: messageId });
    expect(cardOf(put!.body)).toEqual(body.value);

    const detail = (await rt.deps.cases.get(caseRef)) as unknown as { case: { status: string }; events: Json[] };
    expect(JSON.stringify(detail)).toContain('"status":"acknowledged"');
    const event = rt.handle.sqlite.prepare("select actor_platform, actor_user_id, actor_name from case_events where type = 'acknowledge'").get();
    expect(event).toEqual({ actor_platform: 'teams', actor_user_id: SATO.aadObjectId, actor_name: SATO.name });

    // The outbox follows with its own edit of the same message (and any other platforms').
    await rt.worker.tick();
    expect(fake.of('update')).toHaveLength(2);
    expect(fake.of('update')[1]!.activityId).toBe(messageId);
  });

  it('Confirm fraud from an acknowledged card resolves it; a resolved card has no buttons left', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', { caseRef })));
    const res = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.resolve.fraud', { caseRef }, { from: SUZUKI })));
    const body = (await res.json()) as { value: Json & { actions: Json[] } };
    expect(verbs(body.value)).toEqual([]);
    expect(JSON.stringify(body.value)).toContain('詐欺と確定');
    expect(rt.handle.sqlite.prepare('select status, resolution from cases').get()).toEqual({ status: 'resolved', resolution: 'fraud_confirmed' });
  });

  it('two people at once: one wins, the other gets the card saying who acted first', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    const [a, b] = await Promise.all([
      rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.resolve.fraud', { caseRef }, { from: SATO }))),
      rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.resolve.false_positive', { caseRef }, { from: SUZUKI }))),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const cards = [(await a.json()) as { value: Json }, (await b.json()) as { value: Json }].map((r) => JSON.stringify(r.value));
    const events = rt.handle.sqlite.prepare("select actor_name from case_events where type = 'resolve'").pluck().all() as string[];
    expect(events).toHaveLength(1);
    const winner = events[0]!;
    const loserCard = winner === SATO.name ? cards[1]! : cards[0]!;
    expect(loserCard).toContain(`${winner}（Teams）が先に操作しました`);
    expect(loserCard).toContain(`${winner} (Teams) acted first: resolved`);
    expect(rt.handle.sqlite.prepare('select resolution from cases').pluck().get()).toBe(winner === SATO.name ? 'fraud_confirmed' : 'false_positive');
    expect(fake.of('update')).toHaveLength(1); // only the winner edits the shared card
  });

  it('refuses actions from a conversation that is not bound, unknown verbs and unknown cases; changes nothing', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    const other = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', { caseRef }, { conversationId: '19:other@thread.tacv2' })));
    expect(await other.json()).toMatchObject({ statusCode: 403, type: 'application/vnd.microsoft.error' });
    const verb = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.delete', { caseRef })));
    expect(await verb.json()).toMatchObject({ statusCode: 400 });
    // A case whose card this channel never got, existing or not, is refused alike (no probing).
    const missing = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', { caseRef: 'KKN-999999' })));
    expect(await missing.json()).toMatchObject({ statusCode: 403 });
    const junk = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', { caseRef: 'not-a-ref' })));
    expect(await junk.json()).toMatchObject({ statusCode: 404 });
    const noRef = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.acknowledge', {})));
    expect(await noRef.json()).toMatchObject({ statusCode: 400 });
    expect(rt.handle.sqlite.prepare('select status from cases').pluck().get()).toBe('new');
    expect(fake.of('update')).toHaveLength(0);
    const refresh = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, 'case.refresh', { caseRef })));
    expect(await refresh.json()).toMatchObject({ statusCode: 200, value: { type: 'AdaptiveCard' } });
  });

  it("the fraudster's text reaches Teams escaped: no Markdown, no links", async () => {
    await boundRuntime();
    const hostile = '**今すぐ** [ログイン](https://evil.example/login) ceo@evil.example\n- 1. 送金';
    await escalatedCase(rt, (r) => {
      const msg = r.message as Json;
      return { ...r, message: { ...msg, body: `${String(msg.body)}\n${hostile}`, sender: { ...(msg.sender as Json), name: '**社長** https://evil.example' } } };
    });
    await rt.worker.tick();
    const wire = JSON.stringify(cardOf(fake.of('post')[0]!.body));
    for (const raw of ['**今すぐ**', '[ログイン](', 'https://evil', 'evil.example', 'ceo@evil', '**社長**']) expect(wire).not.toContain(raw);
    expect(wire).toContain('＊＊今すぐ＊＊ ［ログイン］（https:');
  });
});

describe('Teams: connector failures become delivery errors the outbox understands', () => {
  const delivery = () => rt.handle.sqlite.prepare('select status, attempts, last_error, next_attempt_at from deliveries order by id limit 1').get() as Json;

  it('429 with Retry-After: one request (no SDK retries), retried when Teams said', async () => {
    await boundRuntime();
    await escalatedCase(rt);
    fake.failNext({ status: 429, headers: { 'retry-after': '42' } });
    const t0 = rt.clock.now().getTime();
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    expect(fake.requests).toHaveLength(1);
    expect(delivery()).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t0 + 42_000 });
    expect(String(delivery().last_error)).toMatch(/^rate_limited: Teams connector post: 429/);
    rt.clock.advance(42_000);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
  });

  it('500: one request, retried with backoff; 403: rejected for good', async () => {
    await boundRuntime();
    await escalatedCase(rt);
    fake.failNext({ status: 500 });
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    expect(fake.requests).toHaveLength(1);
    expect(String(delivery().last_error)).toMatch(/^server_error/);
    rt.clock.advance(60_000);
    fake.failNext({ status: 403 });
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect(String(delivery().last_error)).toMatch(/^rejected: Teams connector post: 403/);
  });

  it('404 on update (the message was deleted): the card is posted afresh', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    fake.activities.delete(messageId);
    await rt.deps.cases.act(caseRef, 'acknowledge', { platform: 'api', userId: 't', displayName: 'tester' });
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(fake.requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'POST']);
    const newId = rt.handle.sqlite.prepare('select message_id from chat_posts').pluck().get();
    expect(newId).not.toBe(messageId);
    expect(verbs(cardOf(fake.requests[2]!.body))).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
  });

  it('a reminder is a reply in the card thread', async () => {
    await boundRuntime();
    const { caseRef, messageId } = await postedCard(rt);
    const notifier = rt.notifiers.teams!.notifier!;
    const card = await rt.deps.cases.card(caseRef);
    const post = { channel: CHANNEL, messageId, meta: { serviceUrl: fake.url, tenantId: 'tenant-0001' } };
    await notifier.remind(card, post, { text: { ja: 'まだ誰も確認していません', en: 'Nobody has acknowledged yet' }, mention: true, level: 1 });
    expect(fake.of('reply')).toMatchObject([{ conversationId: CHANNEL, activityId: messageId, body: { type: 'message', replyToId: messageId } }]);
    expect(String(fake.of('reply')[0]!.body.text)).toContain('まだ誰も確認していません');
    fake.failNext({ status: 404 });
    await expect(notifier.updateCard(card, post)).rejects.toMatchObject({ code: 'message_not_found' });
  });
});
