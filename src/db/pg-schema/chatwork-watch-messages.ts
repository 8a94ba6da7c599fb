import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Every watched-room message kakunin has handled, once: the de-duplication between the poller,
 * room webhooks and restarts. Privacy: a message below CHATWORK_WATCH_MIN_VERDICT leaves only its
 * ids and the SHA-256 of its body here; nothing of it is stored anywhere else. One at or above the
 * threshold is a report (`report_id`, source `watch`) and a warning in the room.
 */
export const chatworkWatchMessages = pgTable(
  'chatwork_watch_messages',
  {
    roomId: text('room_id').notNull(),
    messageId: text('message_id').notNull(),
    bodySha256: text('body_sha256').notNull(),
    handledAt: text('handled_at').notNull(),
    reportId: integer('report_id'),
    caseId: integer('case_id'),
  },
  (t) => [primaryKey({ name: 'chatwork_watch_messages_pk', columns: [t.roomId, t.messageId] })],
);
