/**
 * The reply to the employee who reported, as Chatwork notation. Pure: CaseCard + origin + event →
 * message body. Japanese first, then English. Every piece of text that is not ours (the quoted
 * message, evidence, names, contacts, actor names) goes through `escapeChatwork`, so it cannot
 * mention anyone or open a tag; the message and evidence also lose their numbers, links and e-mail
 * addresses (`echoHostile`), so the only contact a reply names is the ledger's.
 * What to do comes from the one advice module (src/domain/advice.ts), so it matches the verdict:
 * Chatwork's checklist for medium/high, what was checked and "verify if in doubt" for none/low.
 */
import type { Resolution } from '../../src/domain/case.ts';
import { buildAdvice, contactLine, type Advice } from '../../src/domain/advice.ts';
import type { CaseCard, ReportOrigin, ReporterEvent } from '../../src/domain/notifier.ts';
import { echoHostile, escapeChatwork as esc } from './escape.ts';

type Lines = { ja: string[]; en: string[] };

const RESOLVED: Record<Resolution, { ja: string; en: string }> = {
  fraud_confirmed: { ja: '詐欺と確認されました。絶対に応じないでください。', en: 'Confirmed as fraud. Do not respond to it in any way.' },
  money_lost: { ja: '被害が発生した詐欺として対応しています。', en: 'Handled as fraud in which money or information was lost.' },
  false_positive: { ja: '確認の結果、詐欺ではありませんでした（誤検知）。', en: 'Checked: this was not fraud (false alarm).' },
  benign: { ja: '確認の結果、問題のない連絡でした。', en: 'Checked: this message is harmless.' },
};

/** The `[rp]` header; ids are digits only (they come from Chatwork), anything else is refused. */
export function replyHeader(origin: ReportOrigin): string {
  for (const v of [origin.accountId, origin.roomId, origin.messageId]) {
    if (!/^\d{1,24}$/.test(v)) throw new Error(`not a Chatwork id: ${JSON.stringify(v.slice(0, 30))}`);
  }
  return `[rp aid=${origin.accountId} to=${origin.roomId}-${origin.messageId}]`;
}

/** The advice's lines, with the ledger contact written in (escaped: it is shown as text). */
function adviceLines(card: CaseCard): { advice: Advice; steps: Lines } {
  const advice = buildAdvice({ severity: card.severity, impersonated: card.impersonated, senderInLedger: card.sender.inLedger, escalated: card.escalated });
  const fill = (s: string, lang: 'ja' | 'en') => (advice.contact ? s.replace('{contact}', esc(contactLine(advice.contact, lang), 160)) : s);
  const mark = { ja: '・', en: '- ' };
  const steps: Lines = {
    ja: [advice.stepsTitle.ja, ...advice.steps.map((x) => `${mark.ja}${fill(x.ja, 'ja')}`)],
    en: [advice.stepsTitle.en, ...advice.steps.map((x) => `${mark.en}${fill(x.en, 'en')}`)],
  };
  return { advice, steps };
}

/** What the case is about: the verdict, a few reasons with their evidence, the message (all escaped). */
function summary(card: CaseCard): Lines {
  const reasons = card.signals.slice(0, 4).map((s) => {
    const ev = s.evidence[0] ? `「${echoHostile(s.evidence[0].text, 30)}」` : '';
    return { ja: `${esc(s.title.ja, 60)}${ev}`, en: `${esc(s.title.en, 60)}${ev ? ` (${ev})` : ''}` };
  });
  const excerpt = echoHostile(card.message.body, 80);
  const verdict = adviceLines(card).advice.verdict;
  const out: Lines = {
    ja: [`判定: ${verdict.ja}`],
    en: [`Verdict: ${verdict.en}`],
  };
  if (reasons.length > 0) {
    out.ja.push(`理由: ${reasons.map((r) => r.ja).join('、')}`);
    out.en.push(`Why: ${reasons.map((r) => r.en).join('; ')}`);
  }
  if (card.impersonated && card.impersonated.kind !== 'support' && !card.impersonated.accountMatches) {
    const name = esc(card.impersonated.name, 60);
    out.ja.push(`${name}さんを名乗っていますが、台帳にある本人のアカウントではありません。`);
    out.en.push(`It claims to be ${name}, but it is not the account in your ledger.`);
  }
  if (excerpt) {
    out.ja.push(`対象メッセージ: 「${excerpt}」`);
    out.en.push(`Message: "${excerpt}"`);
  }
  return out;
}

/** The status line for a later change of the case. */
function change(card: CaseCard, event: ReporterEvent): Lines {
  // A display name is chosen by its owner (any Slack/Teams member): no links, addresses or numbers either.
  const actor = card.lastAction ? echoHostile(card.lastAction.actor.displayName, 40) : null;
  const by = { ja: actor ? `（担当: ${actor}）` : '', en: actor ? ` (by ${actor})` : '' };
  switch (event) {
    case 'acknowledged':
      return { ja: [`担当者が確認を始めました${by.ja}。結果が出るまで、相手には応じないでください。`], en: [`Someone is on it${by.en}. Until you hear back, do not respond to the sender.`] };
    case 'investigating':
      return { ja: [`調査中です${by.ja}。相手には応じないでください。`], en: [`Under investigation${by.en}. Do not respond to the sender.`] };
    case 'reopened':
      return { ja: [`再調査になりました${by.ja}。相手には応じないでください。`], en: [`Reopened${by.en}. Do not respond to the sender.`] };
    case 'resolved': {
      const r = RESOLVED[card.resolution ?? 'fraud_confirmed'];
      return { ja: [`対応が完了しました${by.ja}: ${r.ja}`], en: [`Resolved${by.en}: ${r.en}`] };
    }
    case 'received':
      return { ja: [], en: [] };
  }
}

/**
 * The whole reply body.
 * @example buildReply(card, { platform: 'chatwork', roomId: '10', messageId: '99', accountId: '42' }, 'received')
 *   // '[rp aid=42 to=10-99]\n[info][title]kakunin 確認 KKN-000001 …'
 */
export function buildReply(card: CaseCard, origin: ReportOrigin, event: ReporterEvent): string {
  const ja: string[] = [];
  const en: string[] = [];
  const add = (l: Lines) => {
    ja.push(...l.ja);
    en.push(...l.en);
  };
  const benign = card.status === 'resolved' && (card.resolution === 'false_positive' || card.resolution === 'benign');
  if (event === 'received') {
    ja.push(`ご報告ありがとうございます。${card.ref} として受け付けました。`);
    en.push(`Thank you. Your report is ${card.ref}.`);
    if (card.status === 'resolved' && card.resolution) {
      ja.push(`この件はすでに対応済みです: ${RESOLVED[card.resolution].ja}`);
      en.push(`This case is already resolved: ${RESOLVED[card.resolution].en}`);
    }
    add(summary(card));
  } else {
    ja.push(`${card.ref} の更新です。`);
    en.push(`Update on ${card.ref}.`);
    add(change(card, event));
  }
  // The advice comes with the first answer and with a fraud verdict; progress updates stay short.
  if ((event === 'received' || event === 'resolved') && !benign) {
    const { advice, steps } = adviceLines(card);
    if (event === 'received') {
      if (!advice.alarming) add({ ja: advice.checked.map((c) => c.ja), en: advice.checked.map((c) => c.en) });
      if (advice.notified) add({ ja: [advice.notified.ja], en: [advice.notified.en] });
    }
    add(steps);
  }
  if (benign) {
    ja.push('今後も、送金や口座変更の依頼はチャットだけで完結させず、既知の連絡先で確認してください。');
    en.push('Still: never settle a payment or bank-account change in chat alone; confirm through a contact you already know.');
  }
  return `${replyHeader(origin)}\n[info][title]kakunin 確認 ${card.ref}[/title]${ja.join('\n')}\n[hr]${en.join('\n')}[/info]`;
}
