import { ACCOUNT_THREAT, AUTHORITY_CLAIM, BANK_CLAIM, SPEAKS_AS } from './lexicons/identity.ts';
import { PAYEE_ACCOUNT, REFUND, TRANSFER } from './lexicons/money.ts';
import { CALL_ME } from './lexicons/offplatform.ts';
import { PERSONAL_DATA, SECRETS } from './lexicons/secrets.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A bank, the police, the tax office or another authority speaks in chat from an account outside the ledger. */
export const identityInstitutionClaim: Rule = {
  id: 'identity.institution_claim',
  category: 'identity',
  title: { ja: '金融機関・警察・役所を名乗るチャット', en: 'A bank or an authority writing in chat' },
  explanation: {
    ja: '銀行・信用金庫・カード会社、警察・税務署・省庁などを名乗る台帳外のアカウントからの連絡です。これらの機関がチャットで暗証番号・個人情報・支払いを求めたり、メッセージ内の番号への電話を求めたりすることは通常ありません。既知の窓口に自分で確認してください。',
    en: "A bank, card company, the police, the tax office or a ministry writes from an account outside the ledger. They don't ask for PINs, personal data or payments in chat, nor for a call to a number in the message; check with their known contact yourself.",
  },
  match(ctx) {
    if (ctx.senderInLedger) return null;
    const byName = ctx.nameHas(BANK_CLAIM) || ctx.nameHas(AUTHORITY_CLAIM);
    // 「〇〇銀行 法人営業部の松尾と申します」 "This is the National Tax Agency": the institution introduces itself.
    const intro = [...ctx.near(BANK_CLAIM, SPEAKS_AS, { maxGap: 16, anyOrder: true }), ...ctx.near(AUTHORITY_CLAIM, SPEAKS_AS, { maxGap: 24, anyOrder: true })];
    if (!byName && intro.length === 0) return null;
    const claim = intro.length > 0 ? intro.slice(0, 2) : [...ctx.find(AUTHORITY_CLAIM), ...ctx.find(BANK_CLAIM)].slice(0, 1);
    // What it demands: secrets, personal data, a payment or a fee, a call to a number in the message, or a threat.
    const phone = ctx.observables.some((o) => o.kind === 'phone');
    // A link to register, pay or claim a refund counts too: authorities don't send those in chat.
    const link = ctx.observables.filter((o) => o.kind === 'url').map((o) => o.evidence);
    const demand = [
      ...ctx.find(SECRETS), ...ctx.find(PERSONAL_DATA), ...ctx.find(TRANSFER), ...ctx.find(REFUND), ...ctx.find(PAYEE_ACCOUNT), ...ctx.find(ACCOUNT_THREAT),
      ...(phone ? ctx.find(CALL_ME) : []), ...link,
    ];
    return { evidence: [...claim, ...demand.slice(0, 2)], strength: demand.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      { body: 'いつもお世話になっております。口座のご確認をお願いします。', sender: { accountId: 9999010, name: 'みなと銀行 法人営業部 田中' } },
      'はじめまして。さくら信用金庫 法人営業部の田中と申します。',
      { body: 'Your transfer is on hold. Please call us back at 03-0000-7781 to release it.', sender: { accountId: 9999011, name: 'Harbor Bank Fraud Desk' } },
      'This is the National Tax Agency. You must pay the penalty today; call 050-0000-1212 for instructions.',
    ],
    noMatch: [
      { body: '銀行の面談資料を作ってください。', sender: { accountId: 3000002, name: '齋藤 花子' } },
      '来週、銀行の担当者が来社します。',
      '税務署への申告は顧問税理士にお願いしています。',
    ],
  },
};
