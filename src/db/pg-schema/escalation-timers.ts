import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { cases } from './cases.ts';

/**
 * Kinds of escalation timer:
 * - `ack_timeout`: nobody acknowledged the card in time (first reminder);
 * - `renotify`: still nobody (reminders 2…n);
 * - `second_level`: after the last reminder, the card goes to the second-level targets;
 * - `unresolved`: acknowledged, but not resolved for too long.
 */
export const TIMER_KINDS = ['ack_timeout', 'renotify', 'second_level', 'unresolved'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * Escalation timers as rows with a due time, so they survive restarts. A timer is pending while
 * `fired_at` and `cancelled_at` are both null; the worker claims it with
 * `UPDATE … SET fired_at = ? WHERE id = ? AND fired_at IS NULL AND cancelled_at IS NULL`, so two
 * workers never fire it twice. `timer_key` (kind, case, chain, attempt) is unique, so the same
 * timer is never scheduled twice either.
 */
export const escalationTimers = pgTable(
  'escalation_timers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    kind: text('kind', { enum: TIMER_KINDS }).notNull(),
    /** 1 for the first timer of its chain, then 2, 3 … (renotify, unresolved). */
    attempt: bigint('attempt', { mode: 'number' }).notNull(),
    /** What started the chain: `open` for the acknowledgement chain, `e<eventId>` for an acknowledgement. */
    chain: text('chain').notNull(),
    timerKey: text('timer_key').notNull(),
    /** Epoch milliseconds. */
    dueAt: bigint('due_at', { mode: 'number' }).notNull(),
    firedAt: text('fired_at'),
    cancelledAt: text('cancelled_at'),
    /** The case event written when it fired. */
    eventId: integer('event_id'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('escalation_timers_key_uq').on(t.timerKey),
    index('escalation_timers_due_idx').on(t.dueAt).where(sql`fired_at is null and cancelled_at is null`),
    index('escalation_timers_case_idx').on(t.caseId),
  ],
);
