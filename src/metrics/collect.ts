/**
 * `GET /metrics`, computed from the database on each scrape with a handful of aggregate queries
 * (most answered from indexes). Nothing is kept in memory, so every process reports the same
 * numbers and a restart loses nothing.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { DELIVERY_STATUSES, TIMER_KINDS } from '../db/schema/index.ts';
import { CASE_STATUSES } from '../domain/case.ts';
import { PromWriter } from './prometheus.ts';

/** Histogram bounds in seconds: 1, 5, 10, 30 min, 1, 2, 4, 8 h, 1, 3, 7 days. */
export const DURATION_BUCKETS = [60, 300, 600, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200, 604_800] as const;

/** Seconds from a case's opening to its first event of `types`, bucketed in SQL. */
async function durationHistogram(db: Db, types: readonly string[]) {
  const typeList = sql.join(types.map((t) => sql`${t}`), sql`, `);
  const bucketCols = sql.join(
    DURATION_BUCKETS.map((b, i) => sql`coalesce(sum(s <= ${b}), 0) as ${sql.raw(`b${i}`)}`),
    sql`, `,
  );
  const row = await db.get<Record<string, number>>(
    sql`select count(*) as n, coalesce(sum(s), 0) as total, ${bucketCols}
        from (select (julianday(min(e.at)) - julianday(c.opened_at)) * 86400.0 as s
              from case_events e join cases c on c.id = e.case_id
              where e.type in (${typeList})
              group by e.case_id)`,
  )!;
  return {
    bounds: DURATION_BUCKETS,
    cumulative: DURATION_BUCKETS.map((_, i) => row[`b${i}`] ?? 0),
    sum: Math.round((row.total ?? 0) * 1000) / 1000,
    count: row.n ?? 0,
  };
}

/** The whole exposition text at time `now`. */
export async function collectMetrics(db: Db, now: Date): Promise<string> {
  const w = new PromWriter();

  const reports = await db.all<{ source: string; verdict: string; n: number }>(
    sql`select source, verdict, count(*) as n from reports group by source, verdict order by source, verdict`,
  );
  w.counter(
    'kakunin_reports_total',
    'Reports received, by source and by the verdict of their own detection.',
    reports.map((r) => ({ labels: { source: r.source, verdict: r.verdict }, value: r.n })),
  );

  const cases = new Map((await db.all<{ status: string; n: number }>(sql`select status, count(*) as n from cases group by status`)).map((r) => [r.status, r.n]));
  w.gauge('kakunin_cases', 'Cases by status.', CASE_STATUSES.map((s) => ({ labels: { status: s }, value: cases.get(s) ?? 0 })));

  const deliveries = new Map(
    (await db.all<{ status: string; n: number }>(sql`select status, count(*) as n from deliveries group by status`)).map((r) => [r.status, r.n]),
  );
  w.gauge(
    'kakunin_deliveries',
    'Outbox deliveries by status (dead ones need a person: POST /api/deliveries/:id/retry).',
    DELIVERY_STATUSES.map((s) => ({ labels: { status: s }, value: deliveries.get(s) ?? 0 })),
  );

  const oldest = (await db.get<{ at: string | null }>(sql`select min(created_at) as at from deliveries where status = 'pending'`))?.at ?? null;
  w.gauge('kakunin_outbox_oldest_pending_seconds', 'Age of the oldest pending delivery (0 when none is pending).', [
    { value: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0 },
  ]);

  const timers = await db.all<{ kind: string; state: string; n: number }>(
    sql`select kind, case when fired_at is not null then 'fired' when cancelled_at is not null then 'cancelled' else 'pending' end as state,
               count(*) as n
        from escalation_timers group by 1, 2`,
  );
  const timerSamples = TIMER_KINDS.flatMap((kind) =>
    (['pending', 'fired', 'cancelled'] as const).map((state) => ({
      labels: { kind, state },
      value: timers.find((t) => t.kind === kind && t.state === state)?.n ?? 0,
    })),
  );
  w.gauge('kakunin_escalation_timers', 'Escalation timers by kind and state.', timerSamples);

  w.histogram(
    'kakunin_time_to_acknowledge_seconds',
    'From a case opening to the first person acting on it (acknowledge, investigate or resolve).',
    await durationHistogram(db, ['acknowledge', 'investigate', 'resolve']),
  );
  w.histogram('kakunin_time_to_resolve_seconds', 'From a case opening to its first resolution.', await durationHistogram(db, ['resolve']));
  return w.toString();
}
