/**
 * Retention (RETENTION_DAYS): once a case has been resolved for N days, the suspicious messages of
 * its reports are no longer needed in clear. Each report's body and note (and the body's copy in
 * the stored payload, and the raw Chatwork event it came from) are replaced by a marker holding
 * their SHA-256, so anyone who kept the original can still prove it is the one reported.
 *
 * Fragments of the text go too: each signal loses its evidence (quoted pieces of the message) and
 * its detail (names, accounts as written), keeping the rule, category, title and explanation; each
 * observable's display (the bank account, phone or link as written) becomes its canonical value,
 * and its details (holder name, branch …) are dropped. Kept on purpose: the canonical values
 * themselves (what later reports are grouped and linked by), the sender's name and account id,
 * the reporter, and the audit chain, to which one `retention_purged` event per case is appended.
 *
 * Gone from the file, not just from the rows: the connection runs with `secure_delete` on (freed
 * space is zeroed, src/db/client.ts), and every run ends with a TRUNCATE checkpoint, which copies
 * the WAL into the database and empties it (the WAL still held the pages as first written).
 *
 * A body that already is a marker is never purged again. (A fraudster who sends exactly a marker
 * keeps it in clear; it holds nothing but a hash.)
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import type { AuditTrail } from '../audit/audit.ts';

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
  /** Signal rows whose evidence and detail were dropped. */
  signals: number;
  /** Observable rows whose display and details were replaced. */
  observables: number;
  /**
   * The WAL after the closing checkpoint: 'truncated' (emptied), 'busy' (another connection held
   * it: the old pages stay until a later checkpoint), or null when the run did nothing (days 0).
   */
  wal: 'truncated' | 'busy' | null;
}

interface ReportRow {
  id: number;
  message_body: string;
  note: string | null;
  payload: string;
  origin: string | null;
}

/** Purges the bodies of every case resolved before `now - days`. `days` 0 does nothing. */
export async function purgeResolvedBodies({ db, audit }: { db: Db; audit: AuditTrail }, p: { now: Date; days: number }): Promise<PurgeResult> {
  const total: PurgeResult = { cases: 0, reports: 0, inboundEvents: 0, signals: 0, observables: 0, wal: null };
  if (p.days <= 0) return total;
  const cutoff = new Date(p.now.getTime() - p.days * DAY_MS).toISOString();
  const at = p.now.toISOString();
  const dueCases = async (afterId: number) =>
    await db.all<{ id: number }>(sql`select c.id from cases c
      where c.status = 'resolved' and c.updated_at < ${cutoff} and c.id > ${afterId}
        and exists (select 1 from reports r where r.case_id = c.id and r.message_body not like '[purged sha256:%')
      order by c.id limit ${BATCH}`);
  const reportsOf = async (caseId: number) => await db.all<ReportRow>(sql`select id, message_body, note, payload, origin from reports where case_id = ${caseId}`);
  const updateReport = async (r: ReportRow) =>
    await db.run(sql`update reports set message_body = ${purgedMarker(r.message_body)}, note = ${r.note === null ? null : purgedMarker(r.note)},
      payload = ${purgedPayload(r.payload)} where id = ${r.id}`);

  let after = 0;
  for (;;) {
    const ids = (await dueCases(after)).map((r) => r.id);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    await db.transaction(
      async () => {
        for (const caseId of ids) {
          // Checked again inside the write transaction: the case may have been reopened meanwhile.
          if (!(await db.get(sql`select 1 from cases where id = ${caseId} and status = 'resolved' and updated_at < ${cutoff}`))) continue;
          let purged = 0;
          for (const r of await reportsOf(caseId)) {
            if (isPurged(r.message_body)) continue;
            await updateReport(r);
            purged += 1;
            total.inboundEvents += await purgeChatworkEvent(db, r.origin);
            total.signals += await purgeSignals(db, r.id);
            total.observables += (await db.run(sql`update observables set display = value, details = null where report_id = ${r.id}`)).changes;
          }
          if (purged === 0) continue;
          await audit.append({
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
  total.wal = await truncateWal(db);
  return total;
}

/**
 * Copies the WAL into the database file and empties it. Run after every purge (and at every
 * daily run, so a checkpoint that found the WAL busy is retried).
 */
export async function truncateWal(db: Db): Promise<'truncated' | 'busy'> {
  const [row] = await db.all<{ busy: number }>(sql`pragma wal_checkpoint(TRUNCATE)`);
  return row && row.busy === 0 ? 'truncated' : 'busy';
}

/** Drops the evidence and detail of every signal of report `reportId`; returns how many rows changed. */
async function purgeSignals(db: Db, reportId: number): Promise<number> {
  let n = 0;
  for (const row of await db.all<{ id: number; data: string }>(sql`select id, data from signals where report_id = ${reportId}`)) {
    let data: string;
    try {
      const { detail: _detail, ...signal } = JSON.parse(row.data) as Record<string, unknown>;
      data = JSON.stringify({ ...signal, evidence: [] });
    } catch {
      data = JSON.stringify({ evidence: [] });
    }
    n += (await db.run(sql`update signals set data = ${data} where id = ${row.id}`)).changes;
  }
  return n;
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
async function purgeChatworkEvent(db: Db, origin: string | null): Promise<number> {
  if (!origin) return 0;
  let o: { platform?: string; roomId?: string; messageId?: string };
  try {
    o = JSON.parse(origin) as typeof o;
  } catch {
    return 0;
  }
  if (o.platform !== 'chatwork' || !o.roomId || !o.messageId) return 0;
  const key = `${o.roomId}:${o.messageId}`;
  const rows = await db.all<{ id: number; raw_body: string }>(
    sql`select id, raw_body from inbound_events where platform = 'chatwork' and (event_key = ${key} or substr(event_key, 1, ${key.length + 1}) = ${`${key}@`})`,
  );
  let n = 0;
  for (const row of rows) {
    if (row.raw_body.startsWith('{"purged":')) continue;
    const marker = JSON.stringify({ purged: `sha256:${createHash('sha256').update(row.raw_body, 'utf8').digest('hex')}` });
    n += (await db.run(sql`update inbound_events set raw_body = ${marker} where id = ${row.id}`)).changes;
  }
  return n;
}
