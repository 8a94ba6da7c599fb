/**
 * Numbers for the metrics page, from the core tables: reports per day (Japan days), the verdict
 * mix of cases and how they were resolved, time from opening to the first human action and to
 * resolution (median and 90th percentile), and the most impersonated ledger names.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** Median and 90th percentile of minutes (nearest rank); null when there is no sample. */
export function percentiles(xs: number[]): { n: number; median: number | null; p90: number | null } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! : null);
  return { n: s.length, median: at(0.5), p90: at(0.9) };
}

/** Everything the metrics page shows for the `days` days up to `now`. */
export async function computeMetrics(db: Db, now: Date, days: number) {
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const perDayRows = await db.all<{ day: string; n: number }>(
    sql`select strftime('%Y-%m-%d', received_at, '+9 hours') as day, count(*) as n from reports where received_at >= ${since} group by day order by day`,
  );
  const perDay: { day: string; n: number }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = new Date(now.getTime() - i * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
    perDay.push({ day, n: perDayRows.find((r) => r.day === day)?.n ?? 0 });
  }
  const verdicts = await db.all<{ k: string; n: number }>(sql`select severity as k, count(*) as n from cases where opened_at >= ${since} group by severity`);
  const resolutions = await db.all<{ k: string; n: number }>(
    sql`select coalesce(resolution, status) as k, count(*) as n from cases where opened_at >= ${since} group by k`,
  );
  const ack = await db.all<{ m: number }>(
    sql`select (julianday(min(e.at)) - julianday(c.opened_at)) * 1440 as m from cases c join case_events e on e.case_id = c.id
        where c.opened_at >= ${since} and e.type in ('acknowledge','investigate','resolve') group by c.id`,
  );
  const resolve = await db.all<{ m: number }>(
    sql`select (julianday(min(e.at)) - julianday(c.opened_at)) * 1440 as m from cases c join case_events e on e.case_id = c.id
        where c.opened_at >= ${since} and e.type = 'resolve' group by c.id`,
  );
  const impersonated = await db.all<{ name: string; n: number }>(
    sql`select json_extract(identity, '$.name') as name, count(distinct case_id) as n from reports
        where received_at >= ${since} and identity is not null and json_extract(identity, '$.accountMatches') = 0
        group by name order by n desc, name limit 10`,
  );
  return {
    days,
    perDay,
    totalReports: perDay.reduce((a, d) => a + d.n, 0),
    verdicts,
    resolutions,
    timeToAcknowledge: percentiles(ack.map((r) => r.m)),
    timeToResolve: percentiles(resolve.map((r) => r.m)),
    impersonated,
  };
}
