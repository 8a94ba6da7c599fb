/**
 * Test wiring: a real runtime on a SQLite file in a fresh temp dir, a manual clock, tokens, the
 * dev corpus, and a scripted notifier (the adapter boundary, not the outbox under test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NotifierBinding, NotifierFactory } from '../src/deps.ts';
import type { CaseCard, Notifier, NotifierPlatform, PostedCard, Reminder, ReportOrigin, ReporterEvent, ReporterNotifier } from '../src/domain/notifier.ts';
import { createToken } from '../src/auth/tokens.ts';
import { ManualClock } from '../src/clock.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Report } from '../src/domain/report.ts';
import { createLogger } from '../src/logger.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../src/runtime.ts';

export const CORPUS_DIR = path.resolve(import.meta.dirname, '../examples/corpus/shiomi-foodlink');

/** The dev corpus lines. */
export function corpus(): { id: string; label: string; category: string; report: Report }[] {
  return fs
    .readFileSync(path.join(CORPUS_DIR, 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

export function directoryJson(): unknown {
  return JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'directory.json'), 'utf8'));
}

/** A fresh temp directory, removed by `cleanup`. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-test-'));
}

/** Config over a temp database; `env` overrides any variable. */
export function testConfig(dir: string, env: Record<string, string> = {}): Config {
  // The console inbox (on by default without Slack/Teams) is off unless a test asks for it.
  return loadConfig({ DATABASE_URL: `file:${path.join(dir, 'kakunin.db')}`, LOG_LEVEL: 'silent', PORT: '0', INBOX_NOTIFIER: 'off', ...env });
}

/** Collected log lines (parsed JSON). */
export class LogSink {
  lines: Record<string, unknown>[] = [];
  write(s: string): void {
    for (const l of s.split('\n').filter(Boolean)) this.lines.push(JSON.parse(l));
  }
}

export interface TestRuntime extends Runtime {
  dir: string;
  clock: ManualClock;
  log: LogSink;
  token(scope: 'intake' | 'respond' | 'admin', name?: string): Promise<string>;
}

/** A runtime on a temp SQLite file (or `dir` to reopen one), silent unless `logLevel` is given. */
export async function testRuntime(
  opts: { dir?: string; env?: Record<string, string>; clock?: ManualClock; logLevel?: string } & Omit<RuntimeOptions, 'clock' | 'logger'> = {},
): Promise<TestRuntime> {
  const dir = opts.dir ?? tempDir();
  const clock = opts.clock ?? new ManualClock('2026-01-07T00:00:00.000Z');
  const log = new LogSink();
  const config = testConfig(dir, opts.env);
  const rt = await createRuntime(config, { ...opts, clock, logger: createLogger(opts.logLevel ?? 'info', log) });
  return Object.assign(rt, {
    dir,
    clock,
    log,
    token: async (scope: 'intake' | 'respond' | 'admin', name = `${scope}-tester`) => (await createToken(rt.handle.db, name, scope, clock.now())).token,
  });
}

/** JSON request helper for app.request(). */
export function jsonInit(method: string, token: string | null, body?: unknown): RequestInit {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return { method, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) };
}

/** Counts rows of a table with raw SQL. */
export function countRows(rt: Runtime, table: string, where = '1=1'): number {
  return (rt.handle.sqlite.prepare(`select count(*) as n from ${table} where ${where}`).get() as { n: number }).n;
}

type Call =
  | { op: 'post'; ref: string; status: string; target: string }
  | { op: 'update'; ref: string; status: string; messageId: string }
  | { op: 'remind'; ref: string; reminder: Reminder }
  | { op: 'notifyReporter'; ref: string; origin: ReportOrigin; event: ReporterEvent };

/**
 * A notifier whose next failures are scripted (`failNext`) and whose calls are recorded. It
 * stands for a platform adapter; the outbox worker under test is real.
 */
export class ScriptedNotifier implements Notifier, ReporterNotifier {
  readonly calls: Call[] = [];
  private failures: Error[] = [];
  private seq = 0;
  constructor(readonly platform: NotifierPlatform = 'slack') {}
  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }
  private maybeFail(): void {
    const e = this.failures.shift();
    if (e) throw e;
  }
  async postCard(card: CaseCard, target: string): Promise<PostedCard> {
    this.maybeFail();
    this.calls.push({ op: 'post', ref: card.ref, status: card.status, target });
    this.seq += 1;
    return { channel: target, messageId: `m${this.seq}` };
  }
  async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
    this.maybeFail();
    this.calls.push({ op: 'update', ref: card.ref, status: card.status, messageId: post.messageId });
    return post;
  }
  async remind(card: CaseCard, _post: PostedCard, reminder: Reminder): Promise<void> {
    this.maybeFail();
    this.calls.push({ op: 'remind', ref: card.ref, reminder });
  }
  async notifyReporter(card: CaseCard, origin: ReportOrigin, event: ReporterEvent): Promise<void> {
    this.maybeFail();
    this.calls.push({ op: 'notifyReporter', ref: card.ref, origin, event });
  }
}

/** A registry override plugging `n` in as `platform` with one target (and as reporter notifier). */
export function scripted(n: ScriptedNotifier, target = 'C-ESCALATION'): Partial<Record<NotifierPlatform, NotifierFactory>> {
  const binding: NotifierBinding = { notifier: n, targets: [target], reporter: n };
  return { [n.platform]: () => binding, console: () => null };
}
