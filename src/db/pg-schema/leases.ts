import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Named leases: work that only one process may do at a time (the Chatwork pollers). A process
 * holds `name` while `expires_at` (epoch ms) is in the future and `holder` is its id; it renews the
 * lease on every round and releases it when it stops. A process that died loses it when it
 * expires, and another takes over (src/db/lease.ts).
 */
export const leases = pgTable('leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  acquiredAt: text('acquired_at').notNull(),
});
