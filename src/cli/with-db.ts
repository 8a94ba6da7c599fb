/** Opens and migrates the configured database for a CLI command, and always closes it. */
import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { openDatabase, type Db } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';

export async function withDb<T>(env: Record<string, string | undefined>, fn: (db: Db, config: Config) => T | Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const handle = openDatabase(config.databasePath);
  try {
    runMigrations(handle.db);
    return await fn(handle.db, config);
  } finally {
    handle.close();
  }
}
