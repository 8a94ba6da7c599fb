/**
 * `kakunin backup FILE` while the real server (its own process) is taking reports: each backup is
 * a consistent snapshot (integrity ok, the audit chain verifies, every report in it is identical
 * to the live one), and a backup restores: a runtime opened on it serves its cases.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusReports, provisionDatabase, REPO_ROOT, spawnServer, type ServerProcess } from '../../scripts/lib/server-process.ts';
import { caseListQuerySchema } from '../../src/cases/queries.ts';
import { main } from '../../src/main.ts';
import { tempDir, testRuntime, type TestRuntime } from '../helpers.ts';

let server: ServerProcess | null = null;
let restored: TestRuntime | null = null;
afterEach(async () => {
  await server?.stop();
  await restored?.close();
  server = null;
  restored = null;
});

describe('backup while serving', () => {
  it('takes consistent, restorable snapshots while reports keep arriving', async () => {
    const dir = tempDir();
    const dbFile = path.join(dir, 'kakunin.db');
    const token = await provisionDatabase(dbFile);
    server = await spawnServer({ DATABASE_URL: `file:${dbFile}`, CONSOLE_NOTIFIER: 'false' });
    const url = server.url;
    const corpus = corpusReports();
    let sent = 0;
    let stop = false;
    const failures: string[] = [];
    const writer = async () => {
      while (!stop) {
        const i = sent++;
        const res = await fetch(`${url}/api/reports`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...corpus[i % corpus.length], externalId: `bk-${i}` }),
        });
        if (res.status !== 201) failures.push(`${res.status} ${await res.text()}`);
      }
    };
    const writers = Array.from({ length: 8 }, writer);
    const io = (out: string[]) => ({ env: { DATABASE_URL: `file:${dbFile}` }, out: (l: string) => out.push(l), err: (l: string) => out.push(l) });
    const backups: string[] = [];
    const counts: number[] = [];
    while (backups.length < 3) {
      await new Promise((r) => setTimeout(r, 300)); // let writes pile up between snapshots
      const file = path.join(dir, `backup-${backups.length}.db`);
      const before = sent;
      // The operator's command, in its own process, while this one keeps writing through the server.
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, 'bin/kakunin.mjs'), 'backup', file], {
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: `file:${dbFile}`, KAKUNIN_ENV_FILE: '/dev/null' },
      });
      expect(stdout).toMatch(/integrity ok/);
      expect(sent).toBeGreaterThan(before); // reports were written while the backup ran
      backups.push(file);
    }
    stop = true;
    await Promise.all(writers);
    expect(failures).toEqual([]);

    // The key is not in a backup (that is the point of a key): verifying one takes the live key.
    const key = fs.readFileSync(`${dbFile}.key`, 'utf8').trim();
    const live = new Database(dbFile, { readonly: true });
    const bodyOf = live.prepare('select message_body, payload from reports where id = ?');
    for (const file of backups) {
      const b = new Database(file, { readonly: true });
      expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(b.pragma('journal_mode', { simple: true })).not.toBe('wal'); // a self-contained file
      const rows = b.prepare('select id, message_body, payload from reports order by id').all() as { id: number; message_body: string; payload: string }[];
      counts.push(rows.length);
      for (const r of rows) expect(bodyOf.get(r.id)).toEqual({ message_body: r.message_body, payload: r.payload });
      // No report without its case, event and (for a consistent snapshot) a chain that verifies.
      expect(b.prepare('select count(*) n from reports r left join cases c on c.id = r.case_id where c.id is null').get()).toEqual({ n: 0 });
      b.close();
      const out: string[] = [];
      const verify = (env: Record<string, string>) => main(['audit', 'verify'], { env: { DATABASE_URL: `file:${file}`, ...env }, out: (l) => out.push(l), err: (l) => out.push(l) });
      expect(await verify({ KAKUNIN_SECRET_KEY: key }), out.join('\n')).toBe(0);
      expect(await verify({})).toBe(1); // without its key a backup cannot be verified
      expect(out.at(-1)).toContain('KAKUNIN_SECRET_KEY: not set');
    }
    live.close();
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[2]).toBeGreaterThan(counts[0]!); // the snapshots are of a database being written

    // Restore: the backup is the database file of a new install.
    const restoreDir = tempDir();
    fs.copyFileSync(backups[2]!, path.join(restoreDir, 'kakunin.db'));
    fs.copyFileSync(`${dbFile}.key`, path.join(restoreDir, 'kakunin.db.key'));
    restored = await testRuntime({ dir: restoreDir });
    const list = await restored.deps.cases.list(caseListQuerySchema.parse({ limit: '5' }));
    expect(list.cases.length).toBeGreaterThan(0);
    expect((await restored.deps.cases.get(list.cases[0]!.ref)).reports.length).toBeGreaterThan(0);

    // A backup never overwrites.
    const out: string[] = [];
    expect(await main(['backup', backups[0]!], io(out))).toBe(1);
    expect(out.join('\n')).toContain('exists');
  }, 60_000);
});
