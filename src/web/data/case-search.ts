/**
 * The console's case list: the API's filters plus reporter and sender, five sort orders, keyset
 * pagination on (sort key, id) and counts per status for the current filters. Read-only SQL over
 * the core tables; the API's `listCases` stays as it is.
 */
import { and, asc, count, desc, eq, exists, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CASE_STATUSES } from '../../domain/case.ts';
import { VERDICTS } from '../../domain/detection.ts';
import type { Db } from '../../db/client.ts';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { cases, reports } from '../../db/schema/index.ts';
import { hasObservable, type CaseSummary } from '../../cases/queries.ts';
import { formatCaseRef } from '../../domain/ref.ts';
import { qualified } from '../../db/qualified.ts';

export const SORTS = ['newest', 'oldest', 'last_report', 'severity', 'reports'] as const;
export type Sort = (typeof SORTS)[number];

const empty = (v: unknown) => (v === '' ? undefined : v);
const opt = <S extends z.ZodType>(s: S) => z.preprocess(empty, s.optional());

/** Query string of /cases. Dates are `YYYY-MM-DD` (Japan time) from `<input type=date>`. */
export const caseSearchSchema = z.object({
  status: opt(z.enum(CASE_STATUSES)),
  severity: opt(z.enum(VERDICTS)),
  from: opt(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  to: opt(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  q: opt(z.string().trim().min(1).max(500)),
  reporter: opt(z.string().trim().min(1).max(200)),
  sender: opt(z.string().trim().min(1).max(200)),
  observable: opt(z.string().trim().min(1).max(500)),
  sort: z.preprocess(empty, z.enum(SORTS).default('newest')),
  limit: z.preprocess(empty, z.coerce.number().int().min(1).max(200).default(50)),
  cursor: opt(z.string().max(200)),
});
export type CaseSearch = z.infer<typeof caseSearchSchema>;

/** A JST calendar day's start as an ISO instant. */
export function jstDayStart(day: string): string {
  return new Date(`${day}T00:00:00+09:00`).toISOString();
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+09:00`) + 86_400_000).toISOString();

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const severityRank = sql<number>`case ${cases.severity} when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;

/** The sort key of each order (null: by id only) and its direction. */
const ORDERS: Record<Sort, { key: SQL | null; dir: 'asc' | 'desc' }> = {
  newest: { key: null, dir: 'desc' },
  oldest: { key: null, dir: 'asc' },
  last_report: { key: sql`${cases.lastReportAt}`, dir: 'desc' },
  severity: { key: severityRank, dir: 'desc' },
  reports: { key: sql`${cases.reportCount}`, dir: 'desc' },
};

function filters(db: Db, q: CaseSearch, withStatus: boolean): SQL[] {
  const where: SQL[] = [];
  if (withStatus && q.status) where.push(eq(cases.status, q.status));
  if (q.severity) where.push(eq(cases.severity, q.severity));
  if (q.from) where.push(gte(cases.lastReportAt, jstDayStart(q.from)));
  if (q.to) where.push(lt(cases.firstReportAt, nextDay(q.to)));
  const reportWhere = (cond: SQL) => exists(db.select({ one: sql`1` }).from(reports).where(and(sql`${qualified(reports.caseId)} = ${qualified(cases.id)}`, cond)));
  if (q.q) where.push(reportWhere(sql`${reports.messageBody} LIKE ${likeEscape(q.q)} ESCAPE '\\'`));
  const person = (nameCol: SQLiteColumn, idCol: SQLiteColumn, v: string) =>
    /^\d{1,15}$/.test(v) ? reportWhere(or(eq(idCol, Number(v)), sql`${nameCol} LIKE ${likeEscape(v)} ESCAPE '\\'`)!) : reportWhere(sql`${nameCol} LIKE ${likeEscape(v)} ESCAPE '\\'`);
  if (q.sender) where.push(person(reports.senderName, reports.senderAccountId, q.sender));
  if (q.reporter) where.push(person(reports.reporterName, reports.reporterAccountId, q.reporter));
  if (q.observable) where.push(hasObservable(db, q.observable));
  return where;
}

/** A value of the case's first report, as a correlated subquery (columns qualified: see db/qualified.ts). */
function firstReport(value: SQL): SQL {
  return sql`select ${value} from ${reports} where ${qualified(reports.caseId)} = ${qualified(cases.id)} order by ${qualified(reports.id)} limit 1`;
}

/** One list row: the API's case summary (without its version) plus who sent and reported it. */
export interface CaseRow extends Omit<CaseSummary, 'version'> {
  senderName: string | null;
  senderAccountId: number | null;
  excerpt: string;
}

function encodeCursor(key: unknown, id: number): string {
  return Buffer.from(JSON.stringify([key, id]), 'utf8').toString('base64url');
}
function decodeCursor(s: string | undefined): [string | number | null, number] | null {
  if (!s) return null;
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && Number.isInteger(v[1]) && (typeof v[0] === 'string' || typeof v[0] === 'number' || v[0] === null)) {
      return v as [string | number | null, number];
    }
  } catch {
    /* a bad cursor starts from the first page */
  }
  return null;
}

/** A page of cases, the cursor of the next page (null at the end), the total and counts per status. */
export async function searchCases(db: Db, q: CaseSearch) {
  const order = ORDERS[q.sort];
  const where = filters(db, q, true);
  const cur = decodeCursor(q.cursor);
  if (cur) {
    const [k, id] = cur;
    const idCmp = order.dir === 'desc' ? lt(cases.id, id) : gt(cases.id, id);
    if (order.key === null) where.push(idCmp);
    else {
      const keyCmp = order.dir === 'desc' ? sql`${order.key} < ${k}` : sql`${order.key} > ${k}`;
      where.push(or(keyCmp, and(sql`${order.key} = ${k}`, idCmp))!);
    }
  }
  const dirFn = order.dir === 'desc' ? desc : asc;
  const rows = await db
    .select({
      c: cases,
      key: order.key ?? sql`null`,
      senderName: sql<string | null>`(${firstReport(qualified(reports.senderName))})`,
      senderAccountId: sql<number | null>`(${firstReport(qualified(reports.senderAccountId))})`,
      excerpt: sql<string>`(${firstReport(sql`substr(${qualified(reports.messageBody)}, 1, 120)`)})`,
    })
    .from(cases)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...(order.key ? [order.dir === 'desc' ? desc(order.key) : asc(order.key)] : []), dirFn(cases.id))
    .limit(q.limit + 1)
    .all();
  const pageRows = rows.slice(0, q.limit);
  const last = pageRows.at(-1);
  const base = filters(db, q, false);
  const byStatus = await db
    .select({ status: cases.status, n: count() })
    .from(cases)
    .where(base.length ? and(...base) : undefined)
    .groupBy(cases.status)
    .all();
  const counts = Object.fromEntries(CASE_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])) as Record<(typeof CASE_STATUSES)[number], number>;
  const total = q.status ? counts[q.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    rows: pageRows.map(
      (r): CaseRow => ({
        ref: formatCaseRef(r.c.id),
        status: r.c.status,
        resolution: r.c.resolution,
        severity: r.c.severity,
        score: r.c.score,
        reportCount: r.c.reportCount,
        firstReportAt: r.c.firstReportAt,
        lastReportAt: r.c.lastReportAt,
        senderName: r.senderName,
        senderAccountId: r.senderAccountId,
        excerpt: r.excerpt ?? '',
      }),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.key as string | number | null, last.c.id) : null,
    total,
    counts,
  };
}

/** Used by the export: cases whose reports fall in [from, to] (JST days). */
export async function caseIdsInRange(db: Db, from: string, to: string): Promise<number[]> {
  return (await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(gte(cases.lastReportAt, jstDayStart(from)), lt(cases.firstReportAt, nextDay(to))))
    .orderBy(asc(cases.id))
    .all())
    .map((r) => r.id);
}

