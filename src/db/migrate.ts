/** Applies the committed SQL migrations (migrations/) with drizzle-orm's migrator. Idempotent. */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './client.ts';

/** Absolute path of the repository's migrations/ folder. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Brings the schema up to date; throws if a migration fails (nothing of it is kept). */
export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
