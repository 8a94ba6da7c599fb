import { OVERSEAS, PAYEE_ACCOUNT, TRANSFER } from './lexicons/money.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A payment abroad: SWIFT/IBAN, a foreign bank, a payment agent. */
export const payeeOverseasAccount: Rule = {
  id: 'payee.overseas_account',
  category: 'payee',
  title: { ja: '海外口座への送金', en: 'Payment to an overseas account' },
  explanation: {
    ja: '海外の銀行口座（SWIFT/IBAN、外国の銀行、決済代行）への送金を求めています。海外送金は取り戻すのが難しく、詐欺でよく使われます。',
    en: 'Asks for a payment to a foreign account (SWIFT/IBAN, a foreign bank, a payment agent). Money sent abroad is hard to recover and common in fraud.',
  },
  match(ctx) {
    const abroad = ctx.observables.filter((o) => o.kind === 'bank_account' && o.details?.overseas === true).map((o) => o.evidence);
    const words = ctx.near(OVERSEAS, TRANSFER, { maxGap: 60, anyOrder: true });
    const account = ctx.near(OVERSEAS, PAYEE_ACCOUNT, { maxGap: 60, anyOrder: true });
    const evidence = [...abroad, ...words, ...account];
    if (evidence.length === 0) return null;
    return { evidence: evidence.slice(0, 3), strength: 'strong' };
  },
  examples: {
    match: ['香港の口座へ送金をお願いします。SWIFT：ABCDHKHH', '海外の決済代行会社を利用するため、お振込先を変更します。'],
    noMatch: ['外貨の両替は各自でお願いします。現地での支払いは法人カードで。', '海外の展示会に出展します。'],
  },
};
