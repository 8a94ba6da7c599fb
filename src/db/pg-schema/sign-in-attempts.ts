import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Attempts counted by the console's rate limits, stored in the database so they survive restarts
 * and hold across processes: failed (and in-flight) sign-ins per (user name, client address) and
 * per address (src/auth/rate-limit.ts), and reports through the report link per address and per
 * link (src/auth/report-links.ts). Old rows are pruned as attempts come in.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** `pair:<address>\n<name>`, `ip:<address>`, `report-ip:<address>` or `report-link:<link id>`. */
    key: text('key').notNull(),
    /** Epoch milliseconds. */
    at: bigint('at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sign_in_attempts_key_at_idx').on(t.key, t.at)],
);
