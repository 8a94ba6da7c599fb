/**
 * WAL checkpoints on a thread of their own. By default SQLite checkpoints inside whichever commit
 * pushes the WAL past 1000 pages: that commit then copies the pages into the database file and
 * fsyncs it, on the event loop, while every request waits. The server turns that off on its
 * connection and runs a PASSIVE checkpoint (never blocks the writer) every `intervalMs` from a
 * worker thread with its own connection. If the thread dies, the connection's automatic
 * checkpoints come back, so the WAL can never grow without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logger.ts';
import type { DbHandle } from './client.ts';

/** SQLite's default: checkpoint when the WAL passes this many pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

// CommonJS, run with `eval`: no TypeScript loader is needed inside the thread.
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const run = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); }
  catch (err) { parentPort.postMessage({ error: String((err && err.message) || err) }); }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint and ends the thread. */
  stop(): Promise<void>;
}

/** Moves `handle`'s checkpoints to a thread working on `file`, every `intervalMs`. */
export function startCheckpointer(handle: DbHandle, file: string, logger: Logger, intervalMs = 1000): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(THREAD, { eval: true, workerData: { driver, file, intervalMs } });
  // At start, before the connection is used: no transaction can be open yet.
  handle.sqlite.pragma('wal_autocheckpoint = 0');
  // Later, through the gate (after any open transaction); a closed connection needs nothing.
  const restoreAutocheckpoint = () =>
    handle
      .withConnection((sqlite) => {
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
      })
      .catch((err: unknown) => logger.error({ err }, 'could not turn automatic checkpoints back on'));
  let stopping = false;
  let exited = false;
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const fallBack = (why: string, err?: unknown) => {
    if (stopping) return;
    logger.error({ err }, `checkpoint thread ${why}; the database connection checkpoints by itself again`);
    void restoreAutocheckpoint();
  };
  worker.on('message', (m: { error?: string }) => {
    if (m.error) logger.warn({ error: m.error }, 'WAL checkpoint failed; retried at the next interval');
  });
  worker.on('error', (err) => fallBack('failed', err));
  worker.on('exit', (code) => {
    exited = true;
    fallBack(`exited (code ${code})`);
  });
  worker.unref();
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      if (!exited) {
        worker.postMessage('stop');
        const timeout = setTimeout(() => void worker.terminate(), 5000);
        await gone;
        clearTimeout(timeout);
      }
      await restoreAutocheckpoint();
    },
  };
}
