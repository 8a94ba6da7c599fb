/**
 * The crash experiment behind scripts/crash-test.ts and test/robustness/crash.test.ts.
 *
 * It runs the real server (a separate process) against a local fake Slack, sends N corpus
 * reports concurrently (each with its own externalId), SIGKILLs the server once half of them have
 * been answered, restarts it on the same SQLite file, re-sends what had no answer (as any client
 * would, with the same externalId), waits for the outbox to drain and then checks:
 *
 * - every report answered 2xx is stored, once, with the id it was answered with;
 * - every case at or above NOTIFY_MIN_VERDICT has a card at the fake Slack, and the card
 *   kakunin remembers (chat_posts) is one Slack really received;
 * - no delivery is left pending or dead.
 *
 * Duplicated cards are counted, not failed: delivery is at-least-once. A duplicate happens only
 * when the process dies after Slack accepted chat.postMessage and before the transaction that
 * records it (chat_posts + deliveries.status = 'sent') commits; after the restart that delivery is
 * still pending and is posted again once the dead process's claim on it (a 5-minute send lease,
 * src/delivery/worker.ts) has expired. The script expires such leases by hand instead of waiting.
 */
import { SEND_LEASE_MS } from '../../src/delivery/worker.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LeanFakeSlack } from './fake-slack.ts';
import { corpusReports, provisionDatabase, spawnServer, type ServerProcess } from './server-process.ts';

export interface CrashOptions {
  reports: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** How long to wait for the outbox to drain after the restart. */
  drainTimeoutMs?: number;
}

export interface CrashResult {
  reports: number;
  /** Answered 2xx by the first server before it was killed. */
  answeredBeforeKill: number;
  /** Requests that had no answer (in flight when the process died, or refused while it was down). */
  unanswered: number;
  /** Of those, re-sent after the restart and answered 200 "already stored": committed, then killed before the answer left. */
  committedButUnanswered: number;
  /** Reports in the database at the end (must equal `reports`). */
  stored: number;
  /** externalIds answered 2xx but not stored (must be empty). */
  lost: string[];
  /** externalIds stored more than once (must be empty). */
  doubled: string[];
  cases: number;
  casesNeedingCard: number;
  /** Refs of cases that need a card and have none at the fake Slack (must be empty). */
  cardsMissing: string[];
  /** Cases with more than one top-level card (at-least-once). */
  duplicates: { ref: string; posts: number }[];
  /** Deliveries not sent at the end (must be 0). */
  pendingLeft: number;
  dead: number;
  /** Deliveries held by the killed process's send lease (claimed, or updates deferred behind a claimed post). */
  leasedAtKill: number;
  /** chat.postMessage calls the fake had received when the first server was killed. */
  postsBeforeKill: number;
  elapsedMs: number;
}

const SEVERITIES_WITH_CARD = "('medium','high')"; // NOTIFY_MIN_VERDICT=medium, the default
/** Retries here back off at most DELIVERY_MAX_DELAY_MS=2 s; a due time further out than this is a send lease. */
const LEASE_THRESHOLD_MS = SEND_LEASE_MS / 2;

type Outcome = { ok: true; status: number; reportId: number } | { ok: false; error: string };

async function postReport(url: string, token: string, body: string): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    if (res.status !== 200 && res.status !== 201) return { ok: false, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    return { ok: true, status: res.status, reportId: (JSON.parse(text) as { reportId: number }).reportId };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? `${err.message} ${String((err.cause as Error | undefined)?.message ?? '')}` : String(err) };
  }
}

/** Runs `items` through `worker` with at most `concurrency` in flight; stops taking new ones when `stop()` says so. */
async function pool<T>(items: T[], concurrency: number, worker: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length && !stop()) await worker(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

/** Runs the experiment; throws only when the setup itself fails (the checks are in the result). */
export async function runCrashTest(opts: CrashOptions): Promise<CrashResult> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-crash-'));
  const dbFile = path.join(dir, 'kakunin.db');
  const fake = await new LeanFakeSlack().start();
  const token = await provisionDatabase(dbFile);
  const env = {
    DATABASE_URL: `file:${dbFile}`,
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: 'crash-test-signing-secret',
    SLACK_CHANNEL_ID: 'C0CRASHTEST',
    SLACK_API_URL: fake.url,
    CONSOLE_NOTIFIER: 'false',
    DELIVERY_POLL_MS: '200',
    DELIVERY_BASE_DELAY_MS: '200',
    DELIVERY_MAX_DELAY_MS: '2000',
  };
  const corpus = corpusReports();
  const bodies = Array.from({ length: opts.reports }, (_, i) => ({
    externalId: `crash-${i}`,
    body: JSON.stringify({ ...corpus[i % corpus.length], externalId: `crash-${i}` }),
  }));
  const answered = new Map<string, number>(); // externalId → reportId
  const unanswered: typeof bodies = [];
  let server: ServerProcess | null = null;
  try {
    server = await spawnServer(env);
    log(`server 1 (pid ${server.pid}) at ${server.url}; sending ${opts.reports} reports, ${opts.concurrency ?? 50} at a time`);
    const killAt = Math.floor(opts.reports / 2);
    let killed = false;
    const first = server;
    const postsBeforeKill = { n: 0 };
    await pool(
      bodies,
      opts.concurrency ?? 50,
      async (b) => {
        const out = await postReport(first.url, token, b.body);
        if (out.ok && !killed) answered.set(b.externalId, out.reportId);
        else unanswered.push(b);
        if (!killed && answered.size >= killAt) {
          killed = true;
          postsBeforeKill.n = fake.count('chat.postMessage');
          void first.kill();
        }
      },
      () => killed,
    );
    const answeredBeforeKill = answered.size;
    const code = await first.kill();
    log(`killed server 1 (${code}) after ${answeredBeforeKill} answers; ${postsBeforeKill.n} cards posted by then`);
    // Not yet sent at all: never taken from the list.
    const taken = new Set([...answered.keys(), ...unanswered.map((b) => b.externalId)]);
    const untaken = bodies.filter((b) => !taken.has(b.externalId));

    server = await spawnServer(env);
    log(`server 2 (pid ${server.pid}) at ${server.url}; re-sending ${unanswered.length} unanswered and ${untaken.length} unsent reports`);
    let committedButUnanswered = 0;
    const second = server;
    const failures: string[] = [];
    await pool([...unanswered, ...untaken], opts.concurrency ?? 50, async (b) => {
      const out = await postReport(second.url, token, b.body);
      if (!out.ok) {
        failures.push(`${b.externalId}: ${out.error}`);
        return;
      }
      if (out.status === 200) committedButUnanswered += 1;
      answered.set(b.externalId, out.reportId);
    });
    if (failures.length > 0) throw new Error(`the restarted server refused ${failures.length} reports:\n${failures.slice(0, 5).join('\n')}`);

    const ro = new Database(dbFile, { readonly: true });
    try {
      const deadline = Date.now() + (opts.drainTimeoutMs ?? 30_000);
      const pendingSoon = () =>
        (ro.prepare("select count(*) n from deliveries where status = 'pending' and next_attempt_at <= ?").get(Date.now() + LEASE_THRESHOLD_MS) as { n: number }).n;
      while (pendingSoon() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      // Deliveries the killed process had claimed stay leased (SEND_LEASE_MS, 1 min) before the new
      // process may send them. Rather than wait, expire those leases in the database, as time would.
      const rw = new Database(dbFile);
      rw.pragma('busy_timeout = 5000');
      const leasedAtKill = rw
        .prepare("update deliveries set next_attempt_at = ? where status = 'pending' and next_attempt_at > ?")
        .run(Date.now(), Date.now() + LEASE_THRESHOLD_MS).changes;
      rw.close();
      if (leasedAtKill > 0) log(`${leasedAtKill} deliveries were held by the killed process's send lease (claimed, or waiting behind a claimed post); expired by hand`);
      const pending = () => (ro.prepare("select count(*) n from deliveries where status = 'pending'").get() as { n: number }).n;
      while (pending() > 0 && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 100));
      await server.stop();
      server = null;

      const rows = ro.prepare("select id, external_id from reports where source = 'api'").all() as { id: number; external_id: string }[];
      const byExternal = new Map<string, number[]>();
      for (const r of rows) byExternal.set(r.external_id, [...(byExternal.get(r.external_id) ?? []), r.id]);
      const lost = [...answered].filter(([ext, id]) => !byExternal.get(ext)?.includes(id)).map(([ext]) => ext);
      const doubled = [...byExternal].filter(([, ids]) => ids.length > 1).map(([ext]) => ext);
      const needing = ro.prepare(`select id from cases where severity in ${SEVERITIES_WITH_CARD}`).all() as { id: number }[];
      const postOf = ro.prepare("select message_id from chat_posts where case_id = ? and platform = 'slack'");
      const cardsMissing = needing
        .map(({ id }) => ({ ref: `KKN-${String(id).padStart(6, '0')}`, post: postOf.get(id) as { message_id: string } | undefined }))
        .filter(({ ref, post }) => !post || !fake.posts(ref).includes(post.message_id))
        .map(({ ref }) => ref);
      const count = (sql: string) => (ro.prepare(sql).get() as { n: number }).n;
      return {
        reports: opts.reports,
        answeredBeforeKill,
        unanswered: unanswered.length,
        committedButUnanswered,
        stored: rows.length,
        lost,
        doubled,
        cases: count('select count(*) n from cases'),
        casesNeedingCard: needing.length,
        cardsMissing,
        duplicates: fake.duplicates(),
        pendingLeft: count("select count(*) n from deliveries where status = 'pending'"),
        dead: count("select count(*) n from deliveries where status = 'dead'"),
        postsBeforeKill: postsBeforeKill.n,
        leasedAtKill,
        elapsedMs: Date.now() - t0,
      };
    } finally {
      ro.close();
    }
  } finally {
    await server?.kill();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** True when nothing was lost: the checks a CI run fails on (duplicates are allowed). */
export function crashPassed(r: CrashResult): boolean {
  return r.lost.length === 0 && r.doubled.length === 0 && r.stored === r.reports && r.cardsMissing.length === 0 && r.pendingLeft === 0 && r.dead === 0;
}
