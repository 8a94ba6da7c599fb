/**
 * Builds the `CaseCard` every notifier shows, from the database as it is now. The outbox calls
 * this at send time, so a late or retried delivery still shows the truth.
 */
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { CaseCard } from '../../adapters/types.ts';
import { CASE_ACTIONS, type Actor } from '../domain/case.ts';
import type { Bilingual, IdentityMatch, ObservableKind, Signal } from '../detection/types.ts';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, observables, partners, people, reports, signals } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { formatCaseRef } from './ref.ts';

/** Observable kinds that link cases, with the reason shown on a card. */
export const LINK_REASONS: Partial<Record<ObservableKind, Bilingual>> = {
  bank_account: { ja: '同じ振込先口座', en: 'same bank account' },
  phone: { ja: '同じ電話番号', en: 'same phone number' },
  url: { ja: '同じURL', en: 'same URL' },
  line_id: { ja: '同じLINE ID', en: 'same LINE id' },
  email: { ja: '同じメールアドレス', en: 'same e-mail address' },
};

const minutesBetween = (from: string | null | undefined, to: string | null | undefined): number | null => {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.round(ms / 60_000) : null;
};

/** The card for case `caseId`; 404 AppError when there is no such case. */
export function buildCaseCard(db: Db, caseId: number, opts: { publicUrl: string }): CaseCard {
  const c = db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!c) throw new AppError('not_found', `No case ${formatCaseRef(caseId)}`);
  const ref = formatCaseRef(c.id);
  const caseReports = db.select().from(reports).where(eq(reports.caseId, caseId)).orderBy(asc(reports.id)).all();
  const first = caseReports[0];
  if (!first) throw new AppError('internal', `Case ${ref} has no report`);
  const payload = JSON.parse(first.payload) as { context?: { contactApprovedAt?: string | null } | null };

  const lastEvent = db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.type, [...CASE_ACTIONS])))
    .orderBy(desc(caseEvents.id))
    .limit(1)
    .get();

  const seenRules = new Set<string>();
  const cardSignals: CaseCard['signals'] = [];
  for (const s of db.select().from(signals).where(eq(signals.caseId, caseId)).orderBy(asc(signals.id)).all()) {
    if (seenRules.has(s.ruleId)) continue;
    seenRules.add(s.ruleId);
    const sig = JSON.parse(s.data) as Signal;
    cardSignals.push({ ruleId: sig.ruleId, title: sig.title, evidence: sig.evidence });
  }

  const caseObs = db.select().from(observables).where(eq(observables.caseId, caseId)).orderBy(asc(observables.id)).all();
  const seenObs = new Set<string>();
  const cardObs: CaseCard['observables'] = [];
  for (const o of caseObs) {
    const k = `${o.kind}\u0000${o.value}`;
    if (seenObs.has(k)) continue;
    seenObs.add(k);
    cardObs.push({ kind: o.kind, display: o.display, inLedger: o.inLedger });
  }

  const senderId = first.senderAccountId;
  const inLedger =
    senderId !== null &&
    (db.select({ id: people.id }).from(people).where(eq(people.chatworkAccountId, senderId)).get() !== undefined ||
      db.select({ id: partners.id }).from(partners).where(eq(partners.chatworkAccountId, senderId)).get() !== undefined);

  const reporters = new Set(caseReports.map((r) => (r.reporterAccountId !== null ? `id:${r.reporterAccountId}` : `name:${r.reporterName ?? r.id}`)));

  return {
    ref,
    url: `${opts.publicUrl}/cases/${ref}`,
    status: c.status,
    resolution: c.resolution,
    severity: c.severity,
    score: c.score,
    lastAction: lastEvent
      ? {
          action: lastEvent.type,
          actor: { platform: lastEvent.actorPlatform, userId: lastEvent.actorUserId, displayName: lastEvent.actorName } satisfies Actor,
          at: lastEvent.at,
          note: lastEvent.note,
        }
      : null,
    impersonated: first.identity ? (JSON.parse(first.identity) as IdentityMatch) : null,
    sender: {
      name: first.senderName,
      accountId: senderId,
      contactAgeMinutes: minutesBetween(payload.context?.contactApprovedAt, first.sentAt ?? first.receivedAt),
      inLedger,
    },
    message: { body: first.messageBody, sentAt: first.sentAt },
    signals: cardSignals,
    observables: cardObs,
    reportCount: c.reportCount,
    reporterCount: reporters.size,
    linkedCases: linkedCases(db, caseId, caseObs),
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
  };
}

/** Other cases sharing a linking observable with this one, one entry per case. */
export function linkedCases(db: Db, caseId: number, caseObs: { kind: ObservableKind; value: string }[]): CaseCard['linkedCases'] {
  const out = new Map<number, CaseCard['linkedCases'][number]>();
  for (const o of caseObs) {
    const reason = LINK_REASONS[o.kind];
    if (!reason) continue;
    const rows = db
      .selectDistinct({ id: cases.id, status: cases.status, resolution: cases.resolution })
      .from(observables)
      .innerJoin(cases, eq(cases.id, observables.caseId))
      .where(and(eq(observables.kind, o.kind), eq(observables.value, o.value), ne(observables.caseId, caseId)))
      .all();
    for (const r of rows) {
      if (!out.has(r.id)) out.set(r.id, { ref: formatCaseRef(r.id), reason, status: r.status, resolution: r.resolution });
    }
  }
  return [...out.values()];
}
