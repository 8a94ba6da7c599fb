import { afterEach, describe, expect, it } from 'vitest';
import { DURATION_BUCKETS } from '../../src/metrics/collect.ts';
import { ScriptedNotifier, countRows, testRuntime, type TestRuntime } from '../helpers.ts';
import { HIGH_WITH_ACCOUNT, LOW_LINE, MEDIUM_WITH_ACCOUNT, MIN, TEST_POLICY, only, policyEnv, submitLine } from './fixtures.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const ALICE = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };

/** Parses the exposition text strictly: every line is a comment or `name{labels} value`. */
function parse(text: string): { samples: Map<string, number>; types: Map<string, string> } {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    const t = /^# TYPE (\w+) (counter|gauge|histogram)$/.exec(line);
    if (t) {
      types.set(t[1]!, t[2]!);
      continue;
    }
    if (/^# HELP \w+ .+$/.test(line)) continue;
    const m = /^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf|NaN)$/.exec(line);
    expect(m, `not a sample line: ${line}`).not.toBeNull();
    samples.set(`${m![1]}${m![2] ?? ''}`, Number(m![3]));
  }
  return { samples, types };
}

async function scrape(headers: Record<string, string> = {}) {
  const res = await rt.app.request('/metrics', { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return parse(await res.text());
}

describe('GET /metrics', () => {
  it('reports, cases, deliveries, outbox age, timers and time-to-acknowledge/resolve histograms, from the database', async () => {
    const p = policyEnv(TEST_POLICY);
    const n = new ScriptedNotifier('slack');
    rt = await testRuntime({ dir: p.dir, env: p.env, factories: only(n) });
    const empty = await scrape();
    expect(empty.samples.get('kakunin_cases{status="new"}')).toBe(0);
    expect(empty.samples.get('kakunin_time_to_acknowledge_seconds_count')).toBe(0);
    expect(empty.samples.get('kakunin_outbox_oldest_pending_seconds')).toBe(0);

    const a = await submitLine(rt, HIGH_WITH_ACCOUNT);
    const b = await submitLine(rt, MEDIUM_WITH_ACCOUNT);
    await submitLine(rt, LOW_LINE); // low: no card, no timer
    rt.clock.advance(90_000);
    let m = await scrape();
    expect(m.types.get('kakunin_reports_total')).toBe('counter');
    expect(m.samples.get('kakunin_reports_total{source="api",verdict="high"}')).toBe(1);
    expect(m.samples.get('kakunin_reports_total{source="api",verdict="medium"}')).toBe(1);
    expect(m.samples.get('kakunin_reports_total{source="api",verdict="low"}')).toBe(1);
    expect(m.samples.get('kakunin_cases{status="new"}')).toBe(3);
    expect(m.samples.get('kakunin_deliveries{status="pending"}')).toBe(2);
    expect(m.samples.get('kakunin_outbox_oldest_pending_seconds')).toBe(90);
    expect(m.samples.get('kakunin_escalation_timers{kind="ack_timeout",state="pending"}')).toBe(2);

    await rt.worker.tick();
    rt.clock.advance(10 * MIN - 90_000); // a's first reminder fires
    await rt.worker.tick();
    rt.clock.advance(2 * MIN);
    await rt.deps.cases.act(a.caseRef, 'acknowledge', ALICE); // 12 min after opening
    rt.clock.advance(3 * 60 * MIN);
    await rt.deps.cases.act(a.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' }); // 3 h 12 min
    await rt.deps.cases.act(b.caseRef, 'resolve', ALICE, { resolution: 'false_positive' }); // straight away: 3 h 12 min, no acknowledgement

    m = await scrape();
    expect(m.samples.get('kakunin_cases{status="resolved"}')).toBe(2);
    expect(m.samples.get('kakunin_cases{status="new"}')).toBe(1);
    expect(m.samples.get('kakunin_deliveries{status="pending"}')).toBe(countRows(rt, 'deliveries', "status = 'pending'"));
    expect(m.samples.get('kakunin_deliveries{status="sent"}')).toBe(countRows(rt, 'deliveries', "status = 'sent'"));
    expect(m.samples.get('kakunin_deliveries{status="dead"}')).toBe(0);
    expect(m.samples.get('kakunin_escalation_timers{kind="ack_timeout",state="fired"}')).toBe(1);
    expect(m.samples.get('kakunin_escalation_timers{kind="renotify",state="cancelled"}')).toBe(1);
    expect(m.samples.get('kakunin_escalation_timers{kind="ack_timeout",state="cancelled"}')).toBe(1); // b's, on resolution

    // time to acknowledge: a after 12 min; b's first action (its resolution) after 3 h 12 min.
    expect(m.types.get('kakunin_time_to_acknowledge_seconds')).toBe('histogram');
    const bSecs = 10 * 60 + 2 * 60 + 3 * 3600; // b opened with a, at t0
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_count')).toBe(2);
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_sum')).toBeCloseTo(12 * 60 + bSecs, 1);
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_bucket{le="600"}')).toBe(0);
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_bucket{le="1800"}')).toBe(1);
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_bucket{le="14400"}')).toBe(2);
    expect(m.samples.get('kakunin_time_to_acknowledge_seconds_bucket{le="+Inf"}')).toBe(2);
    expect(m.samples.get('kakunin_time_to_resolve_seconds_count')).toBe(2);
    expect(m.samples.get('kakunin_time_to_resolve_seconds_bucket{le="7200"}')).toBe(0);
    expect(m.samples.get('kakunin_time_to_resolve_seconds_bucket{le="14400"}')).toBe(2);
    // Buckets are cumulative and end at the count.
    const buckets = DURATION_BUCKETS.map((b) => m.samples.get(`kakunin_time_to_resolve_seconds_bucket{le="${b}"}`)!);
    expect([...buckets].sort((x, y) => x - y)).toEqual(buckets);
  });

  it('with METRICS_TOKEN it needs that bearer token (401 in the one error shape otherwise)', async () => {
    rt = await testRuntime({ env: { METRICS_TOKEN: 'prometheus-scrape-secret-1' } });
    const bare = await rt.app.request('/metrics');
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ error: { code: 'unauthorized', message: expect.stringContaining('METRICS_TOKEN') } });
    expect((await rt.app.request('/metrics', { headers: { authorization: 'Bearer prometheus-scrape-secret-2' } })).status).toBe(401);
    expect((await rt.app.request('/metrics', { headers: { authorization: `Bearer ${(await rt.token('admin'))}` } })).status).toBe(401);
    await scrape({ authorization: 'Bearer prometheus-scrape-secret-1' });
  });
});
