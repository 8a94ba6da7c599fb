/** Opens and migrates the configured database for a CLI command, and always closes it. */
import fs from 'node:fs';
import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { CliError } from './args.ts';

/**
 * Refuses (exit 1) when the database file does not exist: a typo in DATABASE_URL or the wrong
 * folder must not silently create an empty database and report success on it.
 */
export function requireDatabase(config: Config): void {
  if (!fs.existsSync(config.databasePath)) {
    throw new CliError(
      `no database at ${config.databasePath} (DATABASE_URL). Start the relay once (kakunin serve) or run kakunin migrate to create it, or point DATABASE_URL at the existing file.`,
    );
  }
}

export async function withDb<T>(env: Record<string, string | undefined>, fn: (db: Db, config: Config) => T | Promise<T>): Promise<T> {
  const config = loadConfig(env);
  requireDatabase(config);
  const handle = openDatabase(config.databasePath);
  try {
    await runMigrations(handle.db);
    return await fn(handle.db, config);
  } finally {
    await handle.close();
  }
}
