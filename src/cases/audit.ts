/**
 * The hash-chained audit trail. Every case event row holds `prev_hash` (the previous row's
 * hash, '' for the first) and `hash = sha256(prev_hash + canonicalJson(content))`. Editing,
 * deleting or reordering any row breaks the chain at that row; `verifyAuditChain` finds it.
 * Append only inside a write transaction (BEGIN IMMEDIATE), so two writers never fork the chain.
 */
import { createHash } from 'node:crypto';
import { asc, desc, sql } from 'drizzle-orm';
import type { Actor, CaseStatus, Resolution } from '../domain/case.ts';
import type { Db } from '../db/client.ts';
import { caseEvents } from '../db/schema/index.ts';
import { perDb } from '../db/memo.ts';
import { canonicalJson } from './canonical-json.ts';

/** What an event says; everything here is covered by the hash. */
export interface CaseEventInput {
  caseId: number;
  type: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  resolution: Resolution | null;
  actor: Actor;
  note: string | null;
  data: Record<string, unknown> | null;
  at: string;
}

const ph = (name: string) => sql.placeholder(name);
const stmts = perDb((db) => ({
  lastHash: db.select({ hash: caseEvents.hash }).from(caseEvents).orderBy(desc(caseEvents.id)).limit(1).prepare(),
  insert: db
    .insert(caseEvents)
    .values({
      caseId: ph('caseId'),
      type: ph('type'),
      fromStatus: ph('fromStatus'),
      toStatus: ph('toStatus'),
      resolution: ph('resolution'),
      actorPlatform: ph('actorPlatform'),
      actorUserId: ph('actorUserId'),
      actorName: ph('actorName'),
      actorEmail: ph('actorEmail'),
      actorIssuer: ph('actorIssuer'),
      note: ph('note'),
      data: ph('data'),
      at: ph('at'),
      prevHash: ph('prevHash'),
      hash: ph('hash'),
    })
    .returning({ id: caseEvents.id })
    .prepare(),
}));

function contentOf(row: {
  caseId: number;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  resolution: string | null;
  actorPlatform: string;
  actorUserId: string;
  actorName: string;
  actorEmail: string | null;
  actorIssuer: string | null;
  note: string | null;
  data: string | null;
  at: string;
}) {
  return {
    caseId: row.caseId,
    type: row.type,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    resolution: row.resolution,
    // An SSO identity is hashed with the row; rows without one hash exactly as before (canonicalJson drops undefined).
    actor: { platform: row.actorPlatform, userId: row.actorUserId, displayName: row.actorName, email: row.actorEmail ?? undefined, issuer: row.actorIssuer ?? undefined },
    note: row.note,
    data: row.data,
    at: row.at,
  };
}

/** sha256(prevHash + canonical JSON of the content), hex. */
export function eventHash(prevHash: string, content: ReturnType<typeof contentOf>): string {
  return createHash('sha256').update(prevHash + canonicalJson(content), 'utf8').digest('hex');
}

/** Appends one event to the chain; call inside the (IMMEDIATE) transaction that makes the change. */
export function appendCaseEvent(db: Db, e: CaseEventInput): { id: number; hash: string } {
  const s = stmts(db);
  const last = s.lastHash.get();
  const prevHash = last?.hash ?? '';
  const row = {
    caseId: e.caseId,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    resolution: e.resolution,
    actorPlatform: e.actor.platform,
    actorUserId: e.actor.userId,
    actorName: e.actor.displayName,
    actorEmail: e.actor.email ?? null,
    actorIssuer: e.actor.issuer ?? null,
    note: e.note,
    data: e.data ? canonicalJson(e.data) : null,
    at: e.at,
  };
  const hash = eventHash(prevHash, contentOf(row));
  const inserted = s.insert.get({ ...row, prevHash, hash })!;
  return { id: inserted.id, hash };
}

/** Result of `verifyAuditChain`: the first broken row, if any. */
export type AuditVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenId: number; reason: string };

/** Recomputes the whole chain in id order and names the first row that does not match. */
export function verifyAuditChain(db: Db): AuditVerdict {
  let prev = '';
  let rows = 0;
  for (const row of db.select().from(caseEvents).orderBy(asc(caseEvents.id)).all()) {
    rows += 1;
    if (row.prevHash !== prev) {
      return { ok: false, rows, brokenId: row.id, reason: 'prev_hash does not match the previous row (a row was removed, inserted or edited)' };
    }
    const expected = eventHash(prev, contentOf(row));
    if (row.hash !== expected) return { ok: false, rows, brokenId: row.id, reason: 'content does not match its hash (the row was edited)' };
    prev = row.hash;
  }
  return { ok: true, rows };
}
