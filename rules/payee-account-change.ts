import { CHANGE, PAYEE_ACCOUNT } from './lexicons/money.ts';
import { unregisteredAccounts } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Our bank account has changed": the payee-change scam. */
export const payeeAccountChange: Rule = {
  id: 'payee.account_change',
  category: 'payee',
  title: { ja: '振込先口座の変更連絡', en: 'Payee account change' },
  explanation: {
    ja: '振込先口座の変更・臨時口座・訂正を知らせています。口座変更はチャットだけで受け付けず、取引先台帳の連絡先に確認し、社内で二重承認してください。',
    en: 'Announces a new, temporary or corrected payee account. Never accept an account change in chat alone: confirm through the partner contact in your ledger and apply two-person approval.',
  },
  match(ctx) {
    const change = ctx.near(PAYEE_ACCOUNT, CHANGE, { maxGap: 24, anyOrder: true });
    if (change.length === 0) return null;
    const fresh = unregisteredAccounts(ctx);
    return { evidence: [...change, ...fresh.slice(0, 1).map((o) => o.evidence)], strength: fresh.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      '監査の関係で振込先の口座を変更しました。新口座：みなと銀行 本町支店 普通 7654321 カ）アオバブッサン',
      '請求書の振込先に誤りがございました。正しくは下記口座です。',
    ],
    noMatch: ['お振込はいつもの口座へお願いします。', '口座振替依頼書に届出印を押して返送してください。'],
  },
};
