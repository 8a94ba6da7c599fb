import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * A ledger import waiting for confirmation: the parsed directory and the per-row errors shown in
 * the preview. Nothing in the ledger changes until an admin confirms; a confirmation is refused
 * if the ledger changed since the preview (`base_revision`) or the preview is stale.
 */
export const ledgerImports = pgTable('ledger_imports', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  format: text('format', { enum: ['csv', 'json'] }).notNull(),
  /** The valid part, as a Directory JSON. */
  directory: text('directory').notNull(),
  /** JSON array of { row, field, message }. */
  errors: text('errors').notNull(),
  baseRevision: bigint('base_revision', { mode: 'number' }).notNull(),
  createdAt: text('created_at').notNull(),
  appliedAt: text('applied_at'),
});
