/**
 * Words kakunin itself shows in Slack, Japanese first and English second: the glossary's words
 * (src/domain/glossary.ts, the same on every platform) with Slack's emoji. Nothing here is
 * hostile; anything a fraudster wrote goes through escape.ts instead.
 */
import type { Actor, CaseStatus, Resolution } from '../../src/domain/case.ts';
import type { IdentityMatch, ObservableKind, Verdict } from '../../src/domain/detection.ts';
import { ACTION, ACTOR_PLATFORM, both, OBSERVABLE, RESOLUTION, RESOLVE_BUTTON, SEVERITY, STATUS, term } from '../../src/domain/glossary.ts';

/** Severity badge for the header and the notification text. */
export const SEVERITY_LABEL: Record<Verdict, { emoji: string; ja: string; en: string }> = {
  high: { emoji: '🔴', ja: SEVERITY.high.ja, en: SEVERITY.high.en.toUpperCase() },
  medium: { emoji: '🟠', ja: SEVERITY.medium.ja, en: SEVERITY.medium.en.toUpperCase() },
  low: { emoji: '🟡', ja: SEVERITY.low.ja, en: SEVERITY.low.en.toUpperCase() },
  none: { emoji: '⚪', ja: SEVERITY.none.ja, en: SEVERITY.none.en.toUpperCase() },
};

/** Case status as the card's status line shows it. */
export const STATUS_LABEL: Record<CaseStatus, string> = {
  new: `🆕 ${both(STATUS.new)}`,
  acknowledged: `👀 ${both(STATUS.acknowledged)}`,
  investigating: `🔎 ${both(STATUS.investigating)}`,
  resolved: `✅ ${both(STATUS.resolved)}`,
};

/** How a resolved case ended. */
export const RESOLUTION_LABEL: Record<Resolution, string> = {
  fraud_confirmed: `🚨 ${both(RESOLUTION.fraud_confirmed)}`,
  false_positive: `🙆 ${both(RESOLUTION.false_positive)}`,
  benign: `🙆 ${both(RESOLUTION.benign)}`,
  money_lost: `💸 ${both(RESOLUTION.money_lost)}`,
};

/** The card's buttons. */
export const BUTTON_LABEL = {
  acknowledge: `👀 ${both(ACTION.acknowledge.verb)}`,
  fraud: `🚨 ${both(RESOLVE_BUTTON.fraud_confirmed)}`,
  falsePositive: `🙆 ${both(RESOLVE_BUTTON.false_positive)}`,
};

/** "acknowledged by …": how an action reads after the fact. */
export function actionLabel(action: string): { ja: string; en: string } {
  return Object.hasOwn(ACTION, action) ? ACTION[action as keyof typeof ACTION].done : term({}, action);
}

/** Where someone acted from, after their name. */
export const PLATFORM_LABEL: Record<Actor['platform'], string> = {
  api: ACTOR_PLATFORM.api.ja,
  web: ACTOR_PLATFORM.web.ja,
  slack: ACTOR_PLATFORM.slack.ja,
  teams: ACTOR_PLATFORM.teams.ja,
  chatwork: ACTOR_PLATFORM.chatwork.ja,
  system: ACTOR_PLATFORM.system.ja,
};

/** What kind of thing an observable is, with an icon to scan the list by. */
export const OBSERVABLE_LABEL: Record<ObservableKind, string> = {
  bank_account: `🏦 ${both(OBSERVABLE.bank_account)}`,
  phone: `📞 ${both(OBSERVABLE.phone)}`,
  email: `✉️ ${both(OBSERVABLE.email)}`,
  url: `🔗 ${OBSERVABLE.url.ja}`,
  line_id: `💬 ${OBSERVABLE.line_id.ja}`,
  amount: `💴 ${both(OBSERVABLE.amount)}`,
  gift_card: `🎁 ${both(OBSERVABLE.gift_card)}`,
  chatwork_account: `👤 ${both(OBSERVABLE.chatwork_account)}`,
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

export { contactAge, jst } from '../../src/domain/format.ts';

/** The Slack mention for a high-severity card, from SLACK_MENTION_HIGH; null for none. */
export function mentionToken(setting: string): string | null {
  if (setting === 'none') return null;
  if (setting === 'here' || setting === 'channel') return `<!${setting}>`;
  return /^S[A-Z0-9]+$/.test(setting) ? `<!subteam^${setting}>` : null;
}
