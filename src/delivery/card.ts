/**
 * Builds the `CaseCard` every notifier shows, from the database as it is now. The outbox calls
 * this at send time, so a late or retried delivery still shows the truth.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { CaseCard } from '../domain/notifier.ts';
import { CASE_ACTIONS, type Actor, type CaseStatus, type Resolution } from '../domain/case.ts';
import type { Bilingual, IdentityMatch, ObservableKind, Signal } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';
import { caseEvents, cases, partners, people, reports } from '../db/schema/index.ts';
import { AppError } from '../errors.ts';
import { formatCaseRef } from '../domain/ref.ts';
import { isEscalated } from './enqueue.ts';

/** Observable kinds that link cases, with the reason shown on a card. */
export const LINK_REASONS: Partial<Record<ObservableKind, Bilingual>> = {
  bank_account: { ja: '同じ振込先口座', en: 'same bank account' },
  phone: { ja: '同じ電話番号', en: 'same phone number' },
  url: { ja: '同じURL', en: 'same URL' },
  line_id: { ja: '同じLINE ID', en: 'same LINE id' },
  email: { ja: '同じメールアドレス', en: 'same e-mail address' },
  chatwork_account: { ja: '同じ送信者アカウント', en: 'same sender account' },
};

const minutesBetween = (from: string | null | undefined, to: string | null | undefined): number | null => {
  if (!from || !to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) ? Math.round(ms / 60_000) : null;
};

const MAX_CARD_OBSERVABLES = 50;
const MAX_LINKED_CASES = 20;

/**
 * The card for case `caseId`; 404 AppError when there is no such case. Cost does not grow with the
 * number of reports: the first report, distinct signals/observables and counts are aggregated in SQL.
 */
export async function buildCaseCard(db: Db, caseId: number, opts: { publicUrl: string }): Promise<CaseCard> {
  const c = await db.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!c) throw new AppError('not_found', `No case ${formatCaseRef(caseId)}`);
  const ref = formatCaseRef(c.id);
  const first = await db.select().from(reports).where(eq(reports.caseId, caseId)).orderBy(asc(reports.id)).limit(1).get();
  if (!first) throw new AppError('internal', `Case ${ref} has no report`);
  const payload = JSON.parse(first.payload) as { context?: { contactApprovedAt?: string | null } | null };

  const lastEvent = await db
    .select()
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, caseId), inArray(caseEvents.type, [...CASE_ACTIONS])))
    .orderBy(desc(caseEvents.id))
    .limit(1)
    .get();

  // First firing of each rule across the case's reports.
  const cardSignals = (await db
    .all<{ data: string }>(
      sql`select data from signals where id in (select min(id) from signals where case_id = ${caseId} group by rule_id) order by id`,
    ))
    .map((r) => {
      const sig = JSON.parse(r.data) as Signal;
      return { ruleId: sig.ruleId, title: sig.title, evidence: sig.evidence };
    });

  const caseObs = await db.all<{ kind: ObservableKind; value: string; display: string; in_ledger: number | null }>(
    sql`select kind, value, display, in_ledger from observables
        where id in (select min(id) from observables where case_id = ${caseId} group by kind, value)
        order by id limit ${MAX_CARD_OBSERVABLES}`,
  );

  const senderId = first.senderAccountId;
  const inLedger =
    senderId !== null &&
    ((await db.select({ id: people.id }).from(people).where(eq(people.chatworkAccountId, senderId)).get()) !== undefined ||
      (await db.select({ id: partners.id }).from(partners).where(eq(partners.chatworkAccountId, senderId)).get()) !== undefined);

  const reporterCount =
    (await db.get<{ n: number }>(
      sql`select count(distinct coalesce('id:' || reporter_account_id, 'name:' || reporter_name, 'report:' || id)) as n
          from reports where case_id = ${caseId}`,
    ))?.n ?? 0;

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
          actor: {
            platform: lastEvent.actorPlatform,
            userId: lastEvent.actorUserId,
            displayName: lastEvent.actorName,
            ...(lastEvent.actorIssuer ? { email: lastEvent.actorEmail, issuer: lastEvent.actorIssuer } : {}),
          } satisfies Actor,
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
    observables: caseObs.map((o) => ({ kind: o.kind, display: o.display, inLedger: o.in_ledger === null ? null : o.in_ledger === 1 })),
    reportCount: c.reportCount,
    reporterCount,
    escalated: await isEscalated(db, caseId),
    linkedCases: await linkedCases(db, caseId),
    openedAt: c.openedAt,
    updatedAt: c.updatedAt,
  };
}

/**
 * Other cases sharing a linking observable (bank account, phone, URL, LINE id, e-mail, sender
 * account) with this one. Values the ledger knows (a registered payee, a colleague's real account)
 * link nothing. `cross join` fixes the join order (SQLite keeps the left table outer): this case's
 * distinct (kind, value) pairs first, by case id (a value seen in 40 reports is looked up once),
 * then each one's matches on the covering index (kind, value, case_id, in_ledger); left to itself
 * the planner scanned every observable of a kind.
 */
export async function linkedCases(db: Db, caseId: number): Promise<CaseCard['linkedCases']> {
  const kinds = Object.keys(LINK_REASONS) as ObservableKind[];
  const rows = await db.all<{ id: number; status: CaseStatus; resolution: Resolution | null; kind: ObservableKind }>(
    sql`select c.id as id, c.status as status, c.resolution as resolution, min(o2.kind) as kind
        from (select distinct kind, value from observables indexed by observables_case_kind_value_idx
              where case_id = ${caseId} and kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
                and coalesce(in_ledger, 0) = 0) o1
        cross join observables o2 on o2.kind = o1.kind and o2.value = o1.value
          and (o2.case_id < ${caseId} or o2.case_id > ${caseId})
        join cases c on c.id = o2.case_id
        group by c.id order by c.id desc limit ${MAX_LINKED_CASES}`,
  );
  return rows.map((r) => ({ ref: formatCaseRef(r.id), reason: LINK_REASONS[r.kind]!, status: r.status, resolution: r.resolution }));
}
