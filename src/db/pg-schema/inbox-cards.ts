import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { cases } from './cases.ts';

/**
 * The console inbox (adapters/inbox): one row per case card "posted" to the inbox by the outbox
 * worker, kept current by card updates and reminders, exactly as Slack or Teams would hold it.
 * The inbox page lists these rows; the card's content is read from the case when shown.
 */
export const inboxCards = pgTable(
  'inbox_cards',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** Status and severity as last delivered (the card's state at its last update). */
    status: text('status').notNull(),
    severity: text('severity').notNull(),
    postedAt: text('posted_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** Number of reminders delivered, and the last one's time. */
    reminders: bigint('reminders', { mode: 'number' }).notNull().default(0),
    remindedAt: text('reminded_at'),
  },
  (t) => [uniqueIndex('inbox_cards_case_uq').on(t.caseId), index('inbox_cards_updated_idx').on(t.updatedAt)],
);
