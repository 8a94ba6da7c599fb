/**
 * The one calm warning kakunin posts in a watched room about a message that asks for money (or
 * otherwise reaches the threshold). It points at the message by its link and time, never pings its
 * sender (no `[To:]`, no `[rp]`, no `[picon]`: the sender may be the fraudster, or a colleague whose
 * account was taken over, and a ping tells them they were noticed), says what kakunin noticed and
 * the ledger's known contact, and what to do before paying. The sender's name and every word of the
 * message are hostile: the name is escaped with its numbers and links masked (`echoHostile`), and
 * the message is not quoted at all (its numbers and links stay out of the room). Pure. Japanese first, then English.
 */
import { buildAdvice, contactLine } from '../../../src/domain/advice.ts';
import type { DetectionResult } from '../../../src/domain/detection.ts';
import { echoHostile, escapeChatwork as esc } from '../escape.ts';

export interface WatchWarningInput {
  roomId: string;
  messageId: string;
  /** Epoch seconds. */
  sendTime: number;
  senderName: string;
  detected: Pick<DetectionResult, 'verdict' | 'signals' | 'identity' | 'summary'>;
  caseRef: string;
  /** Base of message links (https://www.chatwork.com). */
  webUrl: string;
}

/** `2026-01-07 09:15` in Japan time. */
function jstTime(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000 + 9 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** The link that opens the message in Chatwork; ids are digits only. */
export function messageLink(webUrl: string, roomId: string, messageId: string): string {
  if (!/^\d{1,24}$/.test(roomId) || !/^\d{1,24}$/.test(messageId)) throw new Error('not a Chatwork id');
  return `${webUrl}/#!rid${roomId}-${messageId}`;
}

/**
 * @example buildWatchWarning({ roomId: '4321', messageId: '99', sendTime: 1767744000, senderName: '[toall]', … })
 *   // '[info][title]kakunin からのお知らせ …「［toall］」さんのメッセージ（https://www.chatwork.com/#!rid4321-99）…'
 */
export function buildWatchWarning(input: WatchWarningInput): string {
  const { detected } = input;
  const link = messageLink(input.webUrl, input.roomId, input.messageId);
  const when = jstTime(input.sendTime);
  // A display name can carry a number or link too ("髙嶋 折返し 090-…"): masked like any hostile text.
  const name = echoHostile(input.senderName, 40) || '（名前なし）';
  const noticed = detected.signals
    .filter((s) => s.category !== 'mitigating' && s.category !== 'context')
    .slice(0, 4)
    .map((s) => ({ ja: esc(s.title.ja, 60), en: esc(s.title.en, 80) }));
  const advice = buildAdvice({ severity: detected.verdict, impersonated: detected.identity, senderInLedger: detected.identity?.accountMatches === true, escalated: true });
  const contact = advice.contact && (advice.contact.phone || advice.contact.email) ? advice.contact : null;
  const ja: string[] = [`${when} の ${name} さんのメッセージ（${link}）について、念のためお知らせします。${esc(detected.summary.ja, 160)}`];
  const en: string[] = [`About the message from ${name} at ${when} (${link}): ${esc(detected.summary.en, 160)}`];
  if (noticed.length > 0) {
    ja.push(`気づいた点: ${noticed.map((n) => n.ja).join('、')}`);
    en.push(`What kakunin noticed: ${noticed.map((n) => n.en).join('; ')}`);
  }
  if (contact) {
    ja.push(`台帳にある連絡先: ${esc(contactLine(contact, 'ja'), 160)}`);
    en.push(`The contact in your ledger: ${esc(contactLine(contact, 'en'), 160)}`);
  }
  ja.push(
    '支払い・振込先の変更・情報の提供の前に、チャット以外の既知の連絡先（取引台帳・名刺・社内名簿の電話やメール）で、ご本人に確認してください。メッセージに書かれた連絡先は使わないでください。',
  );
  en.push('Before paying, changing a payee or sending information, confirm with the person through a contact you already know (ledger, business card, staff directory), not one written in the message.');
  ja.push(`この件は ${input.caseRef} として法務・情報システム担当に共有しました。`);
  en.push(`Shared with legal/IT as ${input.caseRef}.`);
  return `[info][title]kakunin からのお知らせ（支払い前の確認のお願い） / A note from kakunin: please verify before paying[/title]${ja.join('\n')}\n[hr]${en.join('\n')}[/info]`;
}
