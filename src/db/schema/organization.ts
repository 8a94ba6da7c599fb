import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The ledger's single organization row (id 1). `revision` grows on every directory replace, so
 * every process can tell its cached Directory is stale.
 */
export const organization = sqliteTable('organization', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  domain: text('domain'),
  revision: integer('revision').notNull().default(0),
  updatedAt: text('updated_at').notNull(),
});
