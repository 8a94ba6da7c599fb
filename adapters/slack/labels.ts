/**
 * Words kakunin itself shows in Slack, Japanese first and English second. Nothing here is
 * hostile; anything a fraudster wrote goes through escape.ts instead.
 */
import type { Actor, CaseStatus, Resolution } from '../../src/domain/case.ts';
import type { IdentityMatch, ObservableKind, Verdict } from '../../src/detection/types.ts';

/** Severity badge for the header and the notification text. */
export const SEVERITY_LABEL: Record<Verdict, { emoji: string; ja: string; en: string }> = {
  high: { emoji: '🔴', ja: '高', en: 'HIGH' },
  medium: { emoji: '🟠', ja: '中', en: 'MEDIUM' },
  low: { emoji: '🟡', ja: '低', en: 'LOW' },
  none: { emoji: '⚪', ja: 'なし', en: 'NONE' },
};

/** Case status as the card's status line shows it. */
export const STATUS_LABEL: Record<CaseStatus, string> = {
  new: '🆕 新規 / New',
  acknowledged: '👀 確認済み / Acknowledged',
  investigating: '🔎 調査中 / Investigating',
  resolved: '✅ 解決済み / Resolved',
};

/** How a resolved case ended. */
export const RESOLUTION_LABEL: Record<Resolution, string> = {
  fraud_confirmed: '🚨 詐欺と確定 / Fraud confirmed',
  false_positive: '🙆 誤検知 / False positive',
  benign: '🙆 問題なし / Benign',
  money_lost: '💸 被害あり / Money lost',
};

/** "acknowledged by …": how an action reads after the fact. */
export const ACTION_LABEL: Record<string, { ja: string; en: string }> = {
  acknowledge: { ja: '確認', en: 'acknowledged' },
  investigate: { ja: '調査開始', en: 'started investigating' },
  resolve: { ja: '解決', en: 'resolved' },
  reopen: { ja: '再開', en: 'reopened' },
};

/** An action's label, for actions kakunin may add later too. */
export function actionLabel(action: string): { ja: string; en: string } {
  return ACTION_LABEL[action] ?? { ja: action, en: action };
}

/** Where someone acted from, after their name. */
export const PLATFORM_LABEL: Record<Actor['platform'], string> = {
  api: 'API',
  web: 'Web',
  slack: 'Slack',
  teams: 'Teams',
  chatwork: 'Chatwork',
  system: 'kakunin',
};

/** What kind of thing an observable is, with an icon to scan the list by. */
export const OBSERVABLE_LABEL: Record<ObservableKind, string> = {
  bank_account: '🏦 口座 / bank account',
  phone: '📞 電話 / phone',
  email: '✉️ メール / e-mail',
  url: '🔗 URL',
  line_id: '💬 LINE ID',
  amount: '💴 金額 / amount',
  gift_card: '🎁 ギフトカード / gift card',
  chatwork_account: '👤 Chatwork ID',
};

/** Why kakunin thinks the ledger person is being imitated. */
export const MATCH_HOW_LABEL: Record<IdentityMatch['how'], string> = {
  account_id: 'アカウントIDが一致 / account id matches',
  exact_name: '名前が一致 / same name',
  lookalike_name: '似た名前 / look-alike name',
  signature: '署名 / signature',
  company_name: '会社名 / company name',
  support_claim: 'サポートを名乗る / claims to be support',
};

export { contactAge, jst } from '../format.ts';

/** The Slack mention for a high-severity card, from SLACK_MENTION_HIGH; null for none. */
export function mentionToken(setting: string): string | null {
  if (setting === 'none') return null;
  if (setting === 'here' || setting === 'channel') return `<!${setting}>`;
  return /^S[A-Z0-9]+$/.test(setting) ? `<!subteam^${setting}>` : null;
}
