import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { NOTIFIER_PLATFORMS } from '../../domain/notifier.ts';
import { cases } from './cases.ts';

/** Where a case's card lives on a platform (a PostedCard), so later changes can edit it in place. */
export const chatPosts = pgTable(
  'chat_posts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    platform: text('platform', { enum: NOTIFIER_PLATFORMS }).notNull(),
    /** The target the card was posted to (as configured). */
    target: text('target').notNull(),
    channel: text('channel').notNull(),
    messageId: text('message_id').notNull(),
    /** PostedCard.meta JSON. */
    meta: text('meta'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('chat_posts_case_platform_target_uq').on(t.caseId, t.platform, t.target)],
);
