import { AVAILABLE_FUNDS } from './lexicons/money.ts';
import { SEND_TO_ME } from './lexicons/requests.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "How much can you move today?": sizing the theft. */
export const moneyAvailableFunds: Rule = {
  id: 'money.available_funds',
  category: 'credential',
  title: { ja: '動かせる金額の確認', en: 'Asks how much money can be moved' },
  explanation: {
    ja: '今日振込できる金額・動かせる金額を尋ねています。詐欺師が要求額を決めるための下調べです。',
    en: 'Asks how much can be transferred today, so the fraudster can size the demand.',
  },
  match(ctx) {
    const ask = ctx.near(AVAILABLE_FUNDS, SEND_TO_ME, { maxGap: 30, anyOrder: true });
    return ask.length > 0 ? { evidence: ask, strength: 'strong' } : null;
  },
  examples: {
    match: ['今日経理で動かせる金額を確認して教えてください。', 'まずは本日中に振込可能な金額を教えてください。'],
    noMatch: ['今月の支払可能額は資金繰り表に記載しています。'],
  },
};
