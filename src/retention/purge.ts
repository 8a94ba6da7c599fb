/**
 * Retention (RETENTION_DAYS): once a case has been resolved for N days, the suspicious messages of
 * its reports are no longer needed in clear. Each report's body and note (and the body's copy in
 * the stored payload, and the raw Chatwork event it came from) are replaced by a marker holding
 * their SHA-256, so anyone who kept the original can still prove it is the one reported. Signals,
 * observables (bank accounts, phones, links: what grouping matches on) and the audit chain stay;
 * one `retention_purged` event per case is appended to the chain, which therefore still verifies.
 *
 * A body that already is a marker is never purged again. (A fraudster who sends exactly a marker
 * keeps it in clear; it holds nothing but a hash.)
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { appendCaseEvent } from '../cases/audit.ts';

const MARKER = /^\[purged sha256:[0-9a-f]{64}\]$/;
const DAY_MS = 86_400_000;
/** Cases per transaction, so a large first purge never holds the write lock for long. */
const BATCH = 100;

/**
 * The marker that replaces a purged text.
 * @example purgedMarker('至急') // '[purged sha256:…64 hex…]'
 */
export function purgedMarker(text: string): string {
  return `[purged sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}]`;
}

/** True for a text that is a purge marker. */
export function isPurged(text: string): boolean {
  return MARKER.test(text);
}

/** What a run did. */
export interface PurgeResult {
  cases: number;
  reports: number;
  inboundEvents: number;
}

interface ReportRow {
  id: number;
  message_body: string;
  note: string | null;
  payload: string;
  origin: string | null;
}

/** Purges the bodies of every case resolved before `now - days`. `days` 0 does nothing. */
export function purgeResolvedBodies(db: Db, p: { now: Date; days: number }): PurgeResult {
  const total: PurgeResult = { cases: 0, reports: 0, inboundEvents: 0 };
  if (p.days <= 0) return total;
  const cutoff = new Date(p.now.getTime() - p.days * DAY_MS).toISOString();
  const at = p.now.toISOString();
  const dueCases = (afterId: number) =>
    db.all<{ id: number }>(sql`select c.id from cases c
      where c.status = 'resolved' and c.updated_at < ${cutoff} and c.id > ${afterId}
        and exists (select 1 from reports r where r.case_id = c.id and r.message_body not like '[purged sha256:%')
      order by c.id limit ${BATCH}`);
  const reportsOf = (caseId: number) => db.all<ReportRow>(sql`select id, message_body, note, payload, origin from reports where case_id = ${caseId}`);
  const updateReport = (r: ReportRow) =>
    db.run(sql`update reports set message_body = ${purgedMarker(r.message_body)}, note = ${r.note === null ? null : purgedMarker(r.note)},
      payload = ${purgedPayload(r.payload)} where id = ${r.id}`);

  let after = 0;
  for (;;) {
    const ids = dueCases(after).map((r) => r.id);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    db.transaction(
      () => {
        for (const caseId of ids) {
          // Checked again inside the write transaction: the case may have been reopened meanwhile.
          if (!db.get(sql`select 1 from cases where id = ${caseId} and status = 'resolved' and updated_at < ${cutoff}`)) continue;
          let purged = 0;
          for (const r of reportsOf(caseId)) {
            if (isPurged(r.message_body)) continue;
            updateReport(r);
            purged += 1;
            total.inboundEvents += purgeChatworkEvent(db, r.origin);
          }
          if (purged === 0) continue;
          appendCaseEvent(db, {
            caseId,
            type: 'retention_purged',
            fromStatus: 'resolved',
            toStatus: 'resolved',
            resolution: null,
            actor: { platform: 'system', userId: 'retention', displayName: 'kakunin retention' },
            note: null,
            data: { reports: purged, retentionDays: p.days },
            at,
          });
          total.cases += 1;
          total.reports += purged;
        }
      },
      { behavior: 'immediate' },
    );
  }
  return total;
}

/** The stored `report` object with its body and note replaced by markers. */
function purgedPayload(payload: string): string {
  try {
    const report = JSON.parse(payload) as { message?: { body?: unknown }; note?: unknown };
    if (report.message && typeof report.message.body === 'string') report.message.body = purgedMarker(report.message.body);
    if (typeof report.note === 'string') report.note = purgedMarker(report.note);
    return JSON.stringify(report);
  } catch {
    return purgedMarker(payload);
  }
}

/** Replaces the raw Chatwork webhook body a report came from (its edits too) by a hash marker. */
function purgeChatworkEvent(db: Db, origin: string | null): number {
  if (!origin) return 0;
  let o: { platform?: string; roomId?: string; messageId?: string };
  try {
    o = JSON.parse(origin) as typeof o;
  } catch {
    return 0;
  }
  if (o.platform !== 'chatwork' || !o.roomId || !o.messageId) return 0;
  const key = `${o.roomId}:${o.messageId}`;
  const rows = db.all<{ id: number; raw_body: string }>(
    sql`select id, raw_body from inbound_events where platform = 'chatwork' and (event_key = ${key} or substr(event_key, 1, ${key.length + 1}) = ${`${key}@`})`,
  );
  let n = 0;
  for (const row of rows) {
    if (row.raw_body.startsWith('{"purged":')) continue;
    const marker = JSON.stringify({ purged: `sha256:${createHash('sha256').update(row.raw_body, 'utf8').digest('hex')}` });
    n += db.run(sql`update inbound_events set raw_body = ${marker} where id = ${row.id}`).changes;
  }
  return n;
}
