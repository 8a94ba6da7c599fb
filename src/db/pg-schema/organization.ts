import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The ledger's single organization row (id 1). `revision` grows on every directory replace, so
 * every process can tell its cached Directory is stale.
 */
export const organization = pgTable('organization', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(), // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned when omitted
  name: text('name').notNull(),
  domain: text('domain'),
  revision: bigint('revision', { mode: 'number' }).notNull().default(0),
  updatedAt: text('updated_at').notNull(),
});
