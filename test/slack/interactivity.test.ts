/**
 * Slack end to end over the wire: the card goes to a fake Slack Web API on 127.0.0.1, clicks come
 * back as signed block_actions requests built here, and assertions are on what crossed the wire
 * and what the database holds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, ScriptedNotifier } from '../helpers.ts';
import { FakeSlack, type RecordedCall } from './fake-slack.ts';
import { CHANNEL, clickBody, corpusReport, nowSec, signedInit, slackRuntime, submit, type SlackTestRuntime } from './helpers.ts';

let fake: FakeSlack;
let rt: SlackTestRuntime | null = null;
beforeEach(async () => {
  fake = await new FakeSlack().start();
  fake.users.set('U0AKI', { name: 'aki', displayName: '佐藤 亜紀' });
  fake.users.set('U0BEN', { name: 'ben', displayName: 'Ben Ito' });
});
afterEach(async () => {
  await rt?.slack.idle();
  await rt?.close();
  rt = null;
  await fake.close();
});

const caseRow = (r: SlackTestRuntime, id: number) =>
  r.handle.sqlite.prepare('select status, resolution, version from cases where id = ?').get(id) as { status: string; resolution: string | null; version: number };

/** Submits the first fraud report from the corpus and lets the worker post its card. */
async function postedCase(r: SlackTestRuntime) {
  const c = await submit(r, corpusReport('fraud'));
  expect(c.verdict === 'medium' || c.verdict === 'high', `real engine verdict ${c.verdict}`).toBe(true);
  expect((await r.worker.tick()).sent).toBeGreaterThanOrEqual(1);
  const post = fake.of('chat.postMessage').at(-1)!;
  const ts = [...fake.messages.values()].at(-1)!.ts;
  return { ...c, post, ts };
}

async function click(r: SlackTestRuntime, p: { actionId: string; ref: string; userId: string; userName: string; messageTs: string }) {
  return r.app.request('/slack/events', signedInit(clickBody(p), nowSec(r)));
}

const blocksText = (call: RecordedCall) => JSON.stringify(call.body.blocks);
const actionIds = (call: RecordedCall) =>
  ((call.body.blocks as { type: string; elements?: { action_id: string }[] }[]).find((b) => b.type === 'actions')?.elements ?? []).map((e) => e.action_id);

describe('Slack card delivery', () => {
  it('posts the card to the channel with the bot token and remembers channel + ts', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, post, ts } = await postedCase(rt);
    expect(post.authorization).toBe(`Bearer ${fake.token}`);
    expect(post.contentType).toContain('application/json');
    expect(post.body.channel).toBe(CHANNEL);
    expect(post.body.unfurl_links).toBe(false);
    expect(blocksText(post)).toContain(caseRef);
    expect(blocksText(post)).toContain(`/cases/${caseRef}`);
    expect(actionIds(post)).toEqual(['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive']);
    const stored = rt.handle.sqlite.prepare("select channel, message_id from chat_posts where case_id = ? and platform = 'slack'").get(caseId);
    expect(stored).toEqual({ channel: CHANNEL, message_id: ts });
  });

  it('a click acknowledges the case as the Slack user, replies in the thread, and the outbox edits the same message', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, ts } = await postedCase(rt);
    const res = await click(rt, { actionId: 'case.acknowledge', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // The transition is committed before Slack gets its 200.
    expect(caseRow(rt, caseId).status).toBe('acknowledged');
    const event = rt.handle.sqlite.prepare("select actor_platform, actor_user_id, actor_name from case_events where case_id = ? and type = 'acknowledge'").get(caseId);
    expect(event).toEqual({ actor_platform: 'slack', actor_user_id: 'U0AKI', actor_name: '佐藤 亜紀' });

    await rt.slack.idle();
    expect(fake.of('users.info').map((c) => c.body.user)).toEqual(['U0AKI']);
    const reply = fake.of('chat.postMessage').at(-1)!;
    expect(reply.body).toMatchObject({ channel: CHANNEL, thread_ts: ts });
    expect(reply.body.text).toContain('<@U0AKI>');
    expect(reply.body.text).toContain(caseRef);

    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    const update = fake.of('chat.update').at(-1)!;
    expect(update.body).toMatchObject({ channel: CHANNEL, ts });
    expect(blocksText(update)).toContain('対応中 / Acknowledged');
    expect(blocksText(update)).toContain('佐藤 亜紀 (Slack)');
    expect(actionIds(update)).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
    expect(fake.messages.get(ts)!.blocks).toEqual(update.body.blocks);
  });

  it('a Slack click reaches the other platforms\' cards through the outbox', async () => {
    const teams = new ScriptedNotifier('teams');
    rt = await slackRuntime(fake, {}, { teams: () => ({ notifier: teams, targets: ['19:legal@thread.tacv2'], reporter: null }) });
    const { caseRef, ts } = await postedCase(rt);
    expect(teams.calls).toEqual([{ op: 'post', ref: caseRef, status: 'new', target: '19:legal@thread.tacv2' }]);
    await click(rt, { actionId: 'case.acknowledge', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts });
    await rt.slack.idle();
    await rt.worker.tick();
    expect(teams.calls.at(-1)).toMatchObject({ op: 'update', ref: caseRef, status: 'acknowledged' });
    expect(fake.of('chat.update')).toHaveLength(1);
  });

  it('Confirm fraud resolves the case; the updated card has no buttons left', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, ts } = await postedCase(rt);
    expect((await click(rt, { actionId: 'case.resolve.fraud', ref: caseRef, userId: 'U0BEN', userName: 'ben', messageTs: ts })).status).toBe(200);
    expect(caseRow(rt, caseId)).toMatchObject({ status: 'resolved', resolution: 'fraud_confirmed' });
    await rt.slack.idle();
    await rt.worker.tick();
    const update = fake.of('chat.update').at(-1)!;
    expect(actionIds(update)).toEqual([]);
    expect(blocksText(update)).toContain('詐欺と確定 / Fraud confirmed');
  });

  it('two people clicking at once: one wins, the other gets an ephemeral message naming who acted first', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, ts } = await postedCase(rt);
    const [a, b] = await Promise.all([
      click(rt, { actionId: 'case.acknowledge', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts }),
      click(rt, { actionId: 'case.acknowledge', ref: caseRef, userId: 'U0BEN', userName: 'ben', messageTs: ts }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await rt.slack.idle();
    expect(countRows(rt, 'case_events', `case_id = ${caseId} and type = 'acknowledge'`)).toBe(1);
    const winner = rt.handle.sqlite.prepare("select actor_user_id, actor_name from case_events where case_id = ? and type = 'acknowledge'").get(caseId) as {
      actor_user_id: string;
      actor_name: string;
    };
    const loser = winner.actor_user_id === 'U0AKI' ? 'U0BEN' : 'U0AKI';
    const ephemeral = fake.of('chat.postEphemeral');
    expect(ephemeral).toHaveLength(1);
    expect(ephemeral[0]!.body).toMatchObject({ channel: CHANNEL, user: loser });
    expect(ephemeral[0]!.body.text).toContain(winner.actor_name);
    expect(ephemeral[0]!.body.text).toContain('acted first');
    // Only the winner's action is recorded in the thread.
    const replies = fake.of('chat.postMessage').filter((c) => c.body.thread_ts === ts);
    expect(replies.map((c) => c.body.text)).toEqual([expect.stringContaining(`<@${winner.actor_user_id}>`)]);
  });

  it('a click that loses to an action taken elsewhere (the API) names that person too', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, ts } = await postedCase(rt);
    await rt.deps.cases.act(caseRef, 'resolve', { platform: 'teams', userId: '29:abc', displayName: 'Chie Mori' }, { resolution: 'false_positive' });
    await click(rt, { actionId: 'case.acknowledge', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts });
    await rt.slack.idle();
    const text = String(fake.of('chat.postEphemeral')[0]!.body.text);
    expect(text).toContain('Chie Mori (Teams)');
    expect(text).toContain('誤検知 / False positive');
  });
});

describe('Slack request verification', () => {
  it('a bad signature, a stale or future timestamp, or no signature is 401 and changes nothing', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, ts } = await postedCase(rt);
    const before = { calls: fake.calls.length, version: caseRow(rt, caseId).version, events: countRows(rt, 'case_events') };
    const body = clickBody({ actionId: 'case.acknowledge', ref: caseRef, userId: 'U0AKI', userName: 'aki', messageTs: ts });
    const now = nowSec(rt);
    const attempts: RequestInit[] = [
      signedInit(body, now, { secret: 'not-the-signing-secret' }),
      signedInit(body, now - 301),
      signedInit(body, now + 301),
      signedInit(body, now, { signature: 'v0=' }),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body },
      // Signed, then tampered with: the signature covers the raw bytes.
      { ...signedInit(body, now), body: body.replace('case.acknowledge', 'case.resolve.fraud') },
    ];
    for (const init of attempts) {
      const res = await rt.app.request('/slack/events', init);
      expect(res.status).toBe(401);
      const json = (await res.json()) as { error: { code: string; message: string; requestId: string } };
      expect(json.error.code).toBe('unauthorized');
      expect(json.error.requestId).toBeTruthy();
    }
    await rt.slack.idle();
    expect(fake.calls.length).toBe(before.calls);
    expect(caseRow(rt, caseId).version).toBe(before.version);
    expect(countRows(rt, 'case_events')).toBe(before.events);
    // Just inside the window is accepted.
    expect((await rt.app.request('/slack/events', signedInit(body, now - 299))).status).toBe(200);
    expect(caseRow(rt, caseId).status).toBe('acknowledged');
  });

  it('answers url_verification with the challenge (signed) and ssl_check with 200', async () => {
    rt = await slackRuntime(fake);
    const body = JSON.stringify({ token: 'x', challenge: 'c-3po-challenge', type: 'url_verification' });
    const res = await rt.app.request('/slack/events', signedInit(body, nowSec(rt), { contentType: 'application/json' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-3po-challenge' });
    const unsigned = await rt.app.request('/slack/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(unsigned.status).toBe(401);
    const ssl = await rt.app.request('/slack/events', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=x' });
    expect(ssl.status).toBe(200);
    expect(fake.calls).toHaveLength(0);
  });

  it('a signed body that is not JSON is a 400 in the one error shape', async () => {
    rt = await slackRuntime(fake);
    const res = await rt.app.request('/slack/events', signedInit('payload=%7Bnot-json', nowSec(rt)));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
  });
});

describe('Slack delivery failures', () => {
  it('429 with Retry-After: the worker waits exactly that long, then posts', async () => {
    rt = await slackRuntime(fake);
    fake.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '7' }, json: { ok: false, error: 'ratelimited' } });
    const { caseId } = await submit(rt, corpusReport('fraud'));
    const t0 = rt.clock.now().getTime();
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    const d = rt.handle.sqlite.prepare('select status, attempts, next_attempt_at, last_error from deliveries where case_id = ?').get(caseId) as Record<string, unknown>;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, next_attempt_at: t0 + 7000 });
    expect(String(d.last_error)).toMatch(/^rate_limited: slack chat\.postMessage: HTTP 429/);
    rt.clock.advance(6999);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0, retried: 0 });
    rt.clock.advance(1);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(fake.of('chat.postMessage')).toHaveLength(2);
  });

  it.each(['channel_not_found', 'not_in_channel', 'invalid_auth'])('ok:false %s is kept as the delivery error, visible via GET /api/cases/:ref', async (error) => {
    rt = await slackRuntime(fake);
    fake.failNext('chat.postMessage', { json: { ok: false, error } });
    const { caseRef } = await submit(rt, corpusReport('fraud'));
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    const res = await rt.app.request(`/api/cases/${caseRef}`, { headers: { authorization: `Bearer ${(await rt.token('respond'))}` } });
    const detail = (await res.json()) as { deliveries: { platform: string; kind: string; status: string; lastError: string }[] };
    expect(detail.deliveries).toContainEqual(
      expect.objectContaining({ platform: 'slack', kind: 'card.post', status: 'dead', lastError: `rejected: slack chat.postMessage: ${error}` }),
    );
    expect(fake.of('chat.postMessage')).toHaveLength(1);
  });

  it('message_not_found on update posts a fresh card and remembers the new ts', async () => {
    rt = await slackRuntime(fake);
    const { caseRef, caseId, ts } = await postedCase(rt);
    fake.deleteMessage(ts);
    await rt.deps.cases.act(caseRef, 'acknowledge', { platform: 'api', userId: 't1', displayName: 'Ops' });
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(fake.of('chat.update')).toHaveLength(1);
    const fresh = fake.of('chat.postMessage').at(-1)!;
    expect(fresh.body.channel).toBe(CHANNEL);
    expect(blocksText(fresh)).toContain('対応中 / Acknowledged');
    const stored = rt.handle.sqlite.prepare("select message_id from chat_posts where case_id = ? and platform = 'slack'").get(caseId) as { message_id: string };
    expect(stored.message_id).not.toBe(ts);
    expect(fake.messages.has(stored.message_id)).toBe(true);
  });
});
