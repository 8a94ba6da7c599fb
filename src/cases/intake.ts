/**
 * Intake: a report is checked, then stored with its signals and observables, joins or opens a
 * case, gets an audit event and queues its notifications, all in one IMMEDIATE transaction. The
 * same (source, externalId) again returns the stored report instead of a second one.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { ReportOrigin } from '../../adapters/types.ts';
import type { ReportSource } from '../domain/case.ts';
import type { Report } from '../domain/report.ts';
import { detect } from '../detection/engine.ts';
import { verdictRank, type DetectionResult, type Signal, type Verdict } from '../detection/types.ts';
import type { Db } from '../db/client.ts';
import { cases, observables, reports, signals } from '../db/schema/index.ts';
import { enqueueCards, enqueueReporterNotify } from '../delivery/enqueue.ts';
import { observableInLedger } from '../ledger/match.ts';
import { appendCaseEvent } from './audit.ts';
import type { CaseDeps } from './deps.ts';
import { findGroupCase } from './grouping.ts';
import { formatCaseRef } from './ref.ts';

/** Where and how a report arrived. */
export interface SubmitOptions {
  source: ReportSource;
  /** The caller's id for this report; a repeat returns the first report. */
  externalId?: string | null;
  origin?: ReportOrigin | null;
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
function safeDetect(deps: CaseDeps, report: Report, now: Date): DetectionResult {
  try {
    return detect(report, deps.directory.get(), { now });
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

function existing(db: Pick<Db, 'select'>, source: ReportSource, externalId: string | null | undefined): IntakeResult | null {
  if (!externalId) return null;
  const r = db
    .select()
    .from(reports)
    .where(and(eq(reports.source, source), eq(reports.externalId, externalId)))
    .get();
  if (!r) return null;
  const sigs = db.select().from(signals).where(eq(signals.reportId, r.id)).orderBy(asc(signals.id)).all();
  return {
    reportId: r.id,
    caseId: r.caseId,
    caseRef: formatCaseRef(r.caseId),
    verdict: r.verdict,
    score: r.score,
    signals: sigs.map((s) => JSON.parse(s.data) as Signal),
  };
}

/** Stores a report; `created` is false when (source, externalId) was already there. */
export function submitReport(deps: CaseDeps, report: Report, opts: SubmitOptions): { created: boolean; result: IntakeResult } {
  const before = existing(deps.db, opts.source, opts.externalId);
  if (before) return { created: false, result: before };

  const now = deps.clock.now();
  const at = now.toISOString();
  const result = safeDetect(deps, report, now);
  const dir = deps.directory.get();
  const obs = result.observables.map((o) => ({ ...o, inLedger: observableInLedger(o, dir) }));
  const senderAccountId = report.message.sender?.accountId ?? null;
  const since = new Date(now.getTime() - deps.config.groupingWindowDays * 86_400_000).toISOString();
  const actor = {
    platform: opts.source,
    userId: report.reporter?.accountId != null ? String(report.reporter.accountId) : 'unknown',
    displayName: report.reporter?.name ?? 'unknown',
  };

  const out = deps.db.transaction(
    (tx) => {
      const raced = existing(tx, opts.source, opts.externalId);
      if (raced) return { created: false, result: raced };

      let caseId = findGroupCase(tx, { senderAccountId, observables: obs, since });
      let fromStatus = null as (typeof cases.$inferSelect)['status'] | null;
      let severity: Verdict = result.verdict;
      let status: (typeof cases.$inferSelect)['status'] = 'new';
      if (caseId === null) {
        caseId = tx
          .insert(cases)
          .values({ severity, score: result.score, reportCount: 1, firstReportAt: at, lastReportAt: at, openedAt: at, updatedAt: at })
          .returning({ id: cases.id })
          .get().id;
      } else {
        const c = tx.select().from(cases).where(eq(cases.id, caseId)).get()!;
        fromStatus = c.status;
        status = c.status;
        severity = verdictRank[c.severity] >= verdictRank[result.verdict] ? c.severity : result.verdict;
        tx.update(cases)
          .set({
            severity,
            score: Math.max(c.score, result.score),
            reportCount: c.reportCount + 1,
            lastReportAt: at,
            updatedAt: at,
            version: c.version + 1,
          })
          .where(eq(cases.id, caseId))
          .run();
      }

      const reportId = tx
        .insert(reports)
        .values({
          caseId,
          source: opts.source,
          externalId: opts.externalId ?? null,
          messageBody: report.message.body,
          senderAccountId,
          senderName: report.message.sender?.name ?? null,
          sentAt: report.message.sentAt ?? null,
          reporterAccountId: report.reporter?.accountId ?? null,
          reporterName: report.reporter?.name ?? null,
          note: report.note ?? null,
          payload: JSON.stringify(report),
          origin: opts.origin ? JSON.stringify(opts.origin) : null,
          verdict: result.verdict,
          score: result.score,
          summary: JSON.stringify(result.summary),
          identity: result.identity ? JSON.stringify(result.identity) : null,
          receivedAt: at,
        })
        .returning({ id: reports.id })
        .get().id;

      for (const s of result.signals) {
        tx.insert(signals)
          .values({
            caseId,
            reportId,
            ruleId: s.ruleId,
            category: s.category,
            data: JSON.stringify(s),
          })
          .run();
      }
      for (const o of obs) {
        tx.insert(observables)
          .values({
            caseId,
            reportId,
            kind: o.kind,
            value: o.value,
            display: o.display,
            inLedger: o.inLedger,
            details: o.details ? JSON.stringify(o.details) : null,
          })
          .run();
      }

      const event = appendCaseEvent(tx, {
        caseId,
        type: fromStatus === null ? 'opened' : 'report_added',
        fromStatus,
        toStatus: status,
        resolution: null,
        actor,
        note: null,
        data: { reportId, verdict: result.verdict, score: result.score },
        at,
      });
      enqueueCards(tx, {
        caseId,
        severity,
        minVerdict: deps.config.notifyMinVerdict,
        cause: `e${event.id}`,
        now,
        targets: deps.targets,
      });
      if (opts.origin && deps.targets.reporterPlatforms.includes(opts.origin.platform)) {
        enqueueReporterNotify(tx, { caseId, reportId, platform: opts.origin.platform, event: 'received', cause: `e${event.id}`, now });
      }
      return {
        created: true,
        result: { reportId, caseId, caseRef: formatCaseRef(caseId), verdict: result.verdict, score: result.score, signals: result.signals },
      };
    },
    { behavior: 'immediate' },
  );
  if (out.created) deps.onCommit();
  return out;
}
