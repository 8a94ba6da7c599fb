import { SEND_TO_ME } from './lexicons/requests.ts';
import { BALANCE_INFO, BALANCE_PAPER } from './lexicons/secrets.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Balances, account lists or payment approvers asked for in chat. */
export const credentialBalanceRequest: Rule = {
  id: 'credential.balance_request',
  category: 'credential',
  title: { ja: '残高・口座情報の要求', en: 'Asks for balances or account details' },
  explanation: {
    ja: '会社の口座残高、残高画面のスクリーンショット、口座番号の一覧、振込承認者などをチャットで求めています。送金詐欺の下準備として使われます。',
    en: "Asks in chat for the company's balances, balance screenshots, account lists or who approves payments: groundwork for a transfer fraud.",
  },
  match(ctx) {
    const ask = ctx.near(BALANCE_INFO, SEND_TO_ME, { maxGap: 40, anyOrder: true });
    if (ask.length === 0) return null;
    // A bank-issued balance certificate mailed on paper is routine year-end work.
    const paperOnly = ctx.find(BALANCE_PAPER).length > 0 && ctx.find(BALANCE_INFO).every((e) => ctx.find(BALANCE_PAPER).some((p) => p.start <= e.start && e.end <= p.end));
    return paperOnly ? null : { evidence: ask, strength: 'strong' };
  },
  examples: {
    match: ['今日の時点での会社の口座残高を教えてください。', '法人口座の残高照会画面のスクリーンショットを送ってください。', '口座番号の一覧と、振込の承認ができる方のお名前を送ってください。'],
    noMatch: ['12月末時点の残高証明書の原本を郵送でお送りいただけますでしょうか。', '各口座の月末残高はネットバンキングの数字で大丈夫です。'],
  },
};
