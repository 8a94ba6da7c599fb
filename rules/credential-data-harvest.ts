import { lexicon } from '../src/detection/lexicon.ts';
import { CONTACT_FIELDS, PEOPLE_LIST } from './lexicons/secrets.ts';
import { asked, closeBy, handOverRequests } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/**
 * Other parties' confidential business data: what other customers pay, what suppliers charge, the
 * rate card, internal costs. Nobody outside needs these, and a contact who asks after weeks of
 * friendly chat is collecting them.
 */
const THIRD_PARTY_DATA = lexicon('third-party-data', [
  '他の荷主', '他の取引先', '他社の', '他のお客様', '他の顧客', '他社さん', '仕入先さんの', '仕入先の', '仕入れ単価', '仕入単価', '仕入値', '原価',
  '卸値', '掛け率', 'オフショア先', '委託先の', '外注先の',
  "other clients'", 'other clients', 'other customers', "other customers'", 'your customers', "your customers'", 'your suppliers',
  "your suppliers'", 'purchase prices', 'cost prices', 'your costs', 'price list to', 'main customers', 'main suppliers', 'prices you pay',
  'what you pay', 'contact details of your',
]);

/** Lists of staff, users, customers or partners with their contact details, or other parties' confidential prices. */
export const credentialDataHarvest: Rule = {
  id: 'credential.data_harvest',
  category: 'credential',
  title: { ja: '社員・顧客・取引先の情報の要求', en: 'Asks for lists of staff, customers or partners' },
  explanation: {
    ja: '社員・ユーザー・顧客・取引先の一覧や組織図を、メールアドレスや携帯番号などの連絡先付きで求めたり、他の取引先の単価・料金などの機密を求めたりしています。なりすまし詐欺の次の標的や材料を集めるための手口です。',
    en: "Asks for lists of staff, users, customers or partners (or an org chart) with e-mails or mobile numbers, or for other parties' confidential prices: how the targets and material of the next fraud are collected.",
  },
  match(ctx) {
    if (!ctx.has(PEOPLE_LIST) && !ctx.has(THIRD_PARTY_DATA)) return null;
    const requests = handOverRequests(ctx);
    const list = ctx.find(PEOPLE_LIST);
    if (list.length > 0 && ctx.find(CONTACT_FIELDS).length > 0) {
      const ask = [...closeBy(list, requests, 120), ...asked(ctx, PEOPLE_LIST, { maxGap: 60 })];
      if (ask.length > 0) return { evidence: [...ask.slice(0, 2), ctx.find(CONTACT_FIELDS)[0]!], strength: 'strong' };
    }
    const third = ctx.find(THIRD_PARTY_DATA);
    const ask = third.length > 0 ? [...closeBy(third, requests, 80), ...asked(ctx, THIRD_PARTY_DATA, { maxGap: 60 })] : [];
    return ask.length > 0 ? { evidence: ask.slice(0, 2), strength: 'strong' } : null;
  },
  examples: {
    match: [
      '全社員のアカウント一覧（氏名・メールアドレス・役職）をExcelで送ってください。',
      'Please send the list of your purchasing staff with email and mobile numbers.',
      'Could you export the full list of user accounts (name, email, last login) and share it here?',
      '比較のために、他のお客様の単価表を何社分か共有いただけたりしませんか？',
      "Before my pitch I'll need your suppliers' purchase prices, could you send them over?",
    ],
    noMatch: [
      '社員一覧は人事システムで各自確認できます。',
      'I will send you our staff list for the event badges tomorrow.',
      'メールアドレスの変更は情報システム課へ連絡してください。',
      '御社の料金表をお送りいただけますか。',
    ],
  },
};
