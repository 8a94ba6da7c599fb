/**
 * Slack outage: the fake Slack (real HTTP on 127.0.0.1) answers 500 and 429 + Retry-After for a
 * while, then recovers. The outbox worker is real and the clock is manual, so every attempt is
 * timed exactly: backoff is respected (no tight loop), every card arrives after recovery, and a
 * delivery that runs out of attempts is visible as dead and can be revived.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/delivery/retry.ts';
import { LeanFakeSlack, type FaultAnswer } from '../../scripts/lib/fake-slack.ts';
import { jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

const POLICY = { baseDelayMs: 2000, maxDelayMs: 60_000 };
const MAX_ATTEMPTS = 6;
const RETRY_AFTER_S = 3;
const STEP_MS = 250;

let fake: LeanFakeSlack;
let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
  await fake?.close();
});

interface Attempt {
  ref: string | null;
  at: number;
  status: number;
}

/** Fake Slack + runtime; `down()` decides per call whether Slack is failing. */
async function setup(down: () => boolean) {
  const attempts: Attempt[] = [];
  let n = 0;
  fake = await new LeanFakeSlack().start();
  rt = await testRuntime({
    random: () => 0.5,
    env: {
      SLACK_BOT_TOKEN: fake.token,
      SLACK_SIGNING_SECRET: 'outage-signing-secret',
      SLACK_CHANNEL_ID: 'C0OUTAGE',
      SLACK_API_URL: fake.url,
      CONSOLE_NOTIFIER: 'false',
      NOTIFY_MIN_VERDICT: 'none', // about delivery, not detection
      DELIVERY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      DELIVERY_BASE_DELAY_MS: String(POLICY.baseDelayMs),
      DELIVERY_MAX_DELAY_MS: String(POLICY.maxDelayMs),
    },
  });
  const clock = rt.clock;
  fake.fault = (method, ref): FaultAnswer | null => {
    if (!method.startsWith('chat.')) return null;
    const failing = down();
    n += 1;
    const answer: FaultAnswer | null = !failing
      ? null
      : n % 2 === 1
        ? { status: 500, json: { ok: false, error: 'internal_error' } }
        : { status: 429, headers: { 'retry-after': String(RETRY_AFTER_S) }, json: { ok: false, error: 'ratelimited' } };
    attempts.push({ ref, at: clock.now().getTime(), status: answer?.status ?? 200 });
    return answer;
  };
  return attempts;
}

async function submit(r: TestRuntime, i: number): Promise<string> {
  const report = { message: { body: `至急の確認です ${i}`, sender: { accountId: 7_000_000 + i, name: `送信者 ${i}` } }, externalId: `outage-${i}` };
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), report));
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseRef: string }).caseRef;
}

/** Ticks the worker every STEP_MS of clock time for `ms`. */
async function run(r: TestRuntime, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += STEP_MS) {
    await r.worker.tick();
    r.clock.advance(STEP_MS);
  }
}

/** Checks each gap between a delivery's attempts against what its last failure asked for. */
function expectBackoff(attempts: Attempt[]): void {
  attempts.slice(1).forEach((a, i) => {
    const prev = attempts[i]!;
    const gap = a.at - prev.at;
    const wanted = prev.status === 429 ? RETRY_AFTER_S * 1000 : backoffDelay(i + 1, POLICY, () => 0.5);
    expect(gap, `attempt ${i + 2} after a ${prev.status}`).toBeGreaterThanOrEqual(wanted);
    expect(gap, `attempt ${i + 2} after a ${prev.status}`).toBeLessThan(wanted + STEP_MS);
  });
}

describe('Slack outage (500 and 429 + Retry-After), then recovery', () => {
  it('backs off per delivery, sends every card after recovery, and a dead delivery is visible and retryable', async () => {
    let slackDown = true;
    const attempts = await setup(() => slackDown);
    const r = rt!;
    const refs = [await submit(r, 1), await submit(r, 2), await submit(r, 3)];

    // 12 s of outage: 48 worker ticks; a tight loop would try 48 times per card.
    await run(r, 12_000);
    const during = attempts.length;
    expect(fake.cards.size).toBe(0);
    for (const ref of refs) {
      const mine = attempts.filter((a) => a.ref === ref);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.length).toBeLessThan(MAX_ATTEMPTS); // still alive
      expect(new Set(mine.map((a) => a.status))).toEqual(new Set([500, 429]));
      expectBackoff(mine);
    }
    expect(during).toBeLessThanOrEqual(refs.length * (MAX_ATTEMPTS - 1));

    // Recovery: each card goes out at its next scheduled attempt, exactly once.
    slackDown = false;
    await run(r, 30_000);
    for (const ref of refs) {
      expect(fake.posts(ref)).toHaveLength(1);
      expectBackoff(attempts.filter((a) => a.ref === ref));
      const detail = (await (await r.app.request(`/api/cases/${ref}`, jsonInit('GET', await r.token('respond')))).json()) as {
        deliveries: { status: string; attempts: number }[];
      };
      expect(detail.deliveries.map((d) => d.status)).toEqual(['sent']);
    }

    // A longer outage: a new card runs out of attempts and is dead, with Slack's error kept.
    slackDown = true;
    const late = await submit(r, 4);
    await run(r, 5 * 60_000);
    const lateAttempts = attempts.filter((a) => a.ref === late);
    expect(lateAttempts).toHaveLength(MAX_ATTEMPTS);
    expectBackoff(lateAttempts);
    const res = await r.app.request(`/api/cases/${late}`, jsonInit('GET', await r.token('respond')));
    const detail = (await res.json()) as { deliveries: { id: number; status: string; attempts: number; lastError: string | null }[] };
    expect(detail.deliveries).toHaveLength(1);
    const dead = detail.deliveries[0]!;
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(dead.lastError).toMatch(/HTTP (500|429)/);
    expect(fake.posts(late)).toHaveLength(0);

    // Slack is back; a responder revives the delivery and the card arrives on the next tick.
    slackDown = false;
    const retried = await r.app.request(`/api/deliveries/${dead.id}/retry`, jsonInit('POST', await r.token('respond')));
    expect(retried.status).toBe(200);
    await r.worker.tick();
    expect(fake.posts(late)).toHaveLength(1);
    expect(fake.duplicates()).toEqual([]);
  });
});
