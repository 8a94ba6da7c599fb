import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Failed (and in-flight) sign-ins, per (user name, client address) pair and per address, for the
 * sign-in rate limit (src/auth/rate-limit.ts). Stored in the database so the limit survives
 * restarts and holds across processes. Old rows are pruned on every attempt.
 */
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** `pair:<address>\n<name>` or `ip:<address>`. */
    key: text('key').notNull(),
    /** Epoch milliseconds. */
    at: integer('at').notNull(),
  },
  (t) => [index('sign_in_attempts_key_at_idx').on(t.key, t.at)],
);
