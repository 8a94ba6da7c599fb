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
import { CliError, parseCli } from './args.ts';
import { keyFilePath } from '../secret-key.ts';
import type { Command } from './command.ts';
import { requireDatabase } from './with-db.ts';

export const backupCommand: Command = {
  usage: 'backup FILE                     consistent copy of the database, safe while serving',
  help: ['FILE must not exist; its folder must (a typo in the path should not create folders).', 'The copy is integrity-checked before it gets its name. Exit 0/1.'],
  async run(args, io) {
    const file = parseCli(args, { positionals: ['FILE'] }).positionals[0]!;
    const config = loadConfig(io.env);
    const target = path.resolve(file);
    if (fs.existsSync(target)) throw new CliError(`${target} exists; choose a new file name (a backup never overwrites)`);
    if (!fs.statSync(path.dirname(target), { throwIfNoEntry: false })?.isDirectory()) {
      throw new CliError(`the folder ${path.dirname(target)} does not exist; create it first (a backup does not create folders)`);
    }
    requireDatabase(config);
    const partial = `${target}.partial-${process.pid}`;
    const started = performance.now();
    try {
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
