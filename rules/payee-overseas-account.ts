import { CHANGE, OVERSEAS, PAYEE_ACCOUNT, PAYMENT_TERMS, READER_ACCOUNT, TRANSFER } from './lexicons/money.ts';
import { asked, isRegisteredAccount, senderBanksAbroad } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';


/** SWIFT, IBAN, BIC: banking words that only a foreign account has. */
const SWIFT_WORD = /swift|iban|bic|ｓｗｉｆｔ|ｉｂａｎ/i;

/** A payment abroad that the ledger doesn't know: SWIFT/IBAN, a foreign bank, a payment agent. */
export const payeeOverseasAccount: Rule = {
  id: 'payee.overseas_account',
  category: 'payee',
  title: { ja: '海外口座への送金', en: 'Payment to an overseas account' },
  explanation: {
    ja: '台帳にない海外の銀行口座（SWIFT/IBAN、外国の銀行、決済代行）への送金を求めています。海外送金は取り戻すのが難しく、詐欺でよく使われます。台帳に登録済みの海外取引先の口座は対象外です。',
    en: "Asks for a payment to a foreign account the ledger doesn't know (SWIFT/IBAN, a foreign bank, a payment agent). Money sent abroad is hard to recover and common in fraud. A foreign partner's registered account is not flagged.",
  },
  match(ctx) {
    const accounts = ctx.observables.filter((o) => o.kind === 'bank_account');
    const abroad = accounts.filter((o) => o.details?.overseas === true && !isRegisteredAccount(ctx, o)).map((o) => o.evidence);
    if (abroad.length === 0 && !ctx.has(OVERSEAS)) return null;
    // Words alone ("SWIFT", "Hong Kong") count unless every account given is registered, or the
    // sender is a ledger partner that banks abroad anyway.
    const paying = asked(ctx, TRANSFER, { maxGap: 60, unless: PAYMENT_TERMS }).length > 0 || ctx.near(CHANGE, PAYEE_ACCOUNT, { maxGap: 24, anyOrder: true }).length > 0;
    // Without an account in the message, words about the reader's own details ("re-confirm your bank details") send nothing abroad.
    const readers = accounts.length === 0 && ctx.has(READER_ACCOUNT);
    const wordsCount = paying && !readers && !(accounts.length > 0 && abroad.length === 0) && !senderBanksAbroad(ctx);
    const words = wordsCount ? [...ctx.near(OVERSEAS, TRANSFER, { maxGap: 60, anyOrder: true }), ...ctx.near(OVERSEAS, PAYEE_ACCOUNT, { maxGap: 60, anyOrder: true })] : [];
    const evidence = [...abroad, ...words];
    if (evidence.length === 0) return null;
    // A foreign account in the message (or SWIFT/IBAN words with a payment) is strong; a place name next to a payment word alone is weak.
    const named = abroad.length > 0 || words.some((w) => SWIFT_WORD.test(w.text));
    return { evidence: evidence.slice(0, 3), strength: named ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      '香港の口座へ送金をお願いします。SWIFT：ABCDHKHH',
      '海外の決済代行会社を利用するため、お振込先を変更します。',
      'Please remit to our Singapore account: Straits Harbour Bank, A/C 771-204455-1, SWIFT SHBKSGSG.',
    ],
    noMatch: [
      '外貨の両替は各自でお願いします。現地での支払いは法人カードで。',
      '海外の展示会に出展します。',
      'みずほ銀行 本町支店 普通 1234567 カ)ヨドバイサン へお振込ください。',
      { body: 'Invoice attached. Payment to our usual account: Kestrel Bank plc, IBAN GB11 KSTR 4020 1577 8812 34, BIC KSTRGB2L.', sender: { accountId: 4000002, name: 'Fiona Marsh' } },
      'Our payment of USD 3,000 will be sent by SWIFT from our Japanese account next week.',
      'Before our next payment run, could you send a letter confirming your bank details (bank name, SWIFT, account number)?',
    ],
  },
};
