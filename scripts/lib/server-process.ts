/**
 * The real kakunin server as a separate process (`node bin/kakunin.mjs serve`), for the crash
 * script, the soak bench and the backup test: the same binary an operator runs, killable with
 * SIGKILL, its resident memory readable from /proc. Also provisions a database before the first
 * start (migrations, an admin token, the ledger), the way an operator would with the CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createToken } from '../../src/auth/tokens.ts';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { directorySchema } from '../../src/domain/directory.ts';
import { replaceDirectory } from '../../src/ledger/store.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
export const CORPUS_DIR = path.resolve(REPO_ROOT, 'examples/corpus/shiomi-foodlink');

/** A running server process. */
export interface ServerProcess {
  pid: number;
  /** `http://127.0.0.1:port` as the server logged it. */
  url: string;
  /** Every stderr line and the non-JSON/warn+ stdout lines (for failure messages). */
  output: string[];
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** SIGKILL: no shutdown code runs, like a power cut of the process. */
  kill(): Promise<number | string>;
  /** SIGTERM: the graceful stop `serve` handles. */
  stop(): Promise<number | string>;
}

/**
 * Starts `kakunin serve` with exactly `env` (plus PATH/HOME) and waits for its "listening" line.
 * PORT defaults to 0 (a free port), HOST to 127.0.0.1: this never listens beyond loopback.
 */
export async function spawnServer(env: Record<string, string>, opts: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/kakunin.mjs'), 'serve'], {
    cwd: REPO_ROOT,
    // KAKUNIN_ENV_FILE: exactly `env`, never a ./.env lying in the repository
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', PORT: '0', KAKUNIN_ENV_FILE: '/dev/null', ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  readline.createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${opts.timeoutMs ?? 30_000} ms:\n${output.join('\n')}`)), opts.timeoutMs ?? 30_000);
    lines.on('line', (l) => {
      let rec: { url?: string; msg?: string; level?: number } | null = null;
      try {
        rec = JSON.parse(l) as { url?: string; msg?: string; level?: number };
      } catch {
        output.push(l);
      }
      if (rec && (rec.level ?? 0) >= 40) output.push(l);
      if (rec?.url && rec.msg?.startsWith('kakunin listening')) {
        clearTimeout(timer);
        resolve(rec.url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening:\n${output.join('\n')}`));
    });
  });
  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    return exited;
  };
  return { pid: child.pid!, url, output, exited, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/**
 * Resident memory of a process in KiB, from /proc/<pid>/status (VmRSS); null where /proc is
 * not available.
 */
export function rssKiB(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/**
 * Migrates the database at `file`, creates an admin token and loads the corpus ledger (when the
 * corpus is present). Returns the token (clear, shown once).
 */
export async function provisionDatabase(file: string, directoryFile = path.join(CORPUS_DIR, 'directory.json')): Promise<string> {
  const handle = openDatabase(file);
  try {
    await runMigrations(handle.db);
    if (fs.existsSync(directoryFile)) {
      await replaceDirectory(handle.db, directorySchema.parse(JSON.parse(fs.readFileSync(directoryFile, 'utf8'))), new Date());
    }
    return (await createToken(handle.db, 'robustness', 'admin', new Date())).token;
  } finally {
    await handle.close();
  }
}

/** The corpus `report` objects (the dev corpus next to the repository). */
export function corpusReports(): Record<string, unknown>[] {
  return fs
    .readFileSync(path.join(CORPUS_DIR, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { report: Record<string, unknown> }).report);
}
