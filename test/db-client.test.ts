import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { keepLimitCompiled, openDatabase, type DbHandle } from '../src/db/client.ts';
import { reports } from '../src/db/schema/index.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { tempDir } from './helpers.ts';

let handle: DbHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

describe('database connection', () => {
  it("rewrites drizzle's bound LIMIT so SQLite keeps the compiled statement, and the limit still applies", () => {
    expect(keepLimitCompiled('select "id" from "reports" order by "id" limit ?')).toBe('select "id" from "reports" order by "id" limit +?');
    expect(keepLimitCompiled('select 1 limit 1')).toBe('select 1 limit 1');
    handle = openDatabase(path.join(tempDir(), 'k.db'));
    handle.sqlite.exec('create table t (id integer primary key)');
    for (let i = 0; i < 5; i++) handle.sqlite.prepare('insert into t default values').run();
    const q = handle.sqlite.prepare('select id from t order by id limit ?');
    expect(q.source).toMatch(/limit \+\?$/);
    expect(q.all(2)).toEqual([{ id: 1 }, { id: 2 }]);
    expect(q.all(4)).toHaveLength(4); // the value bound each time is the limit
  });

  it('runs drizzle queries with .limit() through the rewritten statement', async () => {
    handle = openDatabase(path.join(tempDir(), 'k.db'));
    await runMigrations(handle.db);
    expect(await handle.db.select({ id: reports.id }).from(reports).orderBy(asc(reports.id)).limit(3).all()).toEqual([]);
    expect((await handle.db.get<{ n: number }>(sql`select count(*) as n from reports`))?.n).toBe(0);
    expect(handle.sqlite.pragma('temp_store', { simple: true })).toBe(2); // statement journals in memory
  });
});
