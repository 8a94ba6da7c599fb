/**
 * The storage seam: what the rest of kakunin knows about the database. Every query is awaited,
 * and `db.transaction(async (tx) => …)` is atomic however many requests are in flight, so an
 * engine whose driver is asynchronous (PostgreSQL) fits under the same calls. Callers use
 * Drizzle's query builders on `db` (awaited) and never the engine's connection.
 *
 * Transactions are ambient: a statement issued inside a transaction callback (or anything it
 * awaits) runs in that transaction whether it was built on `tx` or on `db`; a statement of any
 * other caller never does (see src/db/connection-gate.ts for SQLite). A transaction started
 * inside another one is a savepoint of it.
 *
 * @example
 *   const row = await db.select().from(cases).where(eq(cases.id, id)).get();
 *   await db.transaction(async (tx) => { await tx.update(cases).set({ status }).where(…).run(); });
 */
import type { RunResult } from 'better-sqlite3';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { BaseSQLiteDatabase, SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type * as schema from './schema/index.ts';

type Schema = typeof schema;

/** The awaited query interface every part of kakunin uses. */
export type Db = BaseSQLiteDatabase<'async', RunResult, Schema, ExtractTablesWithRelations<Schema>>;

/** What a transaction callback receives; anything that takes a `Db` takes it too. */
export type Tx = SQLiteTransaction<'async', RunResult, Schema, ExtractTablesWithRelations<Schema>>;

/** An open database, whatever the engine. */
export interface Storage {
  /** Which engine is underneath (engine-specific jobs, such as backup, ask). */
  readonly engine: 'sqlite';
  readonly db: Db;
  /** Closes the database once the open transaction, if any, has finished. */
  close(): Promise<void>;
}
