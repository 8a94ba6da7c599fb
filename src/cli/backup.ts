/**
 * `kakunin backup FILE`: a consistent copy of the database while kakunin runs. `VACUUM INTO`
 * reads one snapshot (WAL mode: writers go on meanwhile) into a new, compact file; it is written
 * next to FILE, checked with `PRAGMA integrity_check`, and only then renamed to FILE, so FILE is
 * either a complete, checked backup or absent. Refuses to overwrite FILE. Exit 0/1.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.ts';
import { keyFilePath } from '../secret-key.ts';
import type { Command } from './command.ts';

export const backupCommand: Command = {
  usage: 'backup FILE                     consistent copy of the database, safe while serving',
  async run(args, io) {
    const [file] = args;
    if (!file || args.length !== 1) {
      io.err(`usage: kakunin ${backupCommand.usage}`);
      return 2;
    }
    const config = loadConfig(io.env);
    const target = path.resolve(file);
    if (fs.existsSync(target)) {
      io.err(`${target} exists; choose a new file name (a backup never overwrites)`);
      return 1;
    }
    if (!fs.existsSync(config.databasePath)) {
      io.err(`no database at ${config.databasePath} (DATABASE_URL)`);
      return 1;
    }
    const partial = `${target}.partial-${process.pid}`;
    const started = performance.now();
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const source = new Database(config.databasePath, { fileMustExist: true });
      try {
        source.pragma('busy_timeout = 5000');
        source.prepare('VACUUM INTO ?').run(partial);
      } finally {
        source.close();
      }
      const copy = new Database(partial, { readonly: true });
      let summary: string;
      try {
        const check = copy.pragma('integrity_check', { simple: true });
        if (check !== 'ok') throw new Error(`integrity_check of the copy says: ${String(check)}`);
        const n = (t: string) => (copy.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
        summary = `${n('reports')} reports, ${n('cases')} cases, ${n('case_events')} audit events`;
      } finally {
        copy.close();
      }
      fs.renameSync(partial, target);
      io.out(`backup written to ${target} (${fs.statSync(target).size} bytes; ${summary}; integrity ok) in ${Math.round(performance.now() - started)} ms`);
      io.out(`the secret key is not in the backup: keep ${config.secretKey ? 'KAKUNIN_SECRET_KEY' : keyFilePath(config.databasePath)} (apart from it) to verify or restore it`);
      return 0;
    } catch (err) {
      fs.rmSync(partial, { force: true });
      io.err(`backup failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
  },
};
