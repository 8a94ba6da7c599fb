/**
 * Correlation with confirmed fraud: a new report carrying an observable (bank account, phone, URL,
 * LINE id, e-mail, sender account) already seen in a case resolved `fraud_confirmed` is high, and
 * says why. Runs where intake calls detection, on the database; the detection engine stays pure.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { THRESHOLDS } from '../detection/score.ts';
import type { DetectionResult, Observable, ObservableKind, Signal } from '../domain/detection.ts';
import { LINK_REASONS } from '../delivery/card.ts';
import { casesWhere, observableOutsideLedger } from './grouping.ts';
import { formatCaseRef } from '../domain/ref.ts';

/** The rule id of the signal this adds. */
export const CONFIRMED_FRAUD_RULE_ID = 'correlation.confirmed_fraud_observable';

/** Most telling first: the card shows the first match in the title. */
const PRIORITY: readonly ObservableKind[] = ['bank_account', 'chatwork_account', 'phone', 'line_id', 'url', 'email'];

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * `result` raised to high with a `correlation.confirmed_fraud_observable` signal when an observable
 * not in the ledger belongs to a confirmed-fraud case; `result` itself when none does.
 * @example title { ja: 'KKN-000120 と同じ振込先口座（詐欺確定）', en: 'Same bank account as KKN-000120 (confirmed fraud)' }
 */
export async function correlateConfirmedFraud(db: Db, result: DetectionResult, obs: readonly (Observable & { inLedger: boolean | null })[]): Promise<DetectionResult> {
  const hits: { o: Observable; ref: string }[] = [];
  for (const kind of PRIORITY) {
    for (const o of obs) {
      if (o.kind !== kind || o.inLedger === true) continue;
      const row = await db.get<{ id: number }>(
        sql`${casesWhere('observables', observableOutsideLedger(o.kind, o.value))}
            select cases.id as id from c join cases on cases.id = c.id
            where cases.status = 'resolved' and cases.resolution = 'fraud_confirmed' order by cases.id desc limit 1`,
      );
      if (row) hits.push({ o, ref: formatCaseRef(row.id) });
    }
  }
  const first = hits[0];
  if (!first) return result;
  const reason = (h: { o: Observable; ref: string }) => LINK_REASONS[h.o.kind]!;
  const signal: Signal = {
    ruleId: CONFIRMED_FRAUD_RULE_ID,
    title: {
      ja: `${first.ref} と${reason(first).ja}（詐欺確定）`,
      en: `${capitalise(reason(first).en)} as ${first.ref} (confirmed fraud)`,
    },
    category: first.o.kind === 'bank_account' ? 'payee' : first.o.kind === 'chatwork_account' ? 'identity' : 'offplatform',
    explanation: {
      ja: '詐欺と確定した過去の案件と同じ口座・連絡先・送信者が含まれています。',
      en: 'The message carries an account, contact or sender already seen in a case confirmed as fraud.',
    },
    detail: {
      ja: hits.map((h) => `${h.ref}: ${reason(h).ja}（${h.o.display}）`).join('、'),
      en: hits.map((h) => `${h.ref}: ${reason(h).en} (${h.o.display})`).join(', '),
    },
    strength: 'strong',
    // The sender's account is not in the body: no offsets to point at.
    evidence: hits.filter((h) => h.o.evidence.end > h.o.evidence.start).map((h) => h.o.evidence),
  };
  return {
    ...result,
    verdict: 'high',
    score: Math.max(result.score, THRESHOLDS.high),
    signals: [signal, ...result.signals],
    summary: {
      ja: `詐欺確定の ${first.ref} と${reason(first).ja}です。${result.summary.ja}`,
      en: `${capitalise(reason(first).en)} as confirmed-fraud case ${first.ref}. ${result.summary.en}`,
    },
  };
}
