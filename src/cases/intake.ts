/**
 * Intake: a report is checked, then stored with its signals and observables, joins or opens a
 * case, gets an audit event and queues its notifications, all in one IMMEDIATE transaction. The
 * same caller sending the same externalId again gets its stored report back instead of a second
 * one; another caller's ids are another key space (src/cases/caller.ts).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CaseStatus } from '../domain/case.ts';
import type { Directory } from '../domain/directory.ts';
import { MESSAGE_BODY_TOO_LARGE, withinBodyCap, type Report } from '../domain/report.ts';
import { verdictRank, type DetectionResult, type Signal, type Verdict } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';
import { perDb } from '../db/memo.ts';
import { cases, observables, reports, signals } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { enqueueCards, enqueueReporterNotify } from '../delivery/enqueue.ts';
import { startAckChain } from '../delivery/timers.ts';
import { observableInLedger } from '../ledger/match.ts';
import { callerActor, callerKey, callerSource, type IntakeCaller } from './caller.ts';
import { correlateConfirmedFraud } from './correlation.ts';
import type { CaseDeps } from './deps.ts';
import { findGroupCase } from './grouping.ts';
import { formatCaseRef } from '../domain/ref.ts';

const ph = (name: string) => sql.placeholder(name);
const stmts = perDb((db) => ({
  byExternal: db
    .select()
    .from(reports)
    .where(and(eq(reports.caller, ph('caller')), eq(reports.externalId, ph('externalId'))))
    .limit(1)
    .prepare(),
  caseById: db.select().from(cases).where(eq(cases.id, ph('id'))).prepare(),
  insertCase: db
    .insert(cases)
    .values({
      severity: ph('severity'),
      score: ph('score'),
      reportCount: 1,
      firstReportAt: ph('at'),
      lastReportAt: ph('at'),
      openedAt: ph('at'),
      updatedAt: ph('at'),
    })
    .returning({ id: cases.id })
    .prepare(),
  joinCase: db
    .update(cases)
    .set({
      severity: sql`${ph('severity')}`,
      score: sql`${ph('score')}`,
      reportCount: sql`${cases.reportCount} + 1`,
      lastReportAt: sql`${ph('at')}`,
      updatedAt: sql`${ph('at')}`,
      version: sql`${cases.version} + 1`,
    })
    .where(eq(cases.id, ph('id')))
    .prepare(),
  insertReport: db
    .insert(reports)
    .values({
      caseId: ph('caseId'),
      source: ph('source'),
      caller: ph('caller'),
      externalId: ph('externalId'),
      messageBody: ph('messageBody'),
      senderAccountId: ph('senderAccountId'),
      senderName: ph('senderName'),
      sentAt: ph('sentAt'),
      reporterAccountId: ph('reporterAccountId'),
      reporterName: ph('reporterName'),
      note: ph('note'),
      payload: ph('payload'),
      origin: ph('origin'),
      verdict: ph('verdict'),
      score: ph('score'),
      summary: ph('summary'),
      identity: ph('identity'),
      receivedAt: ph('receivedAt'),
      apiTokenId: ph('apiTokenId'),
    })
    .returning({ id: reports.id })
    .prepare(),
  insertSignal: db
    .insert(signals)
    .values({ caseId: ph('caseId'), reportId: ph('reportId'), ruleId: ph('ruleId'), category: ph('category'), data: ph('data') })
    .prepare(),
  insertObservable: db
    .insert(observables)
    .values({
      caseId: ph('caseId'),
      reportId: ph('reportId'),
      kind: ph('kind'),
      value: ph('value'),
      display: ph('display'),
      inLedger: ph('inLedger'),
      details: ph('details'),
    })
    .prepare(),
}));

/** Who handed the report in, and under which id of theirs. */
export interface SubmitOptions {
  /**
   * The authenticated caller: decides the source, the audit actor, the scope of `externalId` and
   * (Chatwork only) where the reporter is answered. An API token's callback URL, if any, hears
   * about acknowledgement and resolution.
   */
  caller: IntakeCaller;
  /** The caller's id for this report; the same caller repeating it gets the first report back. */
  externalId?: string | null;
}

/** What `POST /api/reports` answers. */
export interface IntakeResult {
  reportId: number;
  caseId: number;
  caseRef: string;
  verdict: Verdict;
  score: number;
  signals: Signal[];
}

/** Runs detection; a crash in a rule must not lose the report, so it becomes a "review by hand" result. */
function safeDetect(deps: CaseDeps, report: Report, now: Date, directory: Directory): DetectionResult {
  try {
    return deps.detect(report, directory, { now });
  } catch (err) {
    deps.logger.error({ err }, 'detection failed; storing the report for manual review');
    return {
      verdict: 'medium',
      score: 0,
      signals: [],
      observables: [],
      identity: null,
      summary: { ja: '自動判定に失敗しました。手動で確認してください。', en: 'Automatic detection failed; review by hand.' },
    };
  }
}

/** The caller's own earlier report under `externalId`; another caller's is never looked at. */
async function existing(db: Db, caller: string, externalId: string | null | undefined): Promise<IntakeResult | null> {
  if (!externalId) return null;
  const r = await stmts(db).byExternal.get({ caller, externalId });
  if (!r) return null;
  const sigs = await db.select().from(signals).where(eq(signals.reportId, r.id)).orderBy(asc(signals.id)).all();
  return {
    reportId: r.id,
    caseId: r.caseId,
    caseRef: formatCaseRef(r.caseId),
    verdict: r.verdict,
    score: r.score,
    signals: sigs.map((s) => JSON.parse(s.data) as Signal),
  };
}

const fieldError = (path: string, message: string) => new AppError('validation_failed', `Invalid request: ${path}: ${message}`, { fields: [{ path, message }] });

/** A report checked and ready to store: everything intake works out before the write transaction. */
export interface PreparedReport {
  report: Report;
  opts: SubmitOptions;
  now: Date;
  detected: DetectionResult;
  obs: (DetectionResult['observables'][number] & { inLedger: boolean | null })[];
}

/** Runs detection and the ledger check (no writes); a body or note over the cap is a 422 whatever the way in. */
export async function prepareReport(deps: CaseDeps, report: Report, opts: SubmitOptions): Promise<PreparedReport> {
  if (!withinBodyCap(report.message.body)) throw fieldError('message.body', MESSAGE_BODY_TOO_LARGE);
  if (report.note && !withinBodyCap(report.note)) throw fieldError('note', MESSAGE_BODY_TOO_LARGE);
  const now = deps.clock.now();
  const dir = await deps.directory.get();
  const detected = opts.caller.kind === 'raised' ? opts.caller.detected : safeDetect(deps, report, now, dir);
  const obs = detected.observables.map((o) => ({ ...o, inLedger: observableInLedger(o, dir) }));
  return { report, opts, now, detected, obs };
}

/** Stores a report; `created` is false when the caller's externalId was already there. */
export async function submitReport(deps: CaseDeps, report: Report, opts: SubmitOptions): Promise<{ created: boolean; result: IntakeResult }> {
  const prepared = await prepareReport(deps, report, opts);
  const out = await deps.db.transaction(async () => await storeReport(deps, prepared), { behavior: 'immediate' });
  if (out.created) deps.onCommit();
  return out;
}

/**
 * Stores a prepared report: joins or opens its case, appends the audit event, queues cards, timers
 * and the reporter's answer. Call inside an IMMEDIATE transaction (the idempotency check and the
 * audit chain rely on no other writer slipping in); `submitReport` and the intake queue do.
 */
export async function storeReport(deps: CaseDeps, p: PreparedReport): Promise<{ created: boolean; result: IntakeResult }> {
  const { report, opts, now, detected, obs } = p;
  const at = now.toISOString();
  const senderAccountId = report.message.sender?.accountId ?? null;
  const since = new Date(now.getTime() - deps.config.groupingWindowDays * 86_400_000).toISOString();
  const { caller } = opts;
  const key = callerKey(caller);
  const origin = caller.kind === 'chatwork' ? caller.origin : null;
  const db = deps.db;
  const st = stmts(db);
  // Checked inside the write transaction: no second request can slip in between.
  const before = await existing(db, key, opts.externalId);
  if (before) return { created: false, result: before };
  const result = await correlateConfirmedFraud(db, detected, obs);

  let caseId = await findGroupCase(db, { senderAccountId, observables: obs, since });
  let fromStatus: CaseStatus | null = null;
  let status: CaseStatus = 'new';
  let severity: Verdict = result.verdict;
  if (caseId === null) {
    caseId = (await st.insertCase.get({ severity, score: result.score, at }))!.id;
  } else {
    const c = (await st.caseById.get({ id: caseId }))!;
    fromStatus = c.status;
    status = c.status;
    severity = verdictRank[c.severity] >= verdictRank[result.verdict] ? c.severity : result.verdict;
    await st.joinCase.run({ id: caseId, severity, score: Math.max(c.score, result.score), at });
  }

  const reportId = (await st.insertReport.get({
    caseId,
    source: callerSource(caller),
    caller: key,
    externalId: opts.externalId ?? null,
    messageBody: report.message.body,
    senderAccountId,
    senderName: report.message.sender?.name ?? null,
    sentAt: report.message.sentAt ?? null,
    reporterAccountId: report.reporter?.accountId ?? null,
    reporterName: report.reporter?.name ?? null,
    note: report.note ?? null,
    payload: JSON.stringify(report),
    origin: origin ? JSON.stringify(origin) : null,
    verdict: result.verdict,
    score: result.score,
    summary: JSON.stringify(result.summary),
    identity: result.identity ? JSON.stringify(result.identity) : null,
    receivedAt: at,
    apiTokenId: caller.kind === 'token' ? caller.tokenId : null,
  }))!.id;

  for (const s of result.signals) {
    await st.insertSignal.run({ caseId, reportId, ruleId: s.ruleId, category: s.category, data: JSON.stringify(s) });
  }
  for (const o of obs) {
    await st.insertObservable.run({
      caseId,
      reportId,
      kind: o.kind,
      value: o.value,
      display: o.display,
      inLedger: o.inLedger === null ? null : o.inLedger ? 1 : 0,
      details: o.details ? JSON.stringify(o.details) : null,
    });
  }

  const event = await deps.audit.append({
    caseId,
    type: fromStatus === null ? 'opened' : 'report_added',
    fromStatus,
    toStatus: status,
    resolution: null,
    actor: callerActor(caller),
    note: null,
    data: { reportId, verdict: result.verdict, score: result.score },
    at,
  });
  await enqueueCards(db, {
    caseId,
    severity,
    policy: deps.config.escalation,
    cause: `e${event.id}`,
    now,
    targets: deps.targets,
    delayMs: deps.config.delivery.cardUpdateDelayMs,
  });
  await startAckChain(db, { caseId, status, severity, policy: deps.config.escalation, now });
  if (origin && deps.targets.reporterPlatforms.includes(origin.platform)) {
    await enqueueReporterNotify(db, { caseId, reportId, platform: origin.platform, event: 'received', cause: `e${event.id}`, now });
  }
  return {
    created: true,
    result: { reportId, caseId, caseRef: formatCaseRef(caseId), verdict: result.verdict, score: result.score, signals: result.signals },
  };
}
