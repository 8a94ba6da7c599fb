/**
 * The case service: the one object routes and adapters use to submit reports and act on cases.
 * Adapters receive it in their deps, e.g. a Slack button handler calls
 * `cases.act('KKN-000123', 'acknowledge', {platform: 'slack', userId, displayName})`.
 */
import { and, eq, ne } from 'drizzle-orm';
import type { CaseCard } from '../domain/notifier.ts';
import type { Actor, CaseAction } from '../domain/case.ts';
import type { Report } from '../domain/report.ts';
import { deliveries, reports } from '../db/schema/index.ts';
import { buildAdvice, type Advice } from '../domain/advice.ts';
import type { IdentityMatch } from '../domain/detection.ts';
import { isEscalated } from '../delivery/enqueue.ts';
import { AppError } from '../errors.ts';
import { actOnCase, type ActOptions, type ActResult } from './actions.ts';
import { buildCaseCard } from '../delivery/card.ts';
import type { CaseDeps } from './deps.ts';
import { submitReport, type IntakeResult, type SubmitOptions } from './intake.ts';
import { createIntakeQueue } from './intake-queue.ts';
import { getCaseDetail, listCases, type CaseDetailQuery, type CaseListQuery } from './queries.ts';
import { parseCaseRef } from '../domain/ref.ts';

export interface CaseService {
  /** Stores a report (idempotent on the caller + externalId); `created` false means it was a repeat. */
  submit(report: Report, opts: SubmitOptions): Promise<{ created: boolean; result: IntakeResult }>;
  /** The same, with group commit (src/cases/intake-queue.ts): settles once the report is committed. */
  submitGrouped(report: Report, opts: SubmitOptions): Promise<{ created: boolean; result: IntakeResult }>;
  /** Applies an action; throws AppError 'conflict' (409) naming who acted first when impossible. */
  act(ref: string, action: CaseAction, actor: Actor, opts?: ActOptions): Promise<ActResult>;
  /** The card as it is now (what notifiers show). */
  card(ref: string): Promise<CaseCard>;
  /** The case: a page of reports (see `CaseDetailQuery`) with their signals and observables, events, deliveries, linked cases. */
  get(ref: string, query?: CaseDetailQuery): ReturnType<typeof getCaseDetail>;
  list(q: CaseListQuery): ReturnType<typeof listCases>;
  /** What to tell the employee who sent report `reportId` (the web form's result page). */
  advice(reportId: number): Promise<Advice>;
  /** Revives a dead (or hurries a pending) delivery: due now, attempts reset. */
  retryDelivery(id: number): Promise<{ id: number; status: 'pending' }>;
}

/** Case id from a ref, or a 404. */
export function caseIdOf(ref: string): number {
  const id = parseCaseRef(ref);
  if (id === null) throw new AppError('not_found', `No case ${ref.slice(0, 40)}`);
  return id;
}

/** Assembles the service over its deps. */
export function createCaseService(deps: CaseDeps): CaseService {
  const submitGrouped = createIntakeQueue(deps);
  return {
    submit: async (report, opts) => await submitReport(deps, report, opts),
    submitGrouped,
    act: async (ref, action, actor, opts) => await actOnCase(deps, caseIdOf(ref), action, actor, opts),
    card: async (ref) => await buildCaseCard(deps.db, caseIdOf(ref), { publicUrl: deps.config.publicUrl }),
    get: async (ref, query) => await getCaseDetail(deps.db, caseIdOf(ref), query),
    list: async (q) => await listCases(deps.db, q),
    async advice(reportId) {
      const r = await deps.db.select({ caseId: reports.caseId, verdict: reports.verdict, identity: reports.identity }).from(reports).where(eq(reports.id, reportId)).get();
      if (!r) throw new AppError('not_found', `No report ${reportId}`);
      const identity = r.identity ? (JSON.parse(r.identity) as IdentityMatch) : null;
      return buildAdvice({ severity: r.verdict, impersonated: identity, senderInLedger: identity?.accountMatches === true, escalated: await isEscalated(deps.db, r.caseId) });
    },
    async retryDelivery(id) {
      const now = deps.clock.now();
      const row = await deps.db.select({ status: deliveries.status }).from(deliveries).where(eq(deliveries.id, id)).get();
      if (!row) throw new AppError('not_found', `No delivery ${id}`);
      if (row.status === 'sent') throw new AppError('conflict', `Delivery ${id} was already sent`);
      await deps.db
        .update(deliveries)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now.getTime(), updatedAt: now.toISOString() })
        .where(and(eq(deliveries.id, id), ne(deliveries.status, 'sent')))
        .run();
      deps.onCommit();
      return { id, status: 'pending' };
    },
  };
}
