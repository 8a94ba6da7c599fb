import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * The signed head of the audit chain (src/audit/audit.ts): one row (id 1) holding how many
 * `case_events` the chain has and the last one's hash, with an HMAC under kakunin's secret key.
 * Deleting events at the end, or recomputing every hash without the key, no longer matches it.
 *
 * No row: the chain is not keyed yet (a database from before keyed chains); the first start
 * anchors it: the events written before (`legacy_events`, hashed with plain SHA-256 and ending in
 * `legacy_last_hash`) stay as they are, pinned by the first keyed event, which chains from them.
 */
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(), // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned when omitted
  events: bigint('events', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  /** When the chain was first keyed (anchored), and how many unkeyed events it holds from before. */
  keyedAt: text('keyed_at').notNull(),
  legacyEvents: bigint('legacy_events', { mode: 'number' }).notNull(),
  legacyLastHash: text('legacy_last_hash').notNull(),
  /** HMAC-SHA256 (hex) of the fields above under the audit subkey. */
  mac: text('mac').notNull(),
});
