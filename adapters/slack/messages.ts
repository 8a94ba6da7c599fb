/**
 * The short messages kakunin posts around a card: the thread reply recording an action, the
 * ephemeral note to someone who clicked too late, and reminders. Pure; names and notes are
 * escaped, user ids are only turned into `<@U…>` when they look like Slack ids.
 */
import type { Actor, CaseAction, Resolution } from '../../src/domain/case.ts';
import type { CaseCard, Reminder } from '../../src/domain/notifier.ts';
import { fitMrkdwn } from './escape.ts';
import { actionLabel, jst, mentionToken, PLATFORM_LABEL, RESOLUTION_LABEL, STATUS_LABEL } from './labels.ts';

/** A Slack member id as found in a signed payload (U…, W…); anything else is shown as a name. */
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** Who acted, as mrkdwn: a Slack member mention for Slack actors, an escaped name otherwise. */
export function actorText(actor: Actor): string {
  if (actor.platform === 'slack' && SLACK_USER_ID.test(actor.userId)) return `<@${actor.userId}>`;
  return `${fitMrkdwn(actor.displayName || actor.userId, 200)} (${PLATFORM_LABEL[actor.platform]})`;
}

/**
 * The thread reply under the card after a click.
 * @example actionReplyText('KKN-000001', 'acknowledge', null, {platform:'slack', userId:'U1AB', displayName:'Aki'}, '2026-01-07T00:20:00Z')
 * // '👀 <@U1AB> — KKN-000001: 対応を開始しました / <@U1AB> acknowledged KKN-000001 · 2026-01-07 09:20 JST'
 */
export function actionReplyText(ref: string, action: CaseAction, resolution: Resolution | null, actor: Actor, at: string): string {
  const emoji = action === 'acknowledge' ? '👀' : action === 'resolve' ? '✅' : '📝';
  const label = actionLabel(action);
  const who = actorText(actor);
  const what = resolution ? ` — ${RESOLUTION_LABEL[resolution]}` : '';
  return `${emoji} ${who} — ${ref}: ${label.ja} / ${who} ${label.en} ${ref}${what} · ${jst(at)}`;
}

/** The ephemeral answer to a click that lost: who acted first and what the case is now. */
export function conflictText(card: Pick<CaseCard, 'ref' | 'status' | 'resolution' | 'lastAction'>): string {
  const now = card.resolution ? RESOLUTION_LABEL[card.resolution] : STATUS_LABEL[card.status];
  const a = card.lastAction;
  if (!a) return `⚠️ ${card.ref} は既に「${now}」です / ${card.ref} is already ${now}.`;
  const who = `${fitMrkdwn(a.actor.displayName || a.actor.userId, 200)} (${PLATFORM_LABEL[a.actor.platform]})`;
  const label = actionLabel(a.action);
  const when = jst(a.at);
  return `⚠️ ${who} が先に操作しました（${fitMrkdwn(label.ja, 40)}、${when}）。${card.ref} は現在「${now}」です / ${who} acted first: ${fitMrkdwn(label.en, 40)} at ${when}; ${card.ref} is now ${now}.`;
}

/** The ephemeral answer when a click could not be applied for another reason. */
export function failureText(ref: string, message: string): string {
  return `⚠️ ${fitMrkdwn(ref, 40)} を更新できませんでした / Could not update ${fitMrkdwn(ref, 40)}: ${fitMrkdwn(message, 500)}`;
}

/** A reminder posted in the card's thread; mentions only when asked and configured. */
export function reminderText(card: Pick<CaseCard, 'ref'>, reminder: Reminder, mentionHigh: string): string {
  const mention = reminder.mention ? mentionToken(mentionHigh) : null;
  const level = reminder.level === 'second_level' ? '⏫ ' : '⏰ ';
  return `${mention ? `${mention} ` : ''}${level}${card.ref}: ${fitMrkdwn(reminder.text.ja, 1000)} / ${fitMrkdwn(reminder.text.en, 1000)}`;
}
