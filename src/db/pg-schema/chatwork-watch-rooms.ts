import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Rooms the kakunin bot watches (CHATWORK_WATCH_ROOMS), and since when: messages sent before
 * `watched_since` are history and never warned about. A room taken out of the setting gets
 * `unwatched_at`; put back, it is watched anew from then.
 */
export const chatworkWatchRooms = pgTable('chatwork_watch_rooms', {
  roomId: text('room_id').primaryKey(),
  /** Epoch seconds (Chatwork's `send_time` unit). */
  watchedSince: bigint('watched_since', { mode: 'number' }).notNull(),
  lastPolledAt: text('last_polled_at'),
  lastError: text('last_error'),
  unwatchedAt: text('unwatched_at'),
});
