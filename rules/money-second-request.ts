import { SECOND_REQUEST, TRANSFER } from './lexicons/money.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A second (often larger) payment, or "the same account as before". */
export const moneySecondRequest: Rule = {
  id: 'money.second_request',
  category: 'pressure',
  title: { ja: '追加の支払い依頼', en: 'A follow-up payment request' },
  explanation: {
    ja: '一度支払わせた後に、追加や「先ほどと同じ口座へ」の支払いを求めています。一度成功した詐欺は、より大きな二回目の依頼に続きがちです。',
    en: 'After one payment, asks for more or for "the same account as before". A fraud that worked once is often followed by a larger second request.',
  },
  match(ctx) {
    const more = ctx.near(SECOND_REQUEST, TRANSFER, { maxGap: 40, anyOrder: true });
    return more.length > 0 ? { evidence: more, strength: 'weak' } : null;
  },
  examples: {
    match: ['実は追加で着手金500万円の入金が必要です。', '先ほどと同じ口座へ振込をお願いします。'],
    noMatch: ['追加で資料をお送りします。', '振込は完了しています。'],
  },
};
