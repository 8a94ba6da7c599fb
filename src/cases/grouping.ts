/**
 * Grouping: a new report joins an open (not resolved) case that, within the window, has a report
 * from the same sender account id, or shares a bank account, phone, URL or LINE id. A report
 * without a sender id never groups by sender. Values the ledger knows (a registered partner
 * account, the company's own phone) do not group: two routine invoices naming the registered
 * account are not one scheme.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Observable, ObservableKind } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';

/** Observable kinds that make two reports one case. */
export const GROUPING_KINDS: readonly ObservableKind[] = ['bank_account', 'phone', 'url', 'line_id'];

/**
 * Ids of the cases with a row matching `where` in `table` (whose index is `where`'s columns, then
 * case_id), newest first, found by a loose index scan: one index seek per case. A bank account
 * reported 5,000 times across 3 cases costs 3 seeks instead of 5,000 rows, so intake does not
 * slow down as a campaign is reported again and again. Use as the `c(id)` CTE of a query.
 */
export function casesWhere(table: 'observables' | 'reports', where: SQL): SQL {
  const t = sql.raw(table);
  return sql`with recursive c(id) as (
      select (select case_id from ${t} where ${where} order by case_id desc limit 1)
      union all
      select (select case_id from ${t} where ${where} and case_id < c.id order by case_id desc limit 1) from c where c.id is not null)`;
}

/** Observable rows of `kind`/`value` not known to the ledger (registered accounts and phones never link cases). */
export const observableOutsideLedger = (kind: ObservableKind, value: string): SQL =>
  sql`kind = ${kind} and value = ${value} and coalesce(in_ledger, 0) = 0`;

/** The most recently active open case (within the window) among `c`. */
async function latestOpen(db: Db, cases: SQL, since: string): Promise<{ id: number; lastReportAt: string } | undefined> {
  return await db.get<{ id: number; lastReportAt: string }>(
    sql`${cases} select cases.id as id, cases.last_report_at as lastReportAt from c join cases on cases.id = c.id
        where cases.status <> 'resolved' and cases.last_report_at >= ${since}
        order by cases.last_report_at desc limit 1`,
  );
}

/** The open case this report belongs to, or null to open a new one. Most recently active wins. */
export async function findGroupCase(
  db: Db,
  p: { senderAccountId: number | null; observables: (Observable & { inLedger: boolean | null })[]; since: string },
): Promise<number | null> {
  const candidates: { id: number; lastReportAt: string }[] = [];
  if (p.senderAccountId !== null) {
    const row = await latestOpen(db, casesWhere('reports', sql`sender_account_id = ${p.senderAccountId}`), p.since);
    if (row) candidates.push(row);
  }
  for (const o of p.observables) {
    if (!GROUPING_KINDS.includes(o.kind) || o.inLedger === true) continue;
    const row = await latestOpen(db, casesWhere('observables', observableOutsideLedger(o.kind, o.value)), p.since);
    if (row) candidates.push(row);
  }
  candidates.sort((a, b) => b.lastReportAt.localeCompare(a.lastReportAt));
  return candidates[0]?.id ?? null;
}
