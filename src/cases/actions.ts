/**
 * People acting on a case (acknowledge, investigate, resolve, reopen). The transition is a
 * conditional `UPDATE … WHERE id = ? AND version = ?` inside a BEGIN IMMEDIATE transaction, so
 * two concurrent actions cannot both win; the loser gets a 409 that names who acted first.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { ReporterEvent } from '../domain/notifier.ts';
import type { Actor, CaseAction, CaseStatus, Resolution } from '../domain/case.ts';
import { apiTokens, caseEvents, cases, reports } from '../db/schema/index.ts';
import { enqueueCards, enqueueReporterCallback, enqueueReporterNotify } from '../delivery/enqueue.ts';
import { timersAfterAction } from '../delivery/timers.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { ACTION, ACTOR_PLATFORM, EVENT, RESOLUTION, STATUS, term } from '../domain/glossary.ts';
import { jst } from '../domain/format.ts';
import type { ReportOrigin } from '../domain/notifier.ts';
import type { CaseDeps } from './deps.ts';
import { formatCaseRef } from '../domain/ref.ts';
import { nextStatus } from './state-machine.ts';

/** Options of an action. `expectedVersion` makes the action fail if the case changed since it was read. */
export interface ActOptions {
  resolution?: Resolution | null;
  note?: string | null;
  expectedVersion?: number | null;
}

/** The case after an action. */
export interface ActResult {
  ref: string;
  status: CaseStatus;
  resolution: Resolution | null;
  version: number;
  eventId: number;
}

const REPORTER_EVENT: Record<CaseAction, ReporterEvent> = {
  acknowledge: 'acknowledged',
  investigate: 'investigating',
  resolve: 'resolved',
  reopen: 'reopened',
};

/** One signed callback per API token (with a callback URL) whose reports are in the case. */
async function enqueueCallbacks(
  db: Db,
  p: { caseId: number; ref: string; event: ReporterEvent; status: CaseStatus; resolution: Resolution | null; at: string; cause: string; now: Date },
): Promise<void> {
  const rows = await db
    .select({ tokenId: apiTokens.id, externalId: reports.externalId })
    .from(reports)
    .innerJoin(apiTokens, eq(apiTokens.id, reports.apiTokenId))
    .where(and(eq(reports.caseId, p.caseId), isNotNull(apiTokens.callbackUrl), isNull(apiTokens.revokedAt)))
    .all();
  const byToken = new Map<number, string[]>();
  for (const r of rows) {
    const ids = byToken.get(r.tokenId) ?? [];
    if (r.externalId !== null) ids.push(r.externalId);
    byToken.set(r.tokenId, ids);
  }
  for (const [tokenId, externalIds] of byToken) {
    const body = { event: p.event, caseRef: p.ref, status: p.status, resolution: p.resolution, at: p.at, externalIds };
    await enqueueReporterCallback(db, { caseId: p.caseId, tokenId, body, cause: p.cause, now: p.now });
  }
}

/** Applies `action` to case `caseId` as `actor`. Throws AppError not_found / conflict / validation_failed. */
export async function actOnCase(deps: CaseDeps, caseId: number, action: CaseAction, actor: Actor, opts: ActOptions = {}): Promise<ActResult> {
  const ref = formatCaseRef(caseId);
  if (action === 'resolve' && !opts.resolution) {
    throw new AppError('validation_failed', 'Invalid request: resolution: required when action is resolve', {
      fields: [{ path: 'resolution', message: 'required when action is resolve' }],
      ja: '解決するには結論（詐欺と確定・誤検知など）を選んでください。',
    });
  }
  if (action !== 'resolve' && opts.resolution) {
    throw new AppError('validation_failed', `Invalid request: resolution: only allowed with action resolve`, {
      fields: [{ path: 'resolution', message: 'only allowed with action resolve' }],
    });
  }
  const now = deps.clock.now();
  const at = now.toISOString();

  const result = await deps.db.transaction(
    async (tx) => {
      const c = await tx.select().from(cases).where(eq(cases.id, caseId)).get();
      if (!c) throw new AppError('not_found', `No case ${ref}`, { ja: `${ref} という案件はありません。` });
      if (opts.expectedVersion != null && opts.expectedVersion !== c.version) {
        throw new AppError('conflict', `${ref} changed since version ${opts.expectedVersion} (now ${c.version}); reload and try again`, {
          ja: `${ref} はこの画面を開いた後に更新されています。ページを開き直してから操作してください。`,
        });
      }
      const t = nextStatus(c.status, action);
      if (!t.ok) {
        const winner = await tx
          .select()
          .from(caseEvents)
          .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.toStatus, c.status)))
          .orderBy(desc(caseEvents.id))
          .limit(1)
          .get();
        const by = winner ? ` (${winner.type} by ${winner.actorName} via ${winner.actorPlatform} at ${winner.at})` : '';
        const state = `${STATUS[c.status].ja}${c.resolution ? `（${RESOLUTION[c.resolution].ja}）` : ''}`;
        const byJa = winner ? `${winner.actorName}さん（${term(ACTOR_PLATFORM, winner.actorPlatform).ja}）が${jst(winner.at)}に「${term(EVENT, winner.type).ja}」しています。` : '';
        throw new AppError(
          'conflict',
          `Cannot ${action} ${ref}: it is ${t.to === c.status ? 'already ' : ''}${c.status}${c.resolution ? ` (${c.resolution})` : ''}${by}; ${action} needs status ${t.allowedFrom.join(' or ')}`,
          { ja: `${ref} は${t.to === c.status ? 'すでに' : '現在'}「${state}」のため「${ACTION[action].verb.ja}」はできません。${byJa}` },
        );
      }
      const resolution = action === 'resolve' ? (opts.resolution ?? null) : null;
      const changed = await tx
        .update(cases)
        .set({ status: t.to, resolution, version: c.version + 1, updatedAt: at })
        .where(and(eq(cases.id, caseId), eq(cases.version, c.version)))
        .run();
      if (changed.changes !== 1) {
        throw new AppError('conflict', `${ref} was changed by someone else; reload and try again`, { ja: `${ref} は同時に他の人が更新しました。ページを開き直してください。` });
      }

      const event = await deps.audit.append({
        caseId,
        type: action,
        fromStatus: c.status,
        toStatus: t.to,
        resolution,
        actor,
        note: opts.note ?? null,
        data: null,
        at,
      });
      const cause = `e${event.id}`;
      const policy = deps.config.escalation;
      await enqueueCards(deps.db, { caseId, severity: c.severity, policy, cause, now, targets: deps.targets });
      // Reminders stop (or the unresolved reminder starts) in the same commit as the action.
      await timersAfterAction(deps.db, { caseId, action, toStatus: t.to, severity: c.severity, policy, eventId: event.id, now });
      const withOrigin = await tx
        .select({ id: reports.id, origin: reports.origin })
        .from(reports)
        .where(and(eq(reports.caseId, caseId), isNotNull(reports.origin)))
        .all();
      for (const r of withOrigin) {
        const origin = JSON.parse(r.origin!) as ReportOrigin;
        if (!deps.targets.reporterPlatforms.includes(origin.platform)) continue;
        await enqueueReporterNotify(deps.db, { caseId, reportId: r.id, platform: origin.platform, event: REPORTER_EVENT[action], cause, now });
      }
      await enqueueCallbacks(deps.db, { caseId, ref, event: REPORTER_EVENT[action], status: t.to, resolution, at, cause, now });
      return { ref, status: t.to, resolution, version: c.version + 1, eventId: event.id };
    },
    { behavior: 'immediate' },
  );
  deps.onCommit();
  return result;
}
