/**
 * The words on a Teams card, Japanese first and English second. Only kakunin's own text lives
 * here; anything that came from a message is escaped in card.ts.
 */
import type { CaseStatus, Resolution } from '../../src/domain/case.ts';
import type { Bilingual, ObservableKind, Verdict } from '../../src/detection/types.ts';
import { contactAge, jst } from '../format.ts';

/** "ja / en" on one line. */
export const both = (b: Bilingual): string => `${b.ja} / ${b.en}`;

export const SEVERITY: Record<Verdict, Bilingual> = {
  none: { ja: 'なし', en: 'none' },
  low: { ja: '低', en: 'low' },
  medium: { ja: '中', en: 'medium' },
  high: { ja: '高', en: 'high' },
};

/** Container style of the header band per severity (Teams colours). */
export const SEVERITY_STYLE: Record<Verdict, 'attention' | 'warning' | 'emphasis'> = {
  none: 'emphasis',
  low: 'emphasis',
  medium: 'warning',
  high: 'attention',
};

export const STATUS: Record<CaseStatus, Bilingual> = {
  new: { ja: '🆕 未対応', en: 'Not yet acknowledged' },
  acknowledged: { ja: '👀 確認中', en: 'Acknowledged' },
  investigating: { ja: '🔎 調査中', en: 'Investigating' },
  resolved: { ja: '✅ 解決済み', en: 'Resolved' },
};

export const RESOLUTION: Record<Resolution, Bilingual> = {
  fraud_confirmed: { ja: '詐欺と確定', en: 'fraud confirmed' },
  false_positive: { ja: '誤検知', en: 'false positive' },
  benign: { ja: '問題なし', en: 'benign' },
  money_lost: { ja: '被害あり', en: 'money lost' },
};

/** Past tense of what someone did, for "acknowledged by X". */
export const ACTION_DONE: Record<string, Bilingual> = {
  acknowledge: { ja: '確認', en: 'acknowledged' },
  investigate: { ja: '調査開始', en: 'investigating' },
  resolve: { ja: '解決', en: 'resolved' },
  reopen: { ja: '再オープン', en: 'reopened' },
};

export const OBSERVABLE: Record<ObservableKind, Bilingual> = {
  bank_account: { ja: '振込先口座', en: 'Bank account' },
  phone: { ja: '電話番号', en: 'Phone' },
  email: { ja: 'メール', en: 'E-mail' },
  url: { ja: 'URL', en: 'URL' },
  line_id: { ja: 'LINE ID', en: 'LINE id' },
  amount: { ja: '金額', en: 'Amount' },
  gift_card: { ja: 'ギフトカード', en: 'Gift card' },
  chatwork_account: { ja: 'Chatworkアカウント', en: 'Chatwork account' },
};

export const L = {
  title: { ja: '🚨 なりすまし詐欺の疑い', en: 'Suspected impersonation fraud' },
  severity: { ja: '重大度', en: 'severity' },
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
  acknowledge: { ja: '確認しました', en: 'Acknowledge' },
  fraud: { ja: '詐欺と確定', en: 'Confirm fraud' },
  falsePositive: { ja: '誤検知', en: 'False positive' },
  open: { ja: '詳細を開く', en: 'Open case' },
  refresh: { ja: '更新', en: 'Refresh' },
} satisfies Record<string, Bilingual>;

/** "3分 / 3 min", "5時間 / 5 h", "2日 / 2 days" (shared with the other cards). */
export const formatAge = contactAge;

/** ISO time → "2026-01-07 09:00 JST" (the readers are in Japan). */
export const formatTime = (iso: string): string => jst(iso);
