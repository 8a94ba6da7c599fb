import { PERSONAL_ACCOUNT } from './lexicons/money.ts';
import { isRegisteredAccount } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A company payment to a personal-name account. */
export const payeePersonalAccount: Rule = {
  id: 'payee.personal_account',
  category: 'payee',
  title: { ja: '個人名義口座への振込', en: 'Payment to a personal-name account' },
  explanation: {
    ja: '会社間の支払いを個人名義の口座へ求めています。法人の取引先が個人名義口座を指定するのは不自然で、Chatworkが挙げる警戒すべき兆候です。',
    en: "Asks for a business payment to an account in a person's name. A company partner naming a personal account is unnatural and one of the warning signs Chatwork lists.",
  },
  match(ctx) {
    const words = ctx.find(PERSONAL_ACCOUNT);
    const personal = ctx.observables.filter((o) => o.kind === 'bank_account' && o.details?.personalName === true && !isRegisteredAccount(ctx, o));
    if (words.length === 0 && personal.length === 0) return null;
    return { evidence: [...words.slice(0, 1), ...personal.map((o) => o.evidence)], strength: 'strong' };
  },
  examples: {
    match: [
      '一時的に代表の個人口座でのお振込みをお願いしております。',
      '下記口座へお願いします。みなと銀行 本町支店 普通 7654321 ヤマダ タロウ',
      'Please send it to my personal account for now, I will sort it out with finance later.',
      'Beneficiary: Marta Lindgren\nBank: Nordvik Sparbank\nAccount No: 8801-445120-7',
    ],
    noMatch: [
      '下記口座へお願いします。みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ',
      'Beneficiary: Nordvik Trading AB\nBank: Nordvik Sparbank\nAccount No: 8801-445120-7',
      // A holder whose company form is romanised is still a company.
      'Account: Minato Bank, Honmachi Branch, Savings 7654321, KA) MINATO SHOJI',
    ],
  },
};
