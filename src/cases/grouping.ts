/**
 * Grouping: a new report joins an open (not resolved) case that, within the window, has a report
 * from the same sender account id, or shares a bank account, phone, URL or LINE id. A report
 * without a sender id never groups by sender. Values the ledger knows (a registered partner
 * account, the company's own phone) do not group: two routine invoices naming the registered
 * account are not one scheme.
 */
import { and, desc, eq, gte, ne, sql } from 'drizzle-orm';
import { perDb } from '../db/memo.ts';
import type { Observable, ObservableKind } from '../detection/types.ts';
import type { Db } from '../db/client.ts';
import { cases, observables, reports } from '../db/schema/index.ts';

/** Observable kinds that make two reports one case. */
export const GROUPING_KINDS: readonly ObservableKind[] = ['bank_account', 'phone', 'url', 'line_id'];

const ph = (name: string) => sql.placeholder(name);
const open = and(ne(cases.status, 'resolved'), gte(cases.lastReportAt, ph('since')));
const stmts = perDb((db) => ({
  bySender: db
    .select({ id: cases.id, lastReportAt: cases.lastReportAt })
    .from(reports)
    .innerJoin(cases, eq(cases.id, reports.caseId))
    .where(and(eq(reports.senderAccountId, ph('sender')), open))
    .orderBy(desc(cases.lastReportAt))
    .limit(1)
    .prepare(),
  byObservable: db
    .select({ id: cases.id, lastReportAt: cases.lastReportAt })
    .from(observables)
    .innerJoin(cases, eq(cases.id, observables.caseId))
    .where(and(eq(observables.kind, ph('kind')), eq(observables.value, ph('value')), open, sql`coalesce(${observables.inLedger}, 0) = 0`))
    .orderBy(desc(cases.lastReportAt))
    .limit(1)
    .prepare(),
}));

/** The open case this report belongs to, or null to open a new one. Most recently active wins. */
export function findGroupCase(
  db: Db,
  p: { senderAccountId: number | null; observables: (Observable & { inLedger: boolean | null })[]; since: string },
): number | null {
  const s = stmts(db);
  const candidates: { id: number; lastReportAt: string }[] = [];
  if (p.senderAccountId !== null) {
    const row = s.bySender.get({ sender: p.senderAccountId, since: p.since });
    if (row) candidates.push(row);
  }
  for (const o of p.observables) {
    if (!GROUPING_KINDS.includes(o.kind) || o.inLedger === true) continue;
    const row = s.byObservable.get({ kind: o.kind, value: o.value, since: p.since });
    if (row) candidates.push(row);
  }
  candidates.sort((a, b) => b.lastReportAt.localeCompare(a.lastReportAt));
  return candidates[0]?.id ?? null;
}
