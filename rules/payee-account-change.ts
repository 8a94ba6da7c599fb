import { CHANGE, NO_CHANGE, PAYEE_ACCOUNT } from './lexicons/money.ts';
import { pairWithin, sameSentence, unregisteredAccounts } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Our bank account has changed": the payee-change scam (and its payroll twin, a changed salary account). */
export const payeeAccountChange: Rule = {
  id: 'payee.account_change',
  category: 'payee',
  title: { ja: '振込先口座の変更連絡', en: 'Payee account change' },
  explanation: {
    ja: '振込先口座（給与の振込先を含む）の変更・臨時口座・訂正を知らせています。口座変更はチャットだけで受け付けず、取引先台帳の連絡先に確認し、社内で二重承認してください。',
    en: 'Announces a new, temporary or corrected payee account (a salary account included). Never accept an account change in chat alone: confirm through the partner contact in your ledger and apply two-person approval.',
  },
  match(ctx) {
    if (!ctx.has(CHANGE) || !ctx.has(PAYEE_ACCOUNT)) return null;
    // 「振込先の変更はありません」 "bank details unchanged" say the opposite: their change words don't count,
    // and a payee said to stay the same is not changed by another change in its sentence (「担当者は変わりますが、振込先の変更はありません」).
    const same = ctx.find(NO_CHANGE);
    const changes = ctx.find(CHANGE).filter((c) => !same.some((n) => n.start <= c.start && c.end <= n.end));
    const payees = ctx.find(PAYEE_ACCOUNT).filter((p) => !same.some((n) => sameSentence(ctx.text.original, p, n) && n.start >= p.end && n.start - p.end <= 14));
    const change = pairWithin(ctx.text.original, changes, payees, 24);
    if (change.length === 0) return null;
    const fresh = unregisteredAccounts(ctx);
    return { evidence: [...change, ...fresh.slice(0, 1).map((o) => o.evidence)], strength: fresh.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      '監査の関係で振込先の口座を変更しました。新口座：みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ',
      '請求書の振込先に誤りがございました。正しくは下記口座です。',
      '今月から給与の振込先を変更したいので、こちらの口座でお願いします。',
      'Please note our bank details have changed. New account: Harbourline Bank, A/C 55120987, SWIFT HLBKSGSG.',
      'Kindly route this payment to our alternate account this time, details below.',
    ],
    noMatch: [
      'お振込はいつもの口座へお願いします。',
      '口座振替依頼書に届出印を押して返送してください。',
      '担当者は変わりますが、振込先の変更はありません。',
      'ご請求関連・お振込先などの変更は一切ございません。',
      'Bank details unchanged, please pay as usual.',
      'Our contact person has changed; there are no changes to our bank account.',
    ],
  },
};
