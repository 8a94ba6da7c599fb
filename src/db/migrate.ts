/** Applies the committed SQL migrations (migrations/) with drizzle-orm's migrator. Idempotent. */
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { SQLiteAsyncDialect, SQLiteSession } from 'drizzle-orm/sqlite-core';
import type { Db } from './client.ts';

/** Absolute path of the repository's migrations/ folder. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Brings the schema up to date in one transaction; throws if a migration fails (nothing of it is
 * kept). Drizzle's migrator for asynchronous SQLite drivers, over the storage seam's session.
 */
export async function runMigrations(db: Db, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const config = { migrationsFolder };
  // `dialect` and `session` are drizzle internals (what drizzle's own async migrators use).
  const internals = db as unknown as { dialect: SQLiteAsyncDialect; session: SQLiteSession<'async', unknown, Record<string, unknown>, never> };
  await internals.dialect.migrate(readMigrationFiles(config), internals.session as never, config);
}
