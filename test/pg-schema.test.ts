/**
 * The PostgreSQL schema (src/db/pg-schema, issue 20) mirrors the SQLite one table for table: the
 * same SQL names, columns, nullability, defaults, keys, foreign keys and indexes, and (checked by
 * the type checker) the same TypeScript row types, so code written against one reads the same rows
 * from the other. A table or column added to one and not the other fails here.
 */
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as liteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { is } from 'drizzle-orm';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as pg from '../src/db/pg-schema/index.ts';
import * as lite from '../src/db/schema/index.ts';

type Lite = typeof lite;
type Pg = typeof pg;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type TableKeys = { [K in keyof Lite]: Lite[K] extends SQLiteTable ? K : never }[keyof Lite];
/** The tables whose row types (select or insert) differ between the engines, or that PostgreSQL lacks. */
type Mismatched = {
  [K in TableKeys]: K extends keyof Pg
    ? Pg[K] extends PgTable
      ? Equal<Lite[K]['$inferSelect'], Pg[K]['$inferSelect']> extends true
        ? Equal<Lite[K]['$inferInsert'], Pg[K]['$inferInsert']> extends true
          ? never
          : K
        : K
      : K
    : K;
}[TableKeys];

const liteTables = Object.entries(lite).filter(([, v]) => is(v, SQLiteTable)) as [string, SQLiteTable][];
const pgTables = new Map((Object.entries(pg).filter(([, v]) => is(v, PgTable)) as [string, PgTable][]).map(([k, v]) => [k, v]));

/** What both engines must agree on, in one comparable shape. */
function shapeOf(c: ReturnType<typeof liteConfig> | ReturnType<typeof pgConfig>) {
  return {
    name: c.name,
    columns: c.columns.map((col) => ({ name: col.name, notNull: col.notNull, hasDefault: col.hasDefault, primary: col.primary })).sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: c.primaryKeys.map((pk) => ({ name: pk.getName(), columns: pk.columns.map((col) => col.name) })),
    foreignKeys: c.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return { columns: r.columns.map((col) => col.name), to: r.foreignColumns.map((col) => `${liteOrPgName(r.foreignTable)}.${col.name}`), onDelete: fk.onDelete && fk.onDelete !== 'no action' ? fk.onDelete : null };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
    indexes: c.indexes
      .map((i) => ({ name: i.config.name, unique: i.config.unique ?? false, columns: i.config.columns.map((col) => (col as { name: string }).name), partial: i.config.where !== undefined }))
      .sort((a, b) => String(a.name).localeCompare(String(b.name))),
  };
}
const liteOrPgName = (t: SQLiteTable | PgTable) => (is(t, SQLiteTable) ? liteConfig(t).name : pgConfig(t as PgTable).name);

describe('the PostgreSQL schema mirrors the SQLite schema', () => {
  it('has every table, and nothing else', () => {
    expect([...pgTables.keys()].sort()).toEqual(liteTables.map(([k]) => k).sort());
    expect(liteTables.length).toBeGreaterThan(20);
  });

  it.each(liteTables.map(([k, t]) => [k, t] as const))('%s: same columns, keys, foreign keys and indexes', (key, table) => {
    const other = pgTables.get(key);
    expect(other, `${key} is missing from src/db/pg-schema`).toBeDefined();
    expect(shapeOf(pgConfig(other!))).toEqual(shapeOf(liteConfig(table)));
  });

  it('gives every table the same TypeScript row types (select and insert)', () => {
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
  });
});
