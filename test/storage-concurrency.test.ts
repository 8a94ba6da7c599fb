/**
 * The storage seam under concurrency, on a real SQLite file. Every transaction here awaits between
 * its statements (a macrotask, like a request waiting on the network or on another query), so
 * many are open "at once" from the callers' point of view while the process has one connection.
 * The invariants: no lost update, no torn state, the rollback of one transaction takes nothing of
 * another or of a plain write with it, nobody reads another transaction's uncommitted rows, and
 * the hash-chained audit trail never forks.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuditTrail, keyAuditChain } from '../src/audit/audit.ts';
import { openDatabase, type DbHandle } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { cases } from '../src/db/schema/index.ts';
import { tempDir } from './helpers.ts';

let handle: DbHandle | null = null;
afterEach(async () => {
  await handle?.close();
  handle = null;
});

/** Yields to the event loop (a macrotask): other callers' work runs meanwhile. */
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

async function open(): Promise<{ h: DbHandle; file: string }> {
  const file = path.join(tempDir(), 'k.db');
  const h = openDatabase(file);
  handle = h;
  await h.db.run(sql`create table counter (id integer primary key, n integer not null)`);
  await h.db.run(sql`create table ledger (id integer primary key, who text not null, kind text not null)`);
  await h.db.run(sql`insert into counter (id, n) values (1, 0)`);
  return { h, file };
}

const count = async (h: DbHandle, where: string) => (await h.db.get<{ n: number }>(sql.raw(`select count(*) as n from ledger where ${where}`))).n;

describe('storage seam: async transactions on one SQLite connection', () => {
  it('many interleaved read-modify-write transactions lose no update; failed ones leave nothing; plain writes are all kept', async () => {
    const { h } = await open();
    const { db } = h;
    const TX = 60;
    const PLAIN = 60;
    const failing = (i: number) => i % 5 === 0;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < TX; i++) {
      work.push(
        db
          .transaction(async (tx) => {
            const before = (await tx.get<{ n: number }>(sql`select n from counter where id = 1`)).n;
            await yieldTurn();
            await tx.run(sql`insert into ledger (who, kind) values (${`tx${i}`}, 'tx')`);
            await yieldTurn();
            await tx.run(sql`update counter set n = ${before + 1} where id = 1`);
            if (failing(i)) throw new Error(`tx${i} fails after writing`);
          })
          .catch((err: Error) => err.message),
      );
      // A plain write between transactions, issued while one of them is open and awaiting.
      if (i < PLAIN) work.push((async () => {
        await yieldTurn();
        await db.run(sql`insert into ledger (who, kind) values (${`plain${i}`}, 'plain')`);
      })());
    }
    const results = await Promise.all(work);
    const failed = results.filter((r) => typeof r === 'string');
    expect(failed).toHaveLength(TX / 5);
    const committed = TX - TX / 5;
    // No lost update: each committed transaction read the value the previous one wrote.
    expect((await db.get<{ n: number }>(sql`select n from counter where id = 1`)).n).toBe(committed);
    // Failed transactions left nothing; the others and every plain write are there.
    expect(await count(h, "kind = 'tx'")).toBe(committed);
    for (let i = 0; i < TX; i += 5) expect(await count(h, `who = 'tx${i}'`)).toBe(0);
    expect(await count(h, "kind = 'plain'")).toBe(PLAIN);
  });

  it('a plain read while a transaction is open does not see its uncommitted rows, and does not wait for the caller that opened it to do more', async () => {
    const { h } = await open();
    const { db } = h;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const tx = db.transaction(async (t) => {
      await t.run(sql`insert into ledger (who, kind) values ('open', 'tx')`);
      inside();
      await gate;
      throw new Error('rolled back');
    });
    await opened;
    // Issued while the transaction is open: it runs after it ends, so never sees 'open'.
    const read = count(h, "who = 'open'");
    const write = db.run(sql`insert into ledger (who, kind) values ('plain-during', 'plain')`);
    await yieldTurn();
    release();
    await expect(tx).rejects.toThrow('rolled back');
    expect(await read).toBe(0);
    await write;
    // The rollback took the transaction's row and left the plain write, issued while it was open.
    expect(await count(h, "who = 'open'")).toBe(0);
    expect(await count(h, "who = 'plain-during'")).toBe(1);
  });

  it('a transaction inside a transaction is a savepoint: its failure undoes only its own writes', async () => {
    const { h } = await open();
    const { db } = h;
    await db.transaction(async (tx) => {
      await tx.run(sql`insert into ledger (who, kind) values ('outer', 'tx')`);
      await expect(
        tx.transaction(async (inner) => {
          await inner.run(sql`insert into ledger (who, kind) values ('inner', 'tx')`);
          await yieldTurn();
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      // Built on `db`, issued inside the transaction's callback: part of the transaction (ambient).
      await db.run(sql`insert into ledger (who, kind) values ('outer-db', 'tx')`);
    });
    expect(await count(h, "who = 'outer'")).toBe(1);
    expect(await count(h, "who = 'outer-db'")).toBe(1);
    expect(await count(h, "who = 'inner'")).toBe(0);
  });

  it('holds the write lock from BEGIN: another process cannot write while a transaction is open, and sees nothing of it until it commits', async () => {
    const { h, file } = await open();
    const other = new Database(file);
    try {
      other.pragma('busy_timeout = 0');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let inside!: () => void;
      const opened = new Promise<void>((resolve) => (inside = resolve));
      const tx = h.db.transaction(async (t) => {
        await t.run(sql`insert into ledger (who, kind) values ('locked', 'tx')`);
        inside();
        await gate;
      });
      await opened;
      expect(() => other.prepare("insert into ledger (who, kind) values ('other', 'plain')").run()).toThrow(/SQLITE_BUSY|database is locked/);
      expect((other.prepare("select count(*) as n from ledger where who = 'locked'").get() as { n: number }).n).toBe(0);
      release();
      await tx;
      expect((other.prepare("select count(*) as n from ledger where who = 'locked'").get() as { n: number }).n).toBe(1);
    } finally {
      other.close();
    }
  });

  it('concurrent audit appends, each in its own transaction awaiting mid-way, keep one unforked chain that verifies', async () => {
    const { h } = await open();
    const { db } = h;
    await runMigrations(db);
    const key = Buffer.alloc(32, 7);
    await keyAuditChain(db, key, { now: new Date('2026-01-07T00:00:00Z'), keySource: 'test' });
    const trail = createAuditTrail(db, key);
    const at = '2026-01-07T00:00:00.000Z';
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const row = await db.insert(cases).values({ severity: 'high', score: 1, reportCount: 1, firstReportAt: at, lastReportAt: at, openedAt: at, updatedAt: at }).returning({ id: cases.id }).get();
      ids.push(row.id);
    }
    const actor = { platform: 'system' as const, userId: 'test', displayName: 'test' };
    const APPENDS = 80;
    const results = await Promise.all(
      Array.from({ length: APPENDS }, (_, i) =>
        db
          .transaction(async () => {
            await yieldTurn();
            await trail.append({ caseId: ids[i % ids.length]!, type: 'note', fromStatus: 'new', toStatus: 'new', resolution: null, actor, note: `n${i}`, data: { i }, at });
            await yieldTurn();
            if (i % 7 === 3) throw new Error('rolled back after appending');
          })
          .then(() => 'ok', () => 'rolled back'),
      ),
    );
    const kept = results.filter((r) => r === 'ok').length;
    // Exactly the ones meant to fail were rolled back; every other append committed.
    expect(kept).toBe(Array.from({ length: APPENDS }, (_, i) => i).filter((i) => i % 7 !== 3).length);
    const rows = await db.all<{ prev_hash: string; n: number }>(sql`select prev_hash, count(*) as n from case_events group by prev_hash having count(*) > 1`);
    expect(rows).toEqual([]); // no two events extend the same hash: the chain did not fork
    expect((await db.get<{ n: number }>(sql`select count(*) as n from case_events`)).n).toBe(kept);
    // The chain verifies against its signed head, and each event links to the one before it.
    const verdict = await trail.verify();
    expect(verdict).toMatchObject({ ok: true, rows: kept });
    const events = await db.all<{ prev_hash: string; hash: string }>(sql`select prev_hash, hash from case_events order by id`);
    let prev = '';
    for (const e of events) {
      expect(e.prev_hash).toBe(prev);
      prev = e.hash;
    }
  });
});
