/**
 * Scheduling and cancelling escalation timers. Called inside the transaction that makes the
 * change (a report opening a case, an acknowledgement), so a timer and its cause commit together,
 * and an acknowledgement stops the reminders in the same commit. Firing is src/delivery/escalation.ts.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CaseAction, CaseStatus } from '../domain/case.ts';
import type { Verdict } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';
import { perDb } from '../db/memo.ts';
import { escalationTimers, type TimerKind } from '../db/schema/index.ts';
import type { EscalationPolicy } from '../escalation-policy.ts';

/** Timers that wait for an acknowledgement; any action stops them. */
export const ACK_KINDS: readonly TimerKind[] = ['ack_timeout', 'renotify', 'second_level'];

const ph = (name: string) => sql.placeholder(name);
const pending = and(isNull(escalationTimers.firedAt), isNull(escalationTimers.cancelledAt));
const stmts = perDb((db) => ({
  insert: db
    .insert(escalationTimers)
    .values({
      caseId: ph('caseId'),
      kind: ph('kind'),
      attempt: ph('attempt'),
      chain: ph('chain'),
      timerKey: ph('timerKey'),
      dueAt: ph('dueAt'),
      createdAt: ph('at'),
    })
    .onConflictDoNothing({ target: escalationTimers.timerKey })
    .returning({ id: escalationTimers.id })
    .prepare(),
  pullEarlier: db
    .update(escalationTimers)
    .set({ dueAt: sql`min(${escalationTimers.dueAt}, ${ph('dueAt')})` })
    .where(and(eq(escalationTimers.caseId, ph('caseId')), eq(escalationTimers.kind, 'ack_timeout'), pending))
    .prepare(),
  pendingOfKind: db
    .select({ id: escalationTimers.id })
    .from(escalationTimers)
    .where(and(eq(escalationTimers.caseId, ph('caseId')), eq(escalationTimers.kind, ph('kind')), pending))
    .limit(1)
    .prepare(),
}));

/** The unique key of a timer: one per (kind, case, chain, attempt). */
export const timerKey = (kind: TimerKind, caseId: number, chain: string, attempt: number) => `${kind}:${caseId}:${chain}:${attempt}`;

/** Inserts a timer unless its key exists; returns true when it was created. */
export async function scheduleTimer(db: Db, t: { caseId: number; kind: TimerKind; attempt: number; chain: string; dueAt: number; now: Date }): Promise<boolean> {
  const key = timerKey(t.kind, t.caseId, t.chain, t.attempt);
  return (
    (await stmts(db).insert.all({ caseId: t.caseId, kind: t.kind, attempt: t.attempt, chain: t.chain, timerKey: key, dueAt: t.dueAt, at: t.now.toISOString() }))
      .length === 1
  );
}

/**
 * A report reached a case still `new`: start the acknowledgement chain if its severity has a card
 * and a timeout. A case raised to a stricter severity gets its first reminder pulled earlier.
 */
export async function startAckChain(db: Db, p: { caseId: number; status: CaseStatus; severity: Verdict; policy: EscalationPolicy; now: Date }): Promise<void> {
  const sp = p.policy[p.severity];
  if (p.status !== 'new' || sp.targets.length === 0 || sp.ackTimeoutMinutes === null) return;
  const dueAt = p.now.getTime() + sp.ackTimeoutMinutes * 60_000;
  if (!(await scheduleTimer(db, { caseId: p.caseId, kind: 'ack_timeout', attempt: 1, chain: 'open', dueAt, now: p.now }))) {
    await stmts(db).pullEarlier.run({ caseId: p.caseId, dueAt });
  }
}

/** Cancels the case's pending timers of `kinds`; returns how many. */
export async function cancelTimers(db: Db, caseId: number, kinds: readonly TimerKind[], now: Date): Promise<number> {
  return (await db
    .update(escalationTimers)
    .set({ cancelledAt: now.toISOString() })
    .where(and(eq(escalationTimers.caseId, caseId), inArray(escalationTimers.kind, [...kinds]), pending))
    .run()).changes;
}

/**
 * After an action: any action stops the acknowledgement reminders; resolving stops everything;
 * acknowledging (or reopening, or investigating when no reminder is pending) starts the
 * "acknowledged but unresolved" reminder.
 */
export async function timersAfterAction(
  db: Db,
  p: { caseId: number; action: CaseAction; toStatus: CaseStatus; severity: Verdict; policy: EscalationPolicy; eventId: number; now: Date },
): Promise<void> {
  await cancelTimers(db, p.caseId, ACK_KINDS, p.now);
  if (p.toStatus === 'resolved') {
    await cancelTimers(db, p.caseId, ['unresolved'], p.now);
    return;
  }
  const sp = p.policy[p.severity];
  if (sp.unresolvedMinutes === null || sp.targets.length === 0) return;
  if (p.action === 'investigate' && (await stmts(db).pendingOfKind.get({ caseId: p.caseId, kind: 'unresolved' }))) return;
  await cancelTimers(db, p.caseId, ['unresolved'], p.now);
  await scheduleTimer(db, {
    caseId: p.caseId,
    kind: 'unresolved',
    attempt: 1,
    chain: `e${p.eventId}`,
    dueAt: p.now.getTime() + sp.unresolvedMinutes * 60_000,
    now: p.now,
  });
}
