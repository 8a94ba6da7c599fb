/**
 * Case export for a bank or the police: every case touching [from, to] (Japan days) with its
 * reports, signals, observables and audit events (with hashes), plus the result of verifying the
 * whole keyed audit chain against its signed head at export time. The head (event count and last
 * hash) is printed: whoever keeps an export can later check that a copy of the database still
 * contains that head's events (a rollback to an older copy would not).
 */
import type { AuditTrail, AuditVerdict } from '../../audit/audit.ts';
import { getWholeCase } from '../../cases/queries.ts';
import type { Db } from '../../db/client.ts';
import { caseIdsInRange } from './case-search.ts';
import { toCsv } from '../../csv.ts';

/** The export document. */
export async function exportCases({ db, audit }: { db: Db; audit: AuditTrail }, p: { from: string; to: string; now: Date; by: string }) {
  const auditChain: AuditVerdict = await audit.verify();
  const cases: Awaited<ReturnType<typeof getWholeCase>>[] = [];
  for (const id of await caseIdsInRange(db, p.from, p.to)) cases.push(await getWholeCase(db, id));
  return { generatedAt: p.now.toISOString(), generatedBy: p.by, range: { from: p.from, to: p.to, timeZone: 'Asia/Tokyo' }, auditChain, cases };
}

/** CSV: one row per case; every row repeats the audit chain result so a single row still proves it. */
export function exportCasesCsv(doc: Awaited<ReturnType<typeof exportCases>>): string {
  const a = doc.auditChain;
  const chain = a.ok
    ? `ok (${a.rows} events)${a.head ? ` signed head: ${a.head.events} events, last ${a.head.lastHash}` : ''}`
    : `BROKEN at ${a.brokenId === null ? 'the signed head' : `case_events ${a.brokenId}`}: ${a.reason}`;
  const rows: unknown[][] = [
    ['ref', 'status', 'resolution', 'severity', 'score', 'report_count', 'opened_at', 'first_report_at', 'last_report_at', 'senders', 'first_message', 'observables', 'events', 'last_event_hash', 'audit_chain', 'exported_at'],
  ];
  for (const c of doc.cases) {
    const senders = [...new Set(c.reports.map((r) => {
      const s = (r.report as { message: { sender?: { name?: string | null; accountId?: number | null } | null } }).message.sender;
      return `${s?.name ?? '?'}${s?.accountId != null ? ` (${s.accountId})` : ''}`;
    }))].join('; ');
    const first = (c.reports[0]?.report as { message: { body: string } } | undefined)?.message.body ?? '';
    rows.push([
      c.ref,
      c.status,
      c.resolution,
      c.severity,
      c.score,
      c.reportCount,
      c.openedAt,
      c.firstReportAt,
      c.lastReportAt,
      senders,
      first,
      c.observables.map((o) => `${o.kind}:${o.display}${o.inLedger === false ? ' (not in ledger)' : ''}`).join('; '),
      c.events.map((e) => `${e.at} ${e.type} ${e.fromStatus ?? '-'}→${e.toStatus} by ${e.actor.displayName}${e.actor.issuer ? ` <${e.actor.email ?? '-'}> (SSO ${e.actor.issuer})` : ''} via ${e.actor.platform}${e.note ? ` (${e.note})` : ''}`).join('\n'),
      c.events.at(-1)?.hash ?? '',
      chain,
      doc.generatedAt,
    ]);
  }
  return toCsv(rows);
}
