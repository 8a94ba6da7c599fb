import { CHANGE, INVOICE_DUE, PAYEE_ACCOUNT, PAYMENT_TERMS, READER_ACCOUNT, TRANSFER } from './lexicons/money.ts';
import { asked, describeAccounts, unregisteredAccounts } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A bank account in the message that the ledger does not know. */
export const payeeUnregisteredAccount: Rule = {
  id: 'payee.unregistered_account',
  category: 'payee',
  title: { ja: '台帳にない振込先口座', en: 'Payee account not in the ledger' },
  explanation: {
    ja: 'メッセージ内の口座は、取引先台帳に登録されたどの口座とも一致しません。未確認の口座への送金は、台帳の連絡先で確認するまで行わないでください。',
    en: 'The bank account in the message matches none of the accounts registered in the ledger. Do not pay an unverified account until confirmed through the ledger contact.',
  },
  match(ctx) {
    // An account introduced as the reader's own (「御社の請求書に記載のお振込先」, "your bank details") is where money comes in.
    const readers = ctx.has(READER_ACCOUNT) ? ctx.find(READER_ACCOUNT) : [];
    const fresh = unregisteredAccounts(ctx).filter((o) => !readers.some((r) => r.end <= o.evidence.start && o.evidence.start - r.end <= 30));
    if (fresh.length === 0) return null;
    // Strong when the reader is asked to pay it or told it replaces another, or when the sender is not who they claim.
    const paying =
      asked(ctx, TRANSFER, { maxGap: 40, unless: PAYMENT_TERMS }).length > 0 ||
      ctx.find(INVOICE_DUE).length > 0 ||
      ctx.near(PAYEE_ACCOUNT, CHANGE, { maxGap: 24, anyOrder: true }).length > 0 ||
      (ctx.identity !== null && !ctx.identity.accountMatches);
    const partner = ctx.identity?.kind === 'partner' ? ctx.directory.counterparties.find((c) => c.company === ctx.identity?.company) : undefined;
    const registered = partner && partner.bankAccounts.length > 0 ? describeAccounts(partner.bankAccounts) : null;
    // A colleague passing on a new supplier's account is routine; a partner's own account paying somewhere
    // its ledger entry doesn't know is what a taken-over account does.
    const colleague = ctx.identity?.accountMatches === true && ctx.identity.kind === 'person';
    const trustedPartnerWithoutAccounts = ctx.identity?.accountMatches === true && ctx.identity.kind === 'partner' && registered === null;
    return {
      evidence: fresh.map((o) => o.evidence),
      strength: paying && !colleague && !trustedPartnerWithoutAccounts ? 'strong' : 'weak',
      detail: registered
        ? { ja: `${partner?.company} の登録口座は ${registered} です。`, en: `${partner?.company}'s registered account(s): ${registered}.` }
        : { ja: `台帳にない口座: ${fresh.map((o) => o.display).join(' / ')}`, en: `Not in the ledger: ${fresh.map((o) => o.display).join(' / ')}` },
    };
  },
  examples: {
    match: [
      '下記にお振込ください。みなと銀行 本町支店 普通 7654321 カ）ミナトショウジ',
      // The registered number under another bank, branch or holder is another account.
      'お振込は三井住友銀行 難波支店 普通 1234567 カ）アオバブッサン へお願いします。',
      'お振込はりそな銀行 梅田支店 普通 1234567 へお願いします。',
      'お振込は三井住友銀行 梅田支店 普通 1234567 カ）ミナトコウギョウ へお願いします。',
      'Please pay to Harbourline Bank, Account No. 4410288391, SWIFT HLBKUS33.',
    ],
    noMatch: [
      'お振込は三井住友銀行 梅田支店 普通 1234567 カ）アオバブッサン へお願いします。',
      'お振込は三井住友銀行 梅田支店（普通 1234567）へお願いします。',
      'お振込は三井住友銀行 418 普通 1234567 へお願いします。',
      '振込先：三井住友銀行（0009） 店番418 口座番号 1234567 名義 カ）アオバブッサン',
      'Please pay to Sumitomo Mitsui Banking Corporation, Umeda Branch, Savings A/C 1234567, AOBA BUSSAN CO., LTD.',
      'Payment to our usual account: Kestrel Bank plc, sort code 40-20-15, A/C 77881234 (IBAN GB11 KSTR 4020 1577 8812 34, BIC KSTRGB2L).',
      '口座の件は来週相談します。',
    ],
  },
};
