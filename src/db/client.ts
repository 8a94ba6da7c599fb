/**
 * Opens the SQLite file with the settings kakunin relies on: WAL (readers never block the
 * writer), foreign keys on, a busy timeout so a second process waits instead of failing.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema>;

/** An open database: the Drizzle handle, the raw connection (for pragmas and raw SQL) and close(). */
export interface DbHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Opens (creating the folder and file if needed) the database at `file`. */
export function openDatabase(file: string): DbHandle {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  return {
    db,
    sqlite,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}
