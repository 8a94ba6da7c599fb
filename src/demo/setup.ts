/**
 * `kakunin demo`'s setup: a fresh demo database filled the way a real one fills. The ledger is
 * imported, every sample report is POSTed to `/api/reports` of the real app (validation, detection,
 * grouping, correlation, audit chain, outbox), the outbox worker delivers the cards to the console
 * inbox, and a responder's actions go through the case service, each at its own time on a manual
 * clock, so the console shows days of history: reports per day, time to acknowledge, reminders.
 *
 * The demo database is marked (SQLite `application_id`) so that a later run replaces only a file
 * it made: any other file at that path, a real kakunin database included, is refused.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { generatePassword } from '../auth/passwords.ts';
import { createToken } from '../auth/tokens.ts';
import { createUser } from '../auth/users.ts';
import { ManualClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { apiTokens } from '../db/schema/index.ts';
import type { Actor } from '../domain/case.ts';
import type { Logger } from '../logger.ts';
import { createRuntime, type Runtime } from '../runtime.ts';
import { readDemoData, timeline, type DemoData } from './data.ts';

/** `PRAGMA application_id` of a demo database ('kknd'). */
export const DEMO_APPLICATION_ID = 0x6b6b6e64;

/** The admin the demo creates. */
export const DEMO_ADMIN = { name: 'admin', displayName: 'デモ管理者 / Demo admin' } as const;

/** Thrown when the file at the demo path is not a demo database (nothing was changed). */
export class NotADemoDatabase extends Error {
  override readonly name = 'NotADemoDatabase';
}

/** True when `file` is a SQLite database that the demo made. */
export function isDemoDatabase(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.pragma('application_id', { simple: true }) === DEMO_APPLICATION_ID;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Removes the previous demo database at `file` (and its -wal/-shm), so the demo starts fresh.
 * Anything else at that path is refused with NotADemoDatabase and left as it is.
 */
export function removeDemoDatabase(file: string): void {
  if (!fs.existsSync(file)) return;
  if (!isDemoDatabase(file)) {
    throw new NotADemoDatabase(`${file} exists and is not a kakunin demo database: the demo replaces only a database it made. Move the file or choose another path (--database).`);
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

export interface DemoResult {
  databasePath: string;
  admin: { name: string; password: string };
  reports: number;
  cases: number;
  actions: number;
  /** Cards in the console inbox. */
  inboxCards: number;
  /** The case ref each sample report went to, by its id (demo-01 …). */
  caseOf: Map<string, string>;
}

/**
 * Builds the demo database at `config.databasePath` (which must not exist: see removeDemoDatabase).
 * `config` should route cards to the inbox only (see the demo command). Resolves once everything
 * is committed and every card delivered; the database is closed again.
 */
export async function setupDemo(config: Config, opts: { logger: Logger; now?: Date; data?: DemoData }): Promise<DemoResult> {
  if (fs.existsSync(config.databasePath)) throw new Error(`${config.databasePath} already exists: the demo starts from no database`);
  const data = opts.data ?? readDemoData();
  const events = timeline(data, opts.now ?? new Date());
  const clock = new ManualClock(new Date((events[0]?.at.getTime() ?? Date.now()) - 3_600_000));
  const runtime = await createRuntime(config, { clock, logger: opts.logger });
  try {
    await runtime.handle.withConnection((sqlite) => sqlite.pragma(`application_id = ${DEMO_APPLICATION_ID}`));
    const { db } = runtime.deps;
    await runtime.deps.directory.replace(data.directory, clock.now());
    const password = generatePassword();
    const admin = await createUser(db, { ...DEMO_ADMIN, role: 'admin', password }, clock.now());
    const actor: Actor = { platform: 'web', userId: `user:${admin.id}`, displayName: admin.displayName };
    const intake = await createToken(db, 'demo intake (revoked after the demo setup)', 'intake', clock.now());

    const caseOf = new Map<string, string>();
    for (const event of events) {
      clock.set(event.at);
      await drain(runtime);
      if (event.kind === 'report') {
        const res = await runtime.app.request('/api/reports', {
          method: 'POST',
          headers: { authorization: `Bearer ${intake.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(event.line.report),
        });
        if (res.status !== 201) throw new Error(`demo report ${event.line.id}: POST /api/reports answered ${res.status}: ${await res.text()}`);
        caseOf.set(event.line.id, ((await res.json()) as { caseRef: string }).caseRef);
      } else {
        const { action } = event;
        const ref = caseOf.get(action.report);
        if (!ref) throw new Error(`demo action on ${action.report} comes before that report`);
        await runtime.deps.cases.act(ref, action.action, actor, { resolution: action.resolution ?? null, note: action.note ?? null });
      }
      await drain(runtime);
    }
    clock.set(opts.now ?? new Date());
    await drain(runtime);
    await db.update(apiTokens).set({ revokedAt: clock.now().toISOString() }).where(eq(apiTokens.id, intake.id)).run();

    const count = (table: string) => runtime.handle.withConnection((sqlite) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n);
    return {
      databasePath: config.databasePath,
      admin: { name: admin.name, password },
      reports: await count('reports'),
      cases: await count('cases'),
      actions: data.actions.length,
      inboxCards: await count('inbox_cards'),
      caseOf,
    };
  } finally {
    await runtime.close();
  }
}

/** Ticks the outbox worker until a tick does nothing (cards, updates, reminders due by the clock). */
async function drain(runtime: Runtime): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const s = await runtime.worker.tick();
    if (s.sent + s.retried + s.dead + s.fired === 0) return;
  }
}
