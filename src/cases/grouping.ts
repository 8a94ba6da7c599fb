/**
 * Grouping: a new report joins an open (not resolved) case that, within the window, has a report
 * from the same sender account id, or shares a bank account, phone, URL or LINE id. A report
 * without a sender id never groups by sender. Values the ledger knows (a registered partner
 * account, the company's own phone) do not group: two routine invoices naming the registered
 * account are not one scheme.
 */
import { and, desc, eq, gte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Observable, ObservableKind } from '../detection/types.ts';
import type { Db } from '../db/client.ts';
import { cases, observables, reports } from '../db/schema/index.ts';

/** Observable kinds that make two reports one case. */
export const GROUPING_KINDS: readonly ObservableKind[] = ['bank_account', 'phone', 'url', 'line_id'];

type Tx = Pick<Db, 'select'>;

/** The open case this report belongs to, or null to open a new one. Most recently active wins. */
export function findGroupCase(
  tx: Tx,
  p: { senderAccountId: number | null; observables: (Observable & { inLedger: boolean | null })[]; since: string },
): number | null {
  const candidates: { id: number; lastReportAt: string }[] = [];
  const open = and(ne(cases.status, 'resolved'), gte(cases.lastReportAt, p.since));
  if (p.senderAccountId !== null) {
    const row = tx
      .select({ id: cases.id, lastReportAt: cases.lastReportAt })
      .from(reports)
      .innerJoin(cases, eq(cases.id, reports.caseId))
      .where(and(eq(reports.senderAccountId, p.senderAccountId), open))
      .orderBy(desc(cases.lastReportAt))
      .limit(1)
      .get();
    if (row) candidates.push(row);
  }
  const keys = p.observables.filter((o) => GROUPING_KINDS.includes(o.kind) && o.inLedger !== true);
  if (keys.length > 0) {
    const match: SQL[] = keys.map((o) => and(eq(observables.kind, o.kind), eq(observables.value, o.value)) as SQL);
    const row = tx
      .select({ id: cases.id, lastReportAt: cases.lastReportAt })
      .from(observables)
      .innerJoin(cases, eq(cases.id, observables.caseId))
      .where(and(or(...match), open, sql`coalesce(${observables.inLedger}, 0) = 0`))
      .orderBy(desc(cases.lastReportAt))
      .limit(1)
      .get();
    if (row) candidates.push(row);
  }
  candidates.sort((a, b) => b.lastReportAt.localeCompare(a.lastReportAt));
  return candidates[0]?.id ?? null;
}
