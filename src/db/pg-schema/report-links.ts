import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The organisation's report link (`/report?t=…`): anyone holding it may submit a report through
 * the web form, nothing else. Only the token's SHA-256 is stored; rotating revokes every older
 * link and shows the new one once.
 */
export const reportLinks = pgTable(
  'report_links',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tokenHash: text('token_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [uniqueIndex('report_links_hash_uq').on(t.tokenHash)],
);
