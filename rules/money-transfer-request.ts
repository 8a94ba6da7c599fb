import { DESTINATION_LATER, INVOICE_DUE, PAYMENT_TERMS, TRANSFER } from './lexicons/money.ts';
import { OBLIGATION } from './lexicons/requests.ts';
import { asked, unregisteredAccounts } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Below this an amount is a fee or a difference, not the point of the message. */
const SIGNIFICANT_YEN = 100_000;

/** The reader is asked to send money. */
export const moneyTransferRequest: Rule = {
  id: 'money.transfer_request',
  category: 'money',
  title: { ja: '振込・送金の依頼', en: 'Request to transfer money' },
  explanation: {
    ja: '振込・送金・支払いを依頼しています。金額、台帳にない振込先、「振込先は後で送る」が伴うと危険度が上がります。送金はチャットだけで完結させず、台帳の連絡先で本人確認してください。',
    en: 'Asks for a transfer or payment. An amount, a payee not in the ledger, or "I will send the account later" raise the risk. Never complete a transfer in chat alone: verify through the contact in your ledger.',
  },
  match(ctx) {
    const requested = asked(ctx, TRANSFER, { maxGap: 40, unless: PAYMENT_TERMS });
    const obliged = requested.length > 0 ? requested : ctx.near(TRANSFER, OBLIGATION, { maxGap: 24, unless: PAYMENT_TERMS });
    // An invoice asks by its form: an amount due or a deadline, and an account the ledger doesn't know.
    const invoice = obliged.length === 0 && unregisteredAccounts(ctx).length > 0 ? ctx.find(INVOICE_DUE).slice(0, 1) : [];
    const ask = obliged.length > 0 ? obliged : invoice;
    if (ask.length === 0) return null;
    const amount = ctx.observables.find(
      (o) => o.kind === 'amount' && (Number(o.details?.yen ?? 0) >= SIGNIFICANT_YEN || (o.details?.currency ?? 'JPY') !== 'JPY'),
    );
    const later = ctx.find(DESTINATION_LATER);
    const strong = amount !== undefined || later.length > 0 || unregisteredAccounts(ctx).length > 0;
    return {
      evidence: [...ask, ...(amount ? [amount.evidence] : []), ...later.slice(0, 1)],
      strength: strong ? 'strong' : 'weak',
    };
  },
  examples: {
    match: [
      '本日中に180万円を下記に振り込んでください。',
      '請求金額：１，２８０，０００円\nお支払期限：今月末\n振込先：みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ',
      '取引先への前払いで、振込をお願いできますか。振込先はあとで送ります。',
      '至急、230万円の送金をお願いします。',
      '今日中に取引先へ300万円を送金しなければならない。先方の口座はあとで送る。',
      'Could you wire EUR 31,500 to the supplier today? I will send the beneficiary details in a minute.',
      'A deposit of JPY 9,600,000 must be paid before noon to hold the slot.',
      'Please process the payment of USD 12,800 to the account below.',
    ],
    noMatch: [
      '今回振込手数料が差し引かれておりましたので、次回以降は御社ご負担でお願いできますでしょうか。',
      '1月分の振込が完了しました。明細は共有フォルダにあります。',
      '賞与は3月25日に給与と同じ口座へ振り込みます。',
      'ご入金を確認いたしました。ありがとうございます。',
      '振込手数料の確認が必要です。',
      'We received your payment of USD 4,200 yesterday, thank you.',
      'Payment terms are 30 days net as before.',
      'Please note the bank charges are on the remitter side.',
      'We would like to place a first order. Could you tell us where to make payment, and in which currency?',
      '初回のご注文にあたり、どちらにお振込すればよろしいでしょうか。請求書に記載いただければ幸いです。',
    ],
  },
};
