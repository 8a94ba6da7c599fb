/**
 * Reading cases: the filtered, keyset-paginated list and the full case page (a page of reports
 * with their signals and observables, events, deliveries, linked cases).
 */
import { and, asc, desc, eq, exists, gt, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { CASE_STATUSES } from '../domain/case.ts';
import { VERDICTS, type Signal } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';
import { qualified } from '../db/qualified.ts';
import { extractObservables } from '../detection/observables.ts';
import { prepareText } from '../detection/text.ts';
import { caseEvents, cases, chatPosts, deliveries, observables, reports, signals } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { linkedCases } from '../delivery/card.ts';
import { formatCaseRef } from '../domain/ref.ts';

/** Query-string filters of `GET /api/cases`. `cursor` is the `nextCursor` of the previous page. */
export const caseListQuerySchema = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  severity: z.enum(VERDICTS).optional(),
  /** ISO time; cases whose last report is at or after it. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Text contained in a report's message. */
  q: z.string().min(1).max(500).optional(),
  /** An observable value (canonical or as displayed). */
  observable: z.string().min(1).max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** One line of the case list. */
export interface CaseSummary {
  ref: string;
  status: string;
  resolution: string | null;
  severity: string;
  score: number;
  reportCount: number;
  firstReportAt: string;
  lastReportAt: string;
  version: number;
}

const iso = (s: string) => new Date(s).toISOString();
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * Case-list condition: the case has an observable matching what a person typed (shared by the
 * API's list and the console's search). The query goes through the same extraction as messages,
 * so 「楽天銀行 第一営業支店 普通 7012345」, 「045-600-7788」 or 「０４５（６００）７７８８」 find the
 * canonical value; an account written without its bank, or a bare number, matches by the number
 * alone (bank accounts, phones by their last digits, Chatwork account ids). The stored canonical or
 * displayed form still matches exactly.
 */
export function hasObservable(db: Db, value: string): SQL {
  const o = sql`${qualified(observables.caseId)} = ${qualified(cases.id)}`;
  const matches: SQL[] = [eq(observables.value, value), eq(observables.display, value)];
  for (const x of extractObservables(prepareText(value.slice(0, 500)))) {
    matches.push(and(eq(observables.kind, x.kind), eq(observables.value, x.value))!);
    const number = x.kind === 'bank_account' ? x.value.split('|').at(-1) : undefined;
    if (number) matches.push(bankNumberIs(number));
  }
  const digits = value.normalize('NFKC').replace(/[\s\-‐－ー()（）]/g, '');
  if (/^\d{4,17}$/.test(digits)) {
    matches.push(bankNumberIs(digits));
    matches.push(and(eq(observables.kind, 'phone'), sql`substr(${qualified(observables.value)}, -${digits.replace(/^0/, '').length}) = ${digits.replace(/^0/, '')}`)!);
    matches.push(and(eq(observables.kind, 'chatwork_account'), eq(observables.value, digits))!);
  }
  return exists(db.select({ one: sql`1` }).from(observables).where(and(o, or(...matches))));
}

/** A bank-account observable whose account number (the last part of its canonical value) is `number`. */
const bankNumberIs = (number: string): SQL =>
  and(eq(observables.kind, 'bank_account'), sql`substr(${qualified(observables.value)}, -${number.length + 1}) = ${`|${number}`}`)!;

/** Newest case first (by id), `limit` at a time; `nextCursor` is null on the last page. */
export async function listCases(db: Db, q: CaseListQuery): Promise<{ cases: CaseSummary[]; nextCursor: number | null }> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(cases.status, q.status));
  if (q.severity) where.push(eq(cases.severity, q.severity));
  if (q.from) where.push(gte(cases.lastReportAt, iso(q.from)));
  if (q.to) where.push(lte(cases.lastReportAt, iso(q.to)));
  if (q.cursor) where.push(lt(cases.id, q.cursor));
  if (q.q) {
    where.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(reports)
          .where(and(sql`${qualified(reports.caseId)} = ${qualified(cases.id)}`, sql`${reports.messageBody} LIKE ${`%${likeEscape(q.q)}%`} ESCAPE '\\'`)),
      ),
    );
  }
  if (q.observable) where.push(hasObservable(db, q.observable));
  const rows = await db
    .select()
    .from(cases)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(cases.id))
    .limit(q.limit + 1)
    .all();
  const page = rows.slice(0, q.limit);
  return {
    cases: page.map((c) => ({ ...caseHeadline(c), version: c.version })),
    nextCursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

/** The fields every view of a case starts with, in the order the API answers them. */
function caseHeadline(c: typeof cases.$inferSelect) {
  return {
    ref: formatCaseRef(c.id),
    status: c.status,
    resolution: c.resolution,
    severity: c.severity,
    score: c.score,
    reportCount: c.reportCount,
    firstReportAt: c.firstReportAt,
    lastReportAt: c.lastReportAt,
  };
}

/** The tables whose rows hang off one case (`case_id`), numbered in the order they were written. */
type CaseChildTable = typeof caseEvents | typeof deliveries;

/** The rows of `table` that belong to case `caseId`, oldest first. */
async function rowsOfCase<T extends CaseChildTable>(db: Db, table: T, caseId: number) {
  return await db.select().from(table).where(eq(table.caseId, caseId)).orderBy(asc(table.id)).all();
}

/**
 * Which reports of a case to show, oldest first: `reportsLimit` of them after report id
 * `reportsCursor` (the `nextReportsCursor` of the previous page). A case's reports are many only
 * when it is big, and each holds up to 64 KB of message, so they come a page at a time.
 */
export const caseDetailQuerySchema = z.object({
  reportsLimit: z.coerce.number().int().min(1).max(100).default(20),
  reportsCursor: z.coerce.number().int().min(1).optional(),
});
export type CaseDetailQuery = z.input<typeof caseDetailQuerySchema>;

/**
 * Everything about one case, for `GET /api/cases/:ref` and the console: one page of reports with
 * the signals and observables of those reports, and the case's events, deliveries, posts and
 * linked cases.
 */
export async function getCaseDetail(db: Db, caseId: number, query: CaseDetailQuery = {}) {
  const page = caseDetailQuerySchema.parse(query);
  const c = await db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!c) throw new AppError('not_found', `No case ${formatCaseRef(caseId)}`);
  const rows = await db
    .select()
    .from(reports)
    .where(and(eq(reports.caseId, caseId), page.reportsCursor ? gt(reports.id, page.reportsCursor) : undefined))
    .orderBy(asc(reports.id))
    .limit(page.reportsLimit + 1)
    .all();
  const reportRows = rows.slice(0, page.reportsLimit);
  const ids = reportRows.map((r) => r.id);
  const signalRows = ids.length ? (await db.select().from(signals).where(inArray(signals.reportId, ids)).orderBy(asc(signals.id)).all()) : [];
  // By case first: observables have no index on report_id, and a page is a small part of its case.
  const obsRows = ids.length
    ? (await db.select().from(observables).where(and(eq(observables.caseId, caseId), inArray(observables.reportId, ids))).orderBy(asc(observables.id)).all())
    : [];
  return {
    ...caseHeadline(c),
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
    version: c.version,
    /** How many of the case's reports come before this page (0 on the first). */
    reportsSkipped: page.reportsCursor
      ? ((await db.get<{ n: number }>(sql`select count(*) as n from reports where case_id = ${caseId} and id <= ${page.reportsCursor}`))?.n ?? 0)
      : 0,
    /** Pass as `reportsCursor` for the next page of reports; null on the last page. */
    nextReportsCursor: rows.length > page.reportsLimit ? (ids.at(-1) ?? null) : null,
    reports: reportRows.map((r) => ({
      id: r.id,
      source: r.source,
      externalId: r.externalId,
      receivedAt: r.receivedAt,
      verdict: r.verdict,
      score: r.score,
      summary: JSON.parse(r.summary),
      identity: r.identity ? JSON.parse(r.identity) : null,
      origin: r.origin ? JSON.parse(r.origin) : null,
      report: JSON.parse(r.payload),
    })),
    signals: signalRows.map((s) => ({ reportId: s.reportId, ...(JSON.parse(s.data) as Signal) })),
    observables: obsRows.map((o) => ({
      reportId: o.reportId,
      kind: o.kind,
      value: o.value,
      display: o.display,
      inLedger: o.inLedger,
      details: o.details ? JSON.parse(o.details) : null,
    })),
    events: (await rowsOfCase(db, caseEvents, caseId)).map((e) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      resolution: e.resolution,
      actor: { platform: e.actorPlatform, userId: e.actorUserId, displayName: e.actorName, ...(e.actorIssuer ? { email: e.actorEmail, issuer: e.actorIssuer } : {}) },
      note: e.note,
      at: e.at,
      hash: e.hash,
    })),
    deliveries: (await rowsOfCase(db, deliveries, caseId)).map((d) => ({
      id: d.id,
      platform: d.platform,
      kind: d.kind,
      target: d.target,
      status: d.status,
      attempts: d.attempts,
      nextAttemptAt: new Date(d.nextAttemptAt).toISOString(),
      lastError: d.lastError,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    })),
    posts: (await db
      .select()
      .from(chatPosts)
      .where(eq(chatPosts.caseId, caseId))
      .all())
      .map((p) => ({ platform: p.platform, target: p.target, channel: p.channel, messageId: p.messageId })),
    linkedCases: await linkedCases(db, caseId),
  };
}


/**
 * Every report of a case, a page at a time, in one detail: for the export (a bank or the police
 * get the whole case, whatever its size; the export is an admin's deliberate act, not a page view).
 */
export async function getWholeCase(db: Db, caseId: number) {
  const first = await getCaseDetail(db, caseId, { reportsLimit: 100 });
  let cursor = first.nextReportsCursor;
  while (cursor !== null) {
    const next = await getCaseDetail(db, caseId, { reportsLimit: 100, reportsCursor: cursor });
    first.reports.push(...next.reports);
    first.signals.push(...next.signals);
    first.observables.push(...next.observables);
    cursor = next.nextReportsCursor;
  }
  return { ...first, nextReportsCursor: null };
}
