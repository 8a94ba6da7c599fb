import { bigint, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const NOTICE_KINDS = ['request_warning', 'watch_warning', 'reconnect', 'command'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
export const NOTICE_STATUSES = ['pending', 'sent', 'dead'] as const;

/**
 * Messages the kakunin bot posts on its own (adapters/chatwork/notices.ts): a warning about a
 * contact request in an employee's direct chat, a warning in a watched room, a request to
 * reconnect, an answer to a command. `key` is unique (e.g. `request:1000015:555`), so a message is
 * queued once. A sender claims a row by pushing `next_attempt_at` ahead (like the outbox), and one
 * that may have been posted already (an attempt that got no answer) is looked for in the room
 * before it is posted again: nobody is warned twice. The body is dropped once sent.
 */
export const chatworkNotices = pgTable(
  'chatwork_notices',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    key: text('key').notNull(),
    kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
    /** The room; null for a direct chat not known yet (then `to_account_id`'s, from the bot's contacts). */
    roomId: text('room_id'),
    toAccountId: bigint('to_account_id', { mode: 'number' }),
    /** The message (Chatwork notation, hostile text escaped); null once sent. */
    body: text('body'),
    caseId: integer('case_id'),
    status: text('status', { enum: NOTICE_STATUSES }).notNull().default('pending'),
    attempts: bigint('attempts', { mode: 'number' }).notNull().default(0),
    /** Epoch ms. */
    nextAttemptAt: bigint('next_attempt_at', { mode: 'number' }).notNull(),
    lastError: text('last_error'),
    messageId: text('message_id'),
    createdAt: text('created_at').notNull(),
    sentAt: text('sent_at'),
  },
  (t) => [uniqueIndex('chatwork_notices_key_uq').on(t.key), index('chatwork_notices_due_idx').on(t.status, t.nextAttemptAt)],
);
