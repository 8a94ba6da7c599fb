/**
 * The audit trail: one chain over every case event, keyed with kakunin's secret key.
 *
 * Each `case_events` row holds `prev_hash` (the previous row's hash, '' for the first) and
 * `hash = HMAC-SHA256(auditKey, prev_hash + canonicalJson(content))`. The signed head (table
 * `audit_head`) holds the number of events and the last hash under an HMAC too. Without the key,
 * editing a row and recomputing every hash, or deleting the last events (and the head's count
 * with them), no longer verifies; the key lives outside the database (src/secret-key.ts).
 *
 * Databases from before keyed chains hold plain `sha256(prev_hash + content)` rows. The first
 * start with a key anchors them (`keyAuditChain`): the old rows are verified and kept byte for
 * byte (hashes already given out in exports stay valid), the head records how many there were and
 * their last hash, and one `audit_keyed` event is appended to every case that has old events. Its
 * HMAC covers the old chain's last hash, so the old rows can no longer be rewritten either.
 *
 * Append only inside a write transaction (BEGIN IMMEDIATE), so two writers never fork the chain.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Actor, CaseStatus, Resolution } from '../domain/case.ts';
import type { Db } from '../db/client.ts';
import { auditHead, caseEvents, cases } from '../db/schema/index.ts';
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

/** The signed head as verified: what an export prints so a later copy can be compared with it. */
export interface AuditHeadView {
  events: number;
  lastHash: string;
  keyedAt: string;
  legacyEvents: number;
}

/** Result of `verify`: the first broken row (null when the damage is at the head or the end). */
export type AuditVerdict =
  | { ok: true; rows: number; head: AuditHeadView | null }
  | { ok: false; rows: number; brokenId: number | null; reason: string };

/** The chain over one database handle, under one key. */
export interface AuditTrail {
  /** Appends one event; call inside the (IMMEDIATE) transaction that makes the change. */
  append(e: CaseEventInput): Promise<{ id: number; hash: string }>;
  /** Recomputes the whole chain in id order and checks it against the signed head. */
  verify(): Promise<AuditVerdict>;
}

/** A start that must not go on: the head is not signed by this key, or an old chain is broken. */
export class AuditChainError extends Error {
  override readonly name = 'AuditChainError';
}

type HeadRow = typeof auditHead.$inferSelect;
type EventRow = typeof caseEvents.$inferSelect;

const ph = (name: string) => sql.placeholder(name);
const stmts = perDb((db) => ({
  head: db.select().from(auditHead).where(eq(auditHead.id, 1)).prepare(),
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
  moveHead: db
    .update(auditHead)
    .set({ events: sql`${auditHead.events} + 1`, lastHash: sql`${ph('lastHash')}`, mac: sql`${ph('mac')}` })
    .where(eq(auditHead.id, 1))
    .prepare(),
}));

function contentOf(row: Omit<EventRow, 'id' | 'prevHash' | 'hash'>) {
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

/** The hash of an event written before keyed chains: sha256(prevHash + canonical JSON), hex. */
export function legacyEventHash(prevHash: string, content: ReturnType<typeof contentOf>): string {
  return createHash('sha256').update(prevHash + canonicalJson(content), 'utf8').digest('hex');
}

/** HMAC-SHA256(key, prevHash + canonical JSON of the content), hex. */
export function eventHash(key: Buffer, prevHash: string, content: ReturnType<typeof contentOf>): string {
  return createHmac('sha256', key).update(prevHash + canonicalJson(content), 'utf8').digest('hex');
}

/** The MAC of the head's fields. */
function headMac(key: Buffer, h: Omit<HeadRow, 'id' | 'mac'>): string {
  const fields = { events: h.events, lastHash: h.lastHash, keyedAt: h.keyedAt, legacyEvents: h.legacyEvents, legacyLastHash: h.legacyLastHash };
  return createHmac('sha256', key).update(`kakunin audit head v1\n${canonicalJson(fields)}`, 'utf8').digest('hex');
}

const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** True when the head row is signed by `key`. */
function headSigned(key: Buffer, h: HeadRow): boolean {
  return sameHex(h.mac, headMac(key, h));
}

function eventRow(e: CaseEventInput) {
  return {
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
}

/** The audit chain of `db` under `key` (the 'audit-chain' subkey of kakunin's secret key). */
export function createAuditTrail(db: Db, key: Buffer): AuditTrail {
  return {
    async append(e) {
      const s = stmts(db);
      const head = await s.head.get();
      // A signed head is extended from its own last hash, so events cut from the end stay visible
      // (the next event does not link to the table's last row). An unsigned or missing head is
      // never re-signed: the event is chained after the last row and `verify` reports the head.
      const signed = head !== undefined && headSigned(key, head);
      const prevHash = signed ? head.lastHash : ((await s.lastHash.get())?.hash ?? '');
      const row = eventRow(e);
      const hash = eventHash(key, prevHash, contentOf(row));
      const inserted = (await s.insert.get({ ...row, prevHash, hash }))!;
      if (signed) await s.moveHead.run({ lastHash: hash, mac: headMac(key, { ...head, events: head.events + 1, lastHash: hash }) });
      return { id: inserted.id, hash };
    },

    async verify() {
      const head = await stmts(db).head.get();
      const rows = await db.select().from(caseEvents).orderBy(asc(caseEvents.id)).all();
      if (!head) {
        if (rows.length === 0) return { ok: true, rows: 0, head: null };
        return { ok: false, rows: rows.length, brokenId: null, reason: 'the chain has no signed head: it is not keyed yet (start serve or run kakunin migrate to key it), or the head was removed' };
      }
      if (!headSigned(key, head)) {
        return { ok: false, rows: rows.length, brokenId: null, reason: 'the signed head does not match this key: the wrong key (KAKUNIN_SECRET_KEY or the key file), or the head was altered' };
      }
      let prev = '';
      let n = 0;
      for (const row of rows) {
        n += 1;
        if (row.prevHash !== prev) {
          return { ok: false, rows: n, brokenId: row.id, reason: 'prev_hash does not match the previous row (a row was removed, inserted or edited)' };
        }
        const legacy = n <= head.legacyEvents;
        const expected = legacy ? legacyEventHash(prev, contentOf(row)) : eventHash(key, prev, contentOf(row));
        if (!sameHex(row.hash, expected)) {
          return { ok: false, rows: n, brokenId: row.id, reason: 'content does not match its hash (the row was edited, or rehashed without the key)' };
        }
        prev = row.hash;
        if (n === head.legacyEvents && prev !== head.legacyLastHash) {
          return { ok: false, rows: n, brokenId: row.id, reason: 'the events from before keyed chains do not end where they were anchored' };
        }
      }
      if (n !== head.events || prev !== head.lastHash) {
        return {
          ok: false,
          rows: n,
          brokenId: rows.at(-1)?.id ?? null,
          reason: `the signed head says ${head.events} events ending in ${head.lastHash.slice(0, 16)}…; the table has ${n} ending in ${prev.slice(0, 16) || '(none)'}…: events were removed from the end, or added without the key`,
        };
      }
      return { ok: true, rows: n, head: { events: head.events, lastHash: head.lastHash, keyedAt: head.keyedAt, legacyEvents: head.legacyEvents } };
    },
  };
}

/** True once the chain of `db` has a head (it is keyed; its key must not change). */
export async function auditChainKeyed(db: Db): Promise<boolean> {
  return (await stmts(db).head.get()) !== undefined;
}

/** Checks an unkeyed (pre-key) chain: plain SHA-256 links. */
export async function verifyLegacyChain(db: Db): Promise<AuditVerdict> {
  let prev = '';
  let n = 0;
  for (const row of await db.select().from(caseEvents).orderBy(asc(caseEvents.id)).all()) {
    n += 1;
    if (row.prevHash !== prev) return { ok: false, rows: n, brokenId: row.id, reason: 'prev_hash does not match the previous row (a row was removed, inserted or edited)' };
    if (row.hash !== legacyEventHash(prev, contentOf(row))) return { ok: false, rows: n, brokenId: row.id, reason: 'content does not match its hash (the row was edited)' };
    prev = row.hash;
  }
  return { ok: true, rows: n, head: null };
}

/** kakunin itself, as the actor of `audit_keyed` events. */
const AUDIT_ACTOR: Actor = { platform: 'system', userId: 'audit', displayName: 'kakunin' };

/**
 * Keys the chain of `db` the first time it is opened with a key: a new database gets an empty
 * signed head; an old one is verified and anchored (see the top of this file). Afterwards, checks
 * that the head is signed by `key`. Throws AuditChainError when it is not, or when an old chain
 * does not verify (kakunin does not vouch for a broken chain).
 */
export async function keyAuditChain(db: Db, key: Buffer, p: { now: Date; keySource: string }): Promise<{ legacyEvents: number; cases: number } | null> {
  return await db.transaction(
    async (tx) => {
      const head = await stmts(db).head.get();
      if (head) {
        if (!headSigned(key, head)) {
          throw new AuditChainError(
            `the audit chain's signed head does not match the secret key (${p.keySource}): the key is not the one this database was keyed with, ` +
              'or the head was altered. Restore the right key (KAKUNIN_SECRET_KEY or the key file); `kakunin audit verify` shows what is wrong',
          );
        }
        return null;
      }
      const legacy = await verifyLegacyChain(db);
      if (!legacy.ok) {
        throw new AuditChainError(
          `the audit chain written before keyed chains is broken at case_events row ${legacy.brokenId} (${legacy.reason}); ` +
            'kakunin will not key a broken chain: restore a backup, or investigate first',
        );
      }
      const legacyLastHash = (await stmts(db).lastHash.get())?.hash ?? '';
      const fields = { events: legacy.rows, lastHash: legacyLastHash, keyedAt: p.now.toISOString(), legacyEvents: legacy.rows, legacyLastHash };
      await tx.insert(auditHead).values({ id: 1, ...fields, mac: headMac(key, fields) }).run();
      if (legacy.rows === 0) return { legacyEvents: 0, cases: 0 };
      const trail = createAuditTrail(db, key);
      const withEvents = await tx
        .select({ id: cases.id, status: cases.status, resolution: cases.resolution })
        .from(cases)
        .where(sql`exists (select 1 from ${caseEvents} where ${caseEvents.caseId} = ${cases.id})`)
        .orderBy(asc(cases.id))
        .all();
      for (const c of withEvents) {
        await trail.append({
          caseId: c.id,
          type: 'audit_keyed',
          fromStatus: c.status,
          toStatus: c.status,
          resolution: c.resolution,
          actor: AUDIT_ACTOR,
          note: null,
          data: { legacyEvents: legacy.rows, legacyLastHash, keySource: p.keySource },
          at: p.now.toISOString(),
        });
      }
      return { legacyEvents: legacy.rows, cases: withEvents.length };
    },
    { behavior: 'immediate' },
  );
}
