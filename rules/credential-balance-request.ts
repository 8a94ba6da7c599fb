import { BALANCE_INFO, BALANCE_PAPER, BALANCE_SENSITIVE, NOT_NEEDED } from './lexicons/secrets.ts';
import { asked, closeBy, handOverRequests } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Balances, account lists or payment approvers asked for in chat. */
export const credentialBalanceRequest: Rule = {
  id: 'credential.balance_request',
  category: 'credential',
  title: { ja: '残高・口座情報の要求', en: 'Asks for balances or account details' },
  explanation: {
    ja: '会社の口座残高、残高画面のスクリーンショット、口座番号の一覧、振込承認者やその認証方法などをチャットで求めています。送金詐欺の下準備として使われます。',
    en: "Asks in chat for the company's balances, balance screenshots, account lists, or who approves payments and how they log in: groundwork for a transfer fraud.",
  },
  match(ctx) {
    if (!ctx.has(BALANCE_INFO)) return null;
    const info = ctx.find(BALANCE_INFO);
    if (info.length === 0) return null;
    const ask = [...closeBy(info, handOverRequests(ctx), 40), ...asked(ctx, BALANCE_INFO, { maxGap: 40 })];
    // "who are the approvers …?": a question about who approves payments is an ask in itself.
    const sensitive = ctx.find(BALANCE_SENSITIVE);
    const notNeeded = ctx.find(NOT_NEEDED);
    const sensitiveAsked = sensitive.filter((e) => !notNeeded.some((n) => n.start >= e.end && n.start - e.end <= 6));
    if (ask.length === 0) return null;
    // A bank-issued balance certificate mailed on paper is routine year-end work.
    const paper = ctx.find(BALANCE_PAPER);
    if (paper.length > 0 && info.every((e) => paper.some((p) => p.start <= e.start && e.end <= p.end))) return null;
    // Balance figures for a report are routine; a screenshot of the bank screen, who approves, or how they log in are not.
    return { evidence: [...ask.slice(0, 2), ...sensitiveAsked.slice(0, 1)], strength: sensitiveAsked.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      '今日の時点での会社の口座残高を教えてください。',
      '法人口座の残高照会画面のスクリーンショットを送ってください。',
      '口座番号の一覧と、振込の承認ができる方のお名前を送ってください。',
      'Can you send me a screenshot of the USD account balance and tell me who approves foreign remittances?',
      'I need the closing balances of all our accounts today. Also, who are the approvers on internet banking?',
    ],
    noMatch: [
      '12月末時点の残高証明書の原本を郵送でお送りいただけますでしょうか。',
      '各口座の月末残高はネットバンキングの数字で大丈夫です。',
      'The balance of the order will ship next week.',
    ],
  },
};
