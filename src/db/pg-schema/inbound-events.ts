import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { NOTIFIER_PLATFORMS } from '../../domain/notifier.ts';

export const INBOUND_STATUSES = ['pending', 'processed', 'ignored'] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/**
 * Webhook events from chat platforms, stored verbatim BEFORE the platform gets its 200 (Chatwork
 * never re-sends). `pending` rows are (re)processed until they are `processed` or `ignored`; a
 * crash after the answer therefore never loses an event. `(platform, event_key)` is unique, so a
 * replayed or doubled event (room webhook + mention of the same message) is stored once.
 */
export const inboundEvents = pgTable(
  'inbound_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform', { enum: NOTIFIER_PLATFORMS }).notNull(),
    /** The platform's id for what happened (Chatwork: `room:message`, plus `@update_time` for edits). */
    eventKey: text('event_key').notNull(),
    eventType: text('event_type').notNull(),
    /** The request body exactly as received (the evidence). */
    rawBody: text('raw_body').notNull(),
    status: text('status', { enum: INBOUND_STATUSES }).notNull().default('pending'),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    /** Epoch milliseconds; pending rows are retried from then on. */
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    /** JSON: the reports made from the event, or why it was ignored. */
    result: text('result'),
    receivedAt: text('received_at').notNull(),
    processedAt: text('processed_at'),
  },
  (t) => [
    uniqueIndex('inbound_events_platform_key_uq').on(t.platform, t.eventKey),
    index('inbound_events_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
