import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { NOTIFIER_PLATFORMS } from '../../domain/notifier.ts';
import { cases } from './cases.ts';

export const DELIVERY_KINDS = ['card.post', 'card.update', 'card.remind', 'reporter.notify', 'reporter.callback'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];
/** Notifier platforms, plus `webhook` for signed callbacks to an API token's URL (src/delivery/callback.ts). */
export const DELIVERY_PLATFORMS = [...NOTIFIER_PLATFORMS, 'webhook'] as const;
export type DeliveryPlatform = (typeof DELIVERY_PLATFORMS)[number];
export const DELIVERY_STATUSES = ['pending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The outbox: every notification is a row written in the same transaction as the change that
 * caused it; the worker sends it. `delivery_key` is unique so a cause never sends twice.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    platform: text('platform', { enum: DELIVERY_PLATFORMS }).notNull(),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** Channel/binding id for cards; for reporter.notify, the report id; for reporter.callback, the API token id. */
    target: text('target').notNull(),
    deliveryKey: text('delivery_key').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    /** Epoch milliseconds; the worker picks rows whose time has come. */
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    /** Kind-specific JSON (a Reminder, a ReporterEvent). */
    payload: text('payload'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.deliveryKey),
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('deliveries_case_kind_idx').on(t.caseId, t.kind, t.platform, t.target),
  ],
);
