/**
 * What the kakunin bot writes to an employee, in their direct chat with the bot, about a
 * suspicious contact request, and when their connection stopped working. Pure. The requester's
 * name, organisation and message are the fraudster's words: escaped (no mention, tag or link
 * survives) and stripped of numbers, links and addresses (`echoHostile`), so the only contact the
 * warning names is the ledger's. Japanese first, then English.
 */
import { contactLine, verifyContact } from '../../../src/domain/advice.ts';
import type { ContactRequest, ContactRequestAssessment } from '../../../rules/contact-request.ts';
import { echoHostile, escapeChatwork as esc } from '../escape.ts';

export interface RequestWarningInput {
  request: ContactRequest;
  assessment: Pick<ContactRequestAssessment, 'claims' | 'detected'>;
  caseRef: string;
  /** kakunin declines the request (auto-decline on, verdict high); the case timeline records when it did. */
  declining: boolean;
}

/** Who the request imitates, as a phrase. */
function imitated(a: RequestWarningInput['assessment']): { ja: string; en: string } | null {
  const who = a.claims.imitates ?? (a.detected.identity && !a.detected.identity.accountMatches ? a.detected.identity : null);
  if (a.claims.support || who?.kind === 'support') return { ja: 'Chatwork 運営（kubell）', en: 'Chatwork (kubell) support' };
  if (who) {
    const label = who.kind === 'partner' ? `${who.company ?? ''} ${who.name}`.trim() : `${who.name}${who.role ? `（${who.role}）` : ''}`;
    return { ja: `台帳の ${esc(label, 80)} さん`, en: `${esc(label, 80)} from your ledger` };
  }
  if (a.claims.organization) {
    const o = a.claims.organization;
    return { ja: `${o.ours ? '自社' : '取引先'}「${esc(o.company, 60)}」の関係者`, en: `someone from ${o.ours ? 'your company' : 'the partner'} "${esc(o.company, 60)}"` };
  }
  return null;
}

/**
 * The warning for one request.
 * @example buildRequestWarning({ request, assessment, caseRef: 'KKN-000001', declining: false })
 *   // '[info][title]kakunin: このコンタクト申請は承認しないでください[/title]…'
 */
export function buildRequestWarning(input: RequestWarningInput): string {
  const { request, assessment, caseRef } = input;
  const who = imitated(assessment);
  // The profile is the fraudster's too: a number or link hidden in the name or organisation stays out.
  const profile = [echoHostile(request.name, 60) || '（名前なし）', request.organizationName ? `／${echoHostile(request.organizationName, 60)}` : ''].join('');
  const reasons = assessment.detected.signals
    .filter((s) => s.category !== 'mitigating' && s.category !== 'context')
    .slice(0, 4)
    .map((s) => ({ ja: esc(s.title.ja, 60), en: esc(s.title.en, 80) }));
  const contact = verifyContact(assessment.claims.imitates ?? assessment.detected.identity);
  const ja: string[] = [];
  const en: string[] = [];
  ja.push(`「${profile}」からコンタクト申請が届いています。${who ? `${who.ja}を装っている可能性があります。` : '不審な点があります。'}`);
  en.push(`You have a contact request from "${profile}".${who ? ` It may be posing as ${who.en}.` : ' It looks suspicious.'}`);
  if (reasons.length > 0) {
    ja.push(`理由: ${reasons.map((r) => r.ja).join('、')}`);
    en.push(`Why: ${reasons.map((r) => r.en).join('; ')}`);
  }
  if (request.message.trim() !== '') {
    const excerpt = echoHostile(request.message, 80);
    ja.push(`申請のメッセージ: 「${excerpt}」`);
    en.push(`Its message: "${excerpt}"`);
  }
  if (contact && (contact.phone || contact.email)) {
    ja.push(`確認は台帳の連絡先で: ${esc(contactLine(contact, 'ja'), 160)}`);
    en.push(`Verify through the ledger's contact: ${esc(contactLine(contact, 'en'), 160)}`);
  } else {
    ja.push('確認は、取引台帳・名刺・社内名簿にある既知の連絡先（メール・電話）で行ってください。');
    en.push('Verify through a contact you already know (ledger, business card, staff directory).');
  }
  ja.push('申請やメッセージに書かれた連絡先は使わないでください。');
  en.push('Never use a contact written in the request or its message.');
  ja.push('承認しないでください。');
  en.push('Do not approve it.');
  if (input.declining) {
    ja.push('kakunin がこの申請を自動で拒否します（まだ表示されていても承認しないでください）。');
    en.push('kakunin declines this request automatically (if it still shows, do not approve it).');
  }
  ja.push(`案件 ${caseRef} として法務・情報システム担当に共有しています。`);
  en.push(`Shared with legal/IT as ${caseRef}.`);
  return `[info][title]kakunin: 承認しないでください（不審なコンタクト申請） / Do not approve this contact request[/title]${ja.join('\n')}\n[hr]${en.join('\n')}[/info]`;
}

/** The request to connect again, after the employee's token stopped working. */
export function buildReconnectNotice(connectUrl: string): string {
  return (
    '[info][title]kakunin: Chatwork 連携の再設定をお願いします / Please reconnect kakunin[/title]' +
    'kakunin があなたの Chatwork アカウントのコンタクト申請を確認できなくなりました（連携が解除されたか、期限が切れました）。\n' +
    `不審なコンタクト申請の警告を受け取るには、次のリンクから連携し直してください: ${connectUrl}\n` +
    '（このチャットで「連携」と送っても案内します）\n' +
    '[hr]kakunin can no longer check your contact requests (access was revoked or expired).\n' +
    `To keep getting warnings about suspicious requests, connect again: ${connectUrl}[/info]`
  );
}
