/**
 * Fires due escalation timers. Each firing, in one IMMEDIATE transaction: claims the timer
 * (`UPDATE … WHERE fired_at IS NULL AND cancelled_at IS NULL`, so two workers on the same database
 * never both fire it), writes a case event (actor `system`), queues a `card.remind` delivery for
 * every card of the case (a thread reply in Slack, a reply in Teams, with the policy's mention)
 * and schedules the next timer of the chain. The outbox worker calls `fireDue()` at the start of
 * every tick, so reminders go out in the same tick, and a timer due while kakunin was down fires
 * on the first tick after the restart.
 */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Reminder } from '../domain/notifier.ts';
import type { Actor } from '../domain/case.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, escalationTimers } from '../db/schema/index.ts';
import type { AuditTrail } from '../audit/audit.ts';
import { formatCaseRef } from '../domain/ref.ts';
import type { Logger } from '../logger.ts';
import { insertDelivery, postedTargets, type OutboxTargets } from './enqueue.ts';
import { resolveTargets, type CardTarget, type EscalationPolicy, type SeverityPolicy } from '../escalation-policy.ts';
import { reminderText } from './reminder-text.ts';
import { ACK_KINDS, scheduleTimer } from './timers.ts';

type Timer = typeof escalationTimers.$inferSelect;

/** kakunin itself, as the actor of timer events. */
export const SYSTEM_ACTOR: Actor = { platform: 'system', userId: 'escalation', displayName: 'kakunin' };

export interface EscalationDeps {
  db: Db;
  /** The keyed audit chain of `db`. */
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  policy: EscalationPolicy;
  /** Configured card targets, to resolve second-level target specs. */
  targets: Pick<OutboxTargets, 'cards'>;
}

export interface EscalationRunner {
  /** Fires every timer due now; returns how many fired. */
  fireDue(): Promise<number>;
  /** Fires one timer if it is due and still pending; false when another worker (or an action) got there first. */
  fire(timerId: number): Promise<boolean>;
}

/** The timer that follows `t` in its chain, or null at the end. */
function nextTimer(t: Timer, sp: SeverityPolicy): { kind: Timer['kind']; attempt: number; afterMinutes: number } | null {
  const secondLevel = sp.secondLevelTargets.length > 0 ? { kind: 'second_level' as const, attempt: 1, afterMinutes: sp.renotifyIntervalMinutes } : null;
  switch (t.kind) {
    case 'ack_timeout':
      return sp.renotifyCount > 0 ? { kind: 'renotify', attempt: 1, afterMinutes: sp.renotifyIntervalMinutes } : secondLevel;
    case 'renotify':
      return t.attempt < sp.renotifyCount ? { kind: 'renotify', attempt: t.attempt + 1, afterMinutes: sp.renotifyIntervalMinutes } : secondLevel;
    case 'second_level':
      return null;
    case 'unresolved':
      return sp.unresolvedMinutes === null ? null : { kind: 'unresolved', attempt: t.attempt + 1, afterMinutes: sp.unresolvedMinutes };
  }
}

/** Creates the runner; nothing fires until `fireDue()`. */
export function createEscalationRunner(deps: EscalationDeps): EscalationRunner {
  const { db, clock, logger } = deps;

  /** When the waiting started: the case opening, or the acknowledgement that began an `unresolved` chain. */
  async function waitingSince(t: Timer, openedAt: string): Promise<number> {
    if (t.kind === 'unresolved' && t.chain.startsWith('e')) {
      const ev = await db.select({ at: caseEvents.at }).from(caseEvents).where(eq(caseEvents.id, Number(t.chain.slice(1)))).get();
      if (ev) return Date.parse(ev.at);
    }
    return Date.parse(openedAt);
  }

  async function fire(timerId: number): Promise<boolean> {
    const now = clock.now();
    const at = now.toISOString();
    return await db.transaction(
      async () => {
        const claimed = (await db
          .update(escalationTimers)
          .set({ firedAt: at })
          .where(
            and(
              eq(escalationTimers.id, timerId),
              isNull(escalationTimers.firedAt),
              isNull(escalationTimers.cancelledAt),
              lte(escalationTimers.dueAt, now.getTime()),
            ),
          )
          .run()).changes;
        if (claimed !== 1) return false;
        const t = (await db.select().from(escalationTimers).where(eq(escalationTimers.id, timerId)).get())!;
        const c = (await db.select().from(cases).where(eq(cases.id, t.caseId)).get())!;
        const stillWaiting = ACK_KINDS.includes(t.kind) ? c.status === 'new' : c.status === 'acknowledged' || c.status === 'investigating';
        if (!stillWaiting) {
          // Actions cancel timers in their own transaction; this only catches rows from before that rule.
          await db.update(escalationTimers).set({ firedAt: null, cancelledAt: at }).where(eq(escalationTimers.id, timerId)).run();
          return false;
        }
        const sp = deps.policy[c.severity];
        const ref = formatCaseRef(c.id);
        const level: Reminder['level'] = t.kind === 'second_level' ? 'second_level' : t.kind === 'renotify' ? t.attempt + 1 : t.attempt;
        const reminder: Reminder = {
          text: reminderText(t.kind, ref, now.getTime() - (await waitingSince(t, c.openedAt))),
          mention: t.kind === 'second_level' || (t.kind !== 'unresolved' && sp.mention),
          level,
        };
        const event = await deps.audit.append({
          caseId: c.id,
          type: `escalation.${t.kind}`,
          fromStatus: c.status,
          toStatus: c.status,
          resolution: c.resolution,
          actor: SYSTEM_ACTOR,
          note: null,
          data: { timerId: t.id, kind: t.kind, attempt: t.attempt, level, mention: reminder.mention },
          at,
        });
        await db.update(escalationTimers).set({ eventId: event.id }).where(eq(escalationTimers.id, timerId)).run();

        const targets: CardTarget[] = await postedTargets(db, c.id);
        if (t.kind === 'second_level') {
          for (const s of resolveTargets(sp.secondLevelTargets, await deps.targets.cards())) {
            const key = `card.post:${c.id}:${s.platform}:${s.target}`;
            await insertDelivery(db, { platform: s.platform, kind: 'card.post', caseId: c.id, target: s.target, key, now, payload: null });
            if (!targets.some((x) => x.platform === s.platform && x.target === s.target)) targets.push(s);
          }
        }
        for (const x of targets) {
          const key = `card.remind:${c.id}:${x.platform}:${x.target}:${t.timerKey}`;
          await insertDelivery(db, { platform: x.platform, kind: 'card.remind', caseId: c.id, target: x.target, key, now, payload: { ...reminder } });
        }
        if (targets.length === 0) logger.warn({ ref, kind: t.kind }, 'escalation timer fired but the case has no card to remind on');

        const next = nextTimer(t, sp);
        if (next) {
          await scheduleTimer(db, { caseId: c.id, kind: next.kind, attempt: next.attempt, chain: t.chain, dueAt: now.getTime() + next.afterMinutes * 60_000, now });
        }
        logger.info({ ref, kind: t.kind, attempt: t.attempt, reminders: targets.length, next: next?.kind ?? null }, 'escalation timer fired');
        return true;
      },
      { behavior: 'immediate' },
    );
  }

  return {
    fire,
    async fireDue() {
      const due = await db
        .select({ id: escalationTimers.id })
        .from(escalationTimers)
        .where(and(isNull(escalationTimers.firedAt), isNull(escalationTimers.cancelledAt), lte(escalationTimers.dueAt, clock.now().getTime())))
        .orderBy(asc(escalationTimers.dueAt), asc(escalationTimers.id))
        .limit(200)
        .all();
      let fired = 0;
      for (const { id } of due) {
        try {
          if (await fire(id)) fired += 1;
        } catch (err) {
          // The transaction rolled back: the timer stays pending and is tried again next tick.
          logger.error({ err, timerId: id }, 'escalation timer failed to fire');
        }
      }
      return fired;
    },
  };
}
