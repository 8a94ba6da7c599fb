import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeliveryError } from '../src/domain/notifier.ts';
import { backoffDelay } from '../src/delivery/retry.ts';
import { MAX_CARD_UPDATE_DELAY_MS } from '../src/config.ts';
import { SEND_LEASE_MS } from '../src/delivery/worker.ts';
import { corpus, countRows, jsonInit, scripted, ScriptedNotifier, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const ALICE = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };
// NOTIFY_MIN_VERDICT=none: these tests are about the outbox, not detection (placeholder-proof).
const env = { NOTIFY_MIN_VERDICT: 'none', DELIVERY_MAX_ATTEMPTS: '4', DELIVERY_BASE_DELAY_MS: '1000', DELIVERY_MAX_DELAY_MS: '60000' };

async function setup(n = new ScriptedNotifier('slack'), extraEnv: Record<string, string> = {}) {
  rt = await testRuntime({ env: { ...env, ...extraEnv }, factories: scripted(n), random: () => 0 });
  return n;
}

async function submit(r: TestRuntime, i = 0, extra: Record<string, unknown> = {}) {
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), { ...corpus()[i]!.report, ...extra }));
  expect(res.status).toBe(201);
  return (await res.json()) as { caseRef: string; caseId: number; reportId: number };
}

const delivery = (r: TestRuntime, id: number) =>
  r.handle.sqlite.prepare('select * from deliveries where id = ?').get(id) as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
  };

describe('outbox', () => {
  it('queues a card in the same transaction as the report and posts it on tick; the post is remembered', async () => {
    const n = await setup();
    const { caseRef, caseId } = await submit(rt);
    expect(countRows(rt, 'deliveries', "status = 'pending' and kind = 'card.post'")).toBe(1);
    expect(n.calls).toHaveLength(0);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(n.calls).toEqual([{ op: 'post', ref: caseRef, status: 'new', target: 'C-ESCALATION' }]);
    const post = rt.handle.sqlite.prepare('select * from chat_posts where case_id = ?').get(caseId) as { channel: string; message_id: string };
    expect(post).toMatchObject({ channel: 'C-ESCALATION', message_id: 'm1' });
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
  });

  it('updates the posted card on later changes, building it from the database at send time (updates coalesce)', async () => {
    const n = await setup();
    const { caseRef } = await submit(rt);
    await rt.worker.tick();
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    await rt.deps.cases.act(caseRef, 'investigate', ALICE);
    // The second action finds the first one's update still waiting: one row, one edit.
    expect(countRows(rt, 'deliveries', "kind = 'card.update' and status = 'pending'")).toBe(1);
    await rt.worker.tick();
    expect(n.calls.slice(1)).toEqual([{ op: 'update', ref: caseRef, status: 'investigating', messageId: 'm1' }]);
    expect(countRows(rt, 'deliveries', "status = 'pending'")).toBe(0);
  });

  it('new reports on a case refresh its card once, CARD_UPDATE_DELAY_MS later; an action in between makes that edit go now', async () => {
    const n = await setup(new ScriptedNotifier('slack'), { CARD_UPDATE_DELAY_MS: '2000' });
    const { caseRef } = await submit(rt, 0, { externalId: 'r-0' });
    await rt.worker.tick();
    for (let i = 1; i <= 5; i++) expect((await submit(rt, 0, { externalId: `r-${i}` })).caseRef).toBe(caseRef);
    expect(countRows(rt, 'deliveries', "kind = 'card.update' and status = 'pending'")).toBe(1);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
    rt.clock.advance(1999);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
    rt.clock.advance(1);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(n.calls.slice(1)).toEqual([{ op: 'update', ref: caseRef, status: 'new', messageId: 'm1' }]);
    expect((await rt.deps.cases.get(caseRef)).reportCount).toBe(6);

    await submit(rt, 0, { externalId: 'r-6' });
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    expect(countRows(rt, 'deliveries', "kind = 'card.update' and status = 'pending'")).toBe(1);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(n.calls.at(-1)).toEqual({ op: 'update', ref: caseRef, status: 'acknowledged', messageId: 'm1' });
  });

  it('a started worker wakes for a held-back update before its next poll', async () => {
    const n = await setup(new ScriptedNotifier('slack'), { CARD_UPDATE_DELAY_MS: '100', DELIVERY_POLL_MS: '600000' });
    const { caseRef } = await submit(rt, 0, { externalId: 'w-0' });
    rt.worker.start();
    await vi.waitFor(() => expect(n.calls).toHaveLength(1));
    await submit(rt, 0, { externalId: 'w-1' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the commit's own tick has run: not due yet
    expect(n.calls).toHaveLength(1);
    rt.clock.advance(100);
    await vi.waitFor(() => expect(n.calls).toHaveLength(2), { timeout: 2000 });
    expect(n.calls[1]).toEqual({ op: 'update', ref: caseRef, status: 'new', messageId: 'm1' });
    await rt.worker.stop();
  });

  it('one update going to two platforms builds the card once, but never hands out a card older than the case', async () => {
    let change: (() => void) | null = null;
    class Hooked extends ScriptedNotifier {
      override async updateCard(card: Parameters<ScriptedNotifier['updateCard']>[0], post: Parameters<ScriptedNotifier['updateCard']>[1]) {
        const out = await super.updateCard(card, post);
        const c = change;
        change = null;
        c?.(); // the case changes while the first platform's edit is on the wire
        return out;
      }
    }
    const slack = new Hooked('slack');
    const teams = new Hooked('teams');
    rt = await testRuntime({ env, factories: { ...scripted(slack), ...scripted(teams, 'T-CHANNEL') }, random: () => 0 });
    const { caseRef } = await submit(rt);
    await rt.worker.tick();
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    change = async () => await rt.deps.cases.act(caseRef, 'investigate', ALICE);
    await rt.worker.tick();
    const updates = [...slack.calls, ...teams.calls].filter((c) => c.op === 'update').map((c) => (c as { status: string }).status);
    // First platform: the card as acknowledged; second: rebuilt, since the case moved on meanwhile.
    expect(updates.sort()).toEqual(['acknowledged', 'investigating']);
    await rt.worker.tick();
    expect(slack.calls.at(-1)).toMatchObject({ op: 'update', status: 'investigating' });
    expect(teams.calls.at(-1)).toMatchObject({ op: 'update', status: 'investigating' });
    expect(countRows(rt, 'deliveries', "status = 'pending'")).toBe(0);
  });

  it('a held-back update can never be mistaken for one being sent: the longest hold is well inside the send lease', async () => {
    // A claimed row is due at claim time + SEND_LEASE_MS; enqueueCards reuses rows due within
    // MAX_CARD_UPDATE_DELAY_MS. They could only meet for a send in flight 30 s, thrice the transport timeout.
    expect(SEND_LEASE_MS - MAX_CARD_UPDATE_DELAY_MS).toBeGreaterThanOrEqual(3 * 10_000);
    await expect(testRuntime({ env: { CARD_UPDATE_DELAY_MS: String(MAX_CARD_UPDATE_DELAY_MS + 1) } })).rejects.toThrow(/CARD_UPDATE_DELAY_MS/);
  });

  it('a change while an update is being sent (claimed, under its send lease) queues a fresh one: the card in flight may be older', async () => {
    await setup();
    const { caseRef, caseId } = await submit(rt);
    await rt.worker.tick();
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    const claimedUntil = rt.clock.now().getTime() + SEND_LEASE_MS;
    rt.handle.sqlite.prepare("update deliveries set next_attempt_at = ? where kind = 'card.update'").run(claimedUntil);
    await rt.deps.cases.act(caseRef, 'investigate', ALICE);
    const pending = rt.handle.sqlite
      .prepare("select next_attempt_at as due from deliveries where case_id = ? and kind = 'card.update' and status = 'pending' order by id")
      .all(caseId) as { due: number }[];
    expect(pending.map((p) => p.due)).toEqual([claimedUntil, rt.clock.now().getTime()]);
  });

  it('cards go only to cases at or above the threshold (medium by default)', async () => {
    const n = new ScriptedNotifier('slack');
    rt = await testRuntime({ factories: scripted(n) });
    const line = corpus().find((l) => l.label === 'benign')!;
    const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), line.report));
    const { verdict } = (await res.json()) as { verdict: string };
    const expected = verdict === 'medium' || verdict === 'high' ? 1 : 0;
    expect(countRows(rt, 'deliveries')).toBe(expected);
  });

  it('honours Retry-After, then backs off exponentially with jitter, then gives up keeping the last error', async () => {
    const n = await setup();
    const { caseRef } = await submit(rt);
    n.failNext(
      new DeliveryError('rate_limited', 'ratelimited', { retryAfterMs: 30_000, status: 429 }),
      new DeliveryError('server_error', 'HTTP 502', { status: 502 }),
      new DeliveryError('network', 'ECONNRESET'),
      new DeliveryError('server_error', 'HTTP 503 for good', { status: 503 }),
    );
    const t0 = rt.clock.now().getTime();
    expect(await rt.worker.tick()).toMatchObject({ retried: 1 });
    let d = delivery(rt, 1);
    expect(d).toMatchObject({ status: 'pending', attempts: 1 });
    expect(d.next_attempt_at).toBe(t0 + 30_000);
    rt.clock.advance(29_999);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0, retried: 0 });
    rt.clock.advance(1);
    await rt.worker.tick(); // attempt 2 fails → backoff(2) with random 0 = 1000
    d = delivery(rt, 1);
    expect(d.next_attempt_at - rt.clock.now().getTime()).toBe(backoffDelay(2, { baseDelayMs: 1000, maxDelayMs: 60_000 }, () => 0));
    expect(d.next_attempt_at - rt.clock.now().getTime()).toBe(1000);
    rt.clock.advance(1000);
    await rt.worker.tick(); // attempt 3 → 2000
    expect(delivery(rt, 1).next_attempt_at - rt.clock.now().getTime()).toBe(2000);
    rt.clock.advance(2000);
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    d = delivery(rt, 1);
    expect(d).toMatchObject({ status: 'dead', attempts: 4 });
    expect(d.last_error).toContain('HTTP 503 for good');
    expect(n.calls).toHaveLength(0);

    // A responder revives it; it goes out on the next tick.
    const res = await rt.app.request('/api/deliveries/1/retry', jsonInit('POST', await rt.token('respond')));
    expect(res.status).toBe(200);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(n.calls).toEqual([{ op: 'post', ref: caseRef, status: 'new', target: 'C-ESCALATION' }]);
    expect((await rt.app.request('/api/deliveries/1/retry', jsonInit('POST', await rt.token('respond')))).status).toBe(409);
  });

  it('backoff grows, is capped, and jitter stays within [half, full]', () => {
    const p = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, p, () => 0))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(3, p, () => 0.999999)).toBe(4000);
  });

  it('a permanent error is dead at once', async () => {
    const n = await setup();
    await submit(rt);
    n.failNext(new DeliveryError('rejected', 'channel_not_found', { status: 404 }));
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect(delivery(rt, 1)).toMatchObject({ status: 'dead', attempts: 1, last_error: 'rejected: channel_not_found' });
  });

  it('an update waits for its card to be posted (ordering per case + platform)', async () => {
    const n = await setup();
    const { caseRef } = await submit(rt);
    n.failNext(new DeliveryError('server_error', 'HTTP 500'));
    await rt.worker.tick(); // post fails, retry in 500 ms
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    expect(await rt.worker.tick()).toMatchObject({ deferred: 1, sent: 0 });
    expect(n.calls).toHaveLength(0);
    rt.clock.advance(500);
    await rt.worker.tick();
    expect(n.calls).toEqual([{ op: 'post', ref: caseRef, status: 'acknowledged', target: 'C-ESCALATION' }]);
    expect(countRows(rt, 'deliveries', "status = 'pending'")).toBe(0);
  });

  it('posts a fresh card when the old message is gone (message_not_found on update)', async () => {
    const n = await setup();
    const { caseRef, caseId } = await submit(rt);
    await rt.worker.tick();
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    n.failNext(new DeliveryError('message_not_found', 'message_not_found'));
    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    expect(n.calls.map((c) => c.op)).toEqual(['post', 'post']);
    const post = rt.handle.sqlite.prepare('select message_id from chat_posts where case_id = ?').get(caseId) as { message_id: string };
    expect(post.message_id).toBe('m2');
  });

  it('answers the reporter where they reported from, on intake and on later changes', async () => {
    const n = await setup(new ScriptedNotifier('chatwork'));
    const origin = { platform: 'chatwork', roomId: '123', messageId: '456', accountId: '1000015' } as const;
    const { caseRef } = (await rt.deps.cases.submit(corpus()[0]!.report, { caller: { kind: 'chatwork', origin }, externalId: '123-456' })).result;
    await submit(rt, 1); // no origin: no reporter notification
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    await rt.worker.tick();
    const replies = n.calls.filter((c) => c.op === 'notifyReporter');
    expect(replies).toEqual([
      { op: 'notifyReporter', ref: caseRef, origin, event: 'received' },
      { op: 'notifyReporter', ref: caseRef, origin, event: 'acknowledged' },
    ]);
  });

  it('a platform without a notifier makes its deliveries dead with a reason, not stuck', async () => {
    const n = await setup();
    await submit(rt);
    await rt.close();
    rt = await testRuntime({ dir: rt.dir, env, factories: { slack: () => null, console: () => null } });
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect(delivery(rt, 1).last_error).toContain('no slack notifier');
    expect(n.calls).toHaveLength(0);
  });
});
