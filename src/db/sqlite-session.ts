/**
 * Drizzle's SQLite query builders, awaited, over better-sqlite3. Each query is prepared by
 * drizzle's own better-sqlite3 session (so results are mapped exactly as before, and the
 * statement cache of client.ts applies) and executed through the connection gate, which decides
 * when it may touch the connection (src/db/connection-gate.ts).
 */
import type Database from 'better-sqlite3';
import type { RunResult } from 'better-sqlite3';
import { entityKind, type Query, type TablesRelationalConfig } from 'drizzle-orm';
import { BetterSQLiteSession, type PreparedQuery as SyncPreparedQuery } from 'drizzle-orm/better-sqlite3/session';
import {
  BaseSQLiteDatabase,
  SQLiteAsyncDialect,
  SQLitePreparedQuery,
  SQLiteSession,
  SQLiteTransaction,
  type PreparedQueryConfig,
  type SelectedFieldsOrdered,
  type SQLiteExecuteMethod,
  type SQLiteTransactionConfig,
} from 'drizzle-orm/sqlite-core';
import type { ConnectionGate } from './connection-gate.ts';

type AsyncConfig = PreparedQueryConfig & { type: 'async' };
type RelationalSchema<S extends TablesRelationalConfig> = { fullSchema: Record<string, unknown>; schema: S; tableNamesMap: Record<string, string> };

/** One prepared query: drizzle's synchronous one, run when the gate says so. */
class GatedQuery extends SQLitePreparedQuery<AsyncConfig> {
  static override readonly [entityKind]: string = 'KakuninGatedQuery';
  constructor(
    private readonly inner: SyncPreparedQuery,
    private readonly gate: ConnectionGate,
    query: Query,
    executeMethod: SQLiteExecuteMethod,
  ) {
    super('async', executeMethod, query);
  }
  run(placeholderValues?: Record<string, unknown>): Promise<unknown> {
    return this.gate.statement(() => this.inner.run(placeholderValues));
  }
  all(placeholderValues?: Record<string, unknown>): Promise<unknown> {
    return this.gate.statement(() => this.inner.all(placeholderValues));
  }
  get(placeholderValues?: Record<string, unknown>): Promise<unknown> {
    return this.gate.statement(() => this.inner.get(placeholderValues));
  }
  values(placeholderValues?: Record<string, unknown>): Promise<unknown> {
    return this.gate.statement(() => this.inner.values(placeholderValues));
  }
  /** @internal (drizzle asks it of relational queries) */
  isResponseInArrayMode(): boolean {
    return (this.inner as unknown as { isResponseInArrayMode(): boolean }).isResponseInArrayMode();
  }
}

/** The handle a transaction callback receives; statements route by context, so it is the same for every transaction. */
class GatedTransaction<TFull extends Record<string, unknown>, TSchema extends TablesRelationalConfig> extends SQLiteTransaction<'async', RunResult, TFull, TSchema> {
  static override readonly [entityKind]: string = 'KakuninGatedTransaction';
}

class GatedSession<TFull extends Record<string, unknown>, TSchema extends TablesRelationalConfig> extends SQLiteSession<'async', RunResult, TFull, TSchema> {
  static override readonly [entityKind]: string = 'KakuninGatedSession';
  private readonly inner: BetterSQLiteSession<TFull, TSchema>;
  private tx: GatedTransaction<TFull, TSchema> | undefined;
  constructor(
    client: Database.Database,
    private readonly gate: ConnectionGate,
    private readonly dialect_: SQLiteAsyncDialect,
    private readonly schema: RelationalSchema<TSchema> | undefined,
  ) {
    super(dialect_);
    // The inner session only prepares (it never runs a query itself), so its dialect is unused.
    this.inner = new BetterSQLiteSession(client, dialect_ as never, schema);
  }

  prepareQuery(
    query: Query,
    fields: SelectedFieldsOrdered | undefined,
    executeMethod: SQLiteExecuteMethod,
    isResponseInArrayMode: boolean,
    customResultMapper?: (rows: unknown[][]) => unknown,
  ): SQLitePreparedQuery<AsyncConfig> {
    const inner = this.inner.prepareQuery(query, fields, executeMethod, isResponseInArrayMode, customResultMapper) as SyncPreparedQuery;
    return new GatedQuery(inner, this.gate, query, executeMethod);
  }

  /** Every transaction is BEGIN IMMEDIATE (the write lock up front, so a second process waits at BEGIN, not mid-way). */
  transaction<T>(fn: (tx: SQLiteTransaction<'async', RunResult, TFull, TSchema>) => Promise<T>, _config?: SQLiteTransactionConfig): Promise<T> {
    this.tx ??= new GatedTransaction('async', this.dialect_, this, this.schema);
    const tx = this.tx;
    return this.gate.transaction(() => fn(tx));
  }
}

/** An awaited drizzle database over `client`, every query through `gate`. */
export function gatedDrizzle<TFull extends Record<string, unknown>, TSchema extends TablesRelationalConfig>(
  client: Database.Database,
  gate: ConnectionGate,
  schema: RelationalSchema<TSchema> | undefined,
): BaseSQLiteDatabase<'async', RunResult, TFull, TSchema> {
  const dialect = new SQLiteAsyncDialect();
  const session = new GatedSession<TFull, TSchema>(client, gate, dialect, schema);
  return new BaseSQLiteDatabase('async', dialect, session, schema);
}
