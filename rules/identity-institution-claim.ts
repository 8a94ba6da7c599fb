import { containsAny, lexicon } from '../src/detection/lexicon.ts';
import { BANK_CLAIM } from './lexicons/identity.ts';
import type { Rule } from '../src/detection/rule.ts';

const INTRODUCES = lexicon('institution-intro', ['と申します', 'でございます']);

/** A bank or card company speaks in chat from an account outside the ledger. */
export const identityInstitutionClaim: Rule = {
  id: 'identity.institution_claim',
  category: 'identity',
  title: { ja: '金融機関を名乗るチャット', en: 'A financial institution writing in chat' },
  explanation: {
    ja: '銀行・信用金庫・カード会社などを名乗る台帳外のアカウントからの連絡です。金融機関がチャットで口座番号・残高・暗証番号を求めることは通常ありません。取引銀行の既知の窓口に確認してください。',
    en: "A bank, credit union or card company writes from an account outside the ledger. Banks don't ask for account numbers, balances or PINs in chat; check with your bank's known contact.",
  },
  match(ctx) {
    if (ctx.senderInLedger) return null;
    const name = ctx.senderNameFolded;
    const byName = containsAny(BANK_CLAIM, name);
    // 「〇〇銀行 法人営業部の松尾と申します」: the institution introduces itself in the text.
    const intro = ctx.near(BANK_CLAIM, INTRODUCES, { maxGap: 16 });
    if (!byName && intro.length === 0) return null;
    return { evidence: intro.length > 0 ? intro : ctx.find(BANK_CLAIM).slice(0, 1), strength: 'weak' };
  },
  examples: {
    match: [
      { body: 'いつもお世話になっております。口座のご確認をお願いします。', sender: { accountId: 9999010, name: 'みなと銀行 法人営業部 田中' } },
      'はじめまして。さくら信用金庫 法人営業部の田中と申します。',
    ],
    noMatch: [
      { body: '銀行の面談資料を作ってください。', sender: { accountId: 3000002, name: '齋藤 花子' } },
      '来週、銀行の担当者が来社します。',
    ],
  },
};
