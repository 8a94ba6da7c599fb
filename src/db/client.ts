/**
 * Opens the SQLite file with the settings kakunin relies on: WAL (readers never block the
 * writer), foreign keys on, a busy timeout so a second process waits instead of failing, and
 * secure_delete (what is deleted is zeroed in the file).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { createConnectionGate } from './connection-gate.ts';
import * as schema from './schema/index.ts';
import { gatedDrizzle } from './sqlite-session.ts';
import type { Db, Storage } from './storage.ts';

export type { Db, Tx } from './storage.ts';

/**
 * An open SQLite database: the storage seam (`db`, awaited) and what only SQLite has: the raw
 * connection for pragmas at open, and `withConnection` for engine work at run time (backup,
 * checkpoints), which waits for any open transaction like every other statement.
 */
export interface DbHandle extends Storage {
  readonly engine: 'sqlite';
  /** The raw connection. Only for settings before the database is used; at run time use `withConnection`. */
  readonly sqlite: Database.Database;
  /** Runs `fn` on the raw connection when no transaction of another caller is open. */
  withConnection<T>(fn: (sqlite: Database.Database) => T): Promise<T>;
}

/** Opens (creating the folder and file if needed) the database at `file`. */
export function openDatabase(file: string): DbHandle {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('cache_size = -32768'); // 32 MiB page cache
  // Statement journals (every insert that can hit a UNIQUE or foreign-key check, inside a
  // transaction) in memory rather than a temporary file: a write syscall per page saved.
  sqlite.pragma('temp_store = MEMORY');
  // Deleted or overwritten content is zeroed in the file, not left in free space: a retention
  // purge must take the message text out of the file, not only out of the rows (src/retention/).
  sqlite.pragma('secure_delete = ON');
  cacheStatements(sqlite);
  const control = {
    begin: sqlite.prepare('BEGIN IMMEDIATE'),
    commit: sqlite.prepare('COMMIT'),
    rollback: sqlite.prepare('ROLLBACK'),
  };
  const gate = createConnectionGate({
    begin: () => control.begin.run(),
    commit: () => control.commit.run(),
    rollback: () => {
      if (sqlite.inTransaction) control.rollback.run();
    },
    savepoint: (name) => sqlite.exec(`SAVEPOINT ${name}`),
    release: (name) => sqlite.exec(`RELEASE ${name}`),
    rollbackTo: (name) => sqlite.exec(`ROLLBACK TO ${name}`),
  });
  const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  const db = gatedDrizzle<typeof schema, Db['_']['schema'] & {}>(sqlite, gate, { fullSchema: schema, schema: tables.tables as never, tableNamesMap: tables.tableNamesMap });
  return {
    engine: 'sqlite',
    db,
    sqlite,
    withConnection: (fn) => gate.statement(() => fn(sqlite)),
    // At once when idle; after the open transaction (and what queued behind it) otherwise.
    close: () =>
      gate.statement(() => {
        if (sqlite.open) sqlite.close();
      }),
  };
}

/**
 * SQLite (3.53, bundled by better-sqlite3 12) lets the planner look at a LIMIT that is a bound
 * parameter, and so marks the statement to be compiled again whenever that parameter is bound
 * anew. Drizzle writes every `.limit(n)` as `limit ?` and binds it on every run, so each such
 * query was recompiled on every call (2–10× its cost; a third of intake's SQL time). `+?` is the
 * same value to SQLite but not a bare parameter, so the compiled statement is kept.
 */
export function keepLimitCompiled(source: string): string {
  return source.replace(/ limit \?/g, ' limit +?');
}

/**
 * Drizzle prepares a new statement for every query; compiling SQL was the largest cost of intake.
 * This memoises `prepare` per SQL text (the set of distinct queries is small and fixed). A reused
 * statement is put back in object mode, since drizzle switches some to raw mode.
 */
function cacheStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = prepare(keepLimitCompiled(source));
      if (cache.size < 1000) cache.set(source, stmt);
      return stmt;
    }
    if (stmt.reader) stmt.raw(false);
    return stmt;
  }) as typeof sqlite.prepare;
}
