/**
 * The words on a Teams card, Japanese first and English second. Only kakunin's own text lives
 * here; anything that came from a message is escaped in card.ts.
 */
import type { CaseStatus, Resolution } from '../../src/domain/case.ts';
import type { Bilingual, ObservableKind, Verdict } from '../../src/domain/detection.ts';
import * as G from '../../src/domain/glossary.ts';
import { contactAge, jst } from '../../src/domain/format.ts';

/** "ja / en" on one line. */
export const both = G.both;

export const SEVERITY: Record<Verdict, Bilingual> = G.SEVERITY;

/** Container style of the header band per severity (Teams colours). */
export const SEVERITY_STYLE: Record<Verdict, 'attention' | 'warning' | 'emphasis'> = {
  none: 'emphasis',
  low: 'emphasis',
  medium: 'warning',
  high: 'attention',
};

const STATUS_EMOJI: Record<CaseStatus, string> = { new: '🆕', acknowledged: '👀', investigating: '🔎', resolved: '✅' };
export const STATUS: Record<CaseStatus, Bilingual> = Object.fromEntries(
  Object.entries(G.STATUS).map(([k, v]) => [k, { ja: `${STATUS_EMOJI[k as CaseStatus]} ${v.ja}`, en: v.en }]),
) as Record<CaseStatus, Bilingual>;

export const RESOLUTION: Record<Resolution, Bilingual> = G.RESOLUTION;

/** Past tense of what someone did, for "acknowledged by X". */
export const ACTION_DONE: Record<string, Bilingual> = Object.fromEntries(Object.entries(G.ACTION).map(([k, v]) => [k, v.done]));

export const OBSERVABLE: Record<ObservableKind, Bilingual> = G.OBSERVABLE;

export const L = {
  title: { ja: '🚨 なりすまし詐欺の疑い', en: 'Suspected impersonation fraud' },
  severity: G.SEVERITY_LABEL,
  impersonating: { ja: 'なりすまし対象', en: 'Impersonating' },
  sender: { ja: '送信者', en: 'Sender' },
  contactAge: { ja: 'コンタクト承認から', en: 'Contact age' },
  verifyWith: { ja: '本人確認の連絡先（台帳）', en: 'Verify via (ledger)' },
  reports: { ja: '報告', en: 'Reports' },
  status: { ja: '状態', en: 'Status' },
  message: { ja: '届いたメッセージ', en: 'The message' },
  signals: { ja: '検知した兆候', en: 'Why it looks like fraud' },
  observables: { ja: '含まれる連絡先・口座など', en: 'What it contains' },
  linked: { ja: '関連するケース', en: 'Linked cases' },
  inLedger: { ja: '台帳に登録あり', en: 'in the ledger' },
  notInLedger: { ja: '台帳に登録なし', en: 'not in the ledger' },
  senderInLedger: { ja: '台帳に登録されたアカウント', en: 'a ledger account' },
  senderNotInLedger: { ja: '台帳にないアカウント', en: 'not a ledger account' },
  unknown: { ja: '不明', en: 'unknown' },
  truncated: { ja: 'ほか', en: 'more' },
  acknowledge: G.ACTION.acknowledge.verb,
  fraud: G.RESOLVE_BUTTON.fraud_confirmed,
  falsePositive: G.RESOLVE_BUTTON.false_positive,
  open: { ja: '詳細を開く', en: 'Open case' },
  refresh: { ja: '更新', en: 'Refresh' },
} satisfies Record<string, Bilingual>;

/** "3分 / 3 min", "5時間 / 5 h", "2日 / 2 days" (shared with the other cards). */
export const formatAge = contactAge;

/** ISO time → "2026-01-07 09:00 JST" (the readers are in Japan). */
export const formatTime = (iso: string): string => jst(iso);
