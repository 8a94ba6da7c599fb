import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DbHandle } from '../src/db/client.ts';
import { startCheckpointer, type Checkpointer } from '../src/db/checkpointer.ts';
import { createLogger } from '../src/logger.ts';
import { LogSink, tempDir } from './helpers.ts';

let handle: DbHandle | null = null;
let cp: Checkpointer | null = null;
afterEach(async () => {
  await cp?.stop();
  await handle?.close();
  cp = null;
  handle = null;
});

const autocheckpoint = (h: DbHandle) => h.sqlite.pragma('wal_autocheckpoint', { simple: true });

describe('WAL checkpoint thread', () => {
  it('copies committed pages into the database file while the connection itself never checkpoints; stop restores the default', async () => {
    const file = path.join(tempDir(), 'cp.db');
    handle = openDatabase(file);
    handle.sqlite.exec('create table t (id integer primary key, body text not null)');
    cp = startCheckpointer(handle, file, createLogger('silent', new LogSink()), 50);
    expect(autocheckpoint(handle)).toBe(0);
    const before = fs.statSync(file).size;
    const insert = handle.sqlite.prepare('insert into t (body) values (?)');
    handle.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run('x'.repeat(1000));
    })();
    expect(fs.statSync(file).size).toBe(before); // 3 MB committed, all of it still in the WAL
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(before + 3_000_000), { timeout: 5000, interval: 50 });
    await cp.stop();
    expect(autocheckpoint(handle)).toBe(1000);
  });

  it('if the thread cannot work, the connection goes back to checkpointing by itself and says so', async () => {
    const file = path.join(tempDir(), 'cp.db');
    handle = openDatabase(file);
    const sink = new LogSink();
    cp = startCheckpointer(handle, path.join(file, 'not-a-dir', 'x.db'), createLogger('info', sink), 50);
    expect(autocheckpoint(handle)).toBe(0);
    await vi.waitFor(() => expect(autocheckpoint(handle!)).toBe(1000), { timeout: 5000 });
    expect(sink.lines.map((l) => l.msg).join("\n")).toMatch(/checkpoint thread (failed|exited)/);
  });
});
