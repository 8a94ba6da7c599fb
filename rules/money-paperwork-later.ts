import { PAPERWORK_LATER, TRANSFER } from './lexicons/money.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Pay now, invoice/contract/approval later. */
export const moneyPaperworkLater: Rule = {
  id: 'money.paperwork_later',
  category: 'pressure',
  title: { ja: '書類・承認は後回し', en: 'Paperwork promised for later' },
  explanation: {
    ja: '請求書・契約書・稟議などを後回しにして、先に支払いを進めさせようとしています。正規の手続きを飛ばさせるのは詐欺の典型です。',
    en: 'Invoices, contracts or approval are promised for later so that the payment goes first. Skipping the normal process is a classic fraud lever.',
  },
  match(ctx) {
    const later = ctx.find(PAPERWORK_LATER);
    if (later.length === 0 || ctx.find(TRANSFER).length === 0) return null;
    return { evidence: later.slice(0, 2), strength: 'weak' };
  },
  examples: {
    match: ['先に振込をお願いします。請求書は後日届きます。', '稟議は事後で私が回すので、今日中に支払いを済ませてください。'],
    noMatch: ['請求書は後日郵送します。', '振込は25日です。請求書は来月分と合わせてください。'],
  },
};
