import { CRYPTO, TRANSFER } from './lexicons/money.ts';
import { closeBy } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Pay a fee, a deposit or an invoice in crypto or to a wallet: no business partner needs that. */
export const moneyCryptoPayment: Rule = {
  id: 'money.crypto_payment',
  category: 'money',
  title: { ja: '暗号資産・ウォレットでの支払い', en: 'Payment in crypto or to a wallet' },
  explanation: {
    ja: '手数料・保証金・請求の支払いを、暗号資産（USDTなど）やウォレットアドレスへ求めています。取引先が暗号資産での支払いを求めることは通常なく、送った資金は取り戻せません。「返金の前に手数料」という手口が典型です。',
    en: 'Asks for a fee, a deposit or an invoice to be paid in crypto (USDT …) or to a wallet address. Business partners do not ask for that, and the money cannot be recovered; "a fee before your refund" is the classic form.',
  },
  match(ctx) {
    const crypto = ctx.find(CRYPTO);
    if (crypto.length === 0) return null;
    // The fee and the wallet are often on separate lines: the crypto word and a payment word within a few lines.
    const pay = closeBy(crypto, ctx.find(TRANSFER), 160);
    return pay.length > 0 ? { evidence: pay, strength: 'strong' } : null;
  },
  examples: {
    match: [
      'The refund is ready, but a release fee of USD 380 must be paid in USDT (TRC20) first.',
      '手数料はビットコインでのお支払いも可能です。ウォレットアドレスは下記です。',
    ],
    noMatch: ['暗号資産の会計処理について顧問税理士に相談します。', 'Our treasury policy does not allow crypto holdings.'],
  },
};
