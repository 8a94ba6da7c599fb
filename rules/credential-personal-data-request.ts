import { IN_THIS_CHAT, SEND_TO_ME } from './lexicons/requests.ts';
import { PERSONAL_DATA } from './lexicons/secrets.ts';
import type { Rule } from '../src/detection/rule.ts';

/** ID documents, My Number or staff lists asked for in chat. */
export const credentialPersonalDataRequest: Rule = {
  id: 'credential.personal_data_request',
  category: 'credential',
  title: { ja: '個人情報・本人確認書類の要求', en: 'Asks for personal data or ID documents' },
  explanation: {
    ja: 'マイナンバー、運転免許証、従業員名簿、法人カード情報などをチャットで求めています。個人情報は所定の手続き以外で送らないでください。',
    en: 'Asks for My Number, a driving licence, staff lists or corporate card details in chat. Personal data goes only through the formal process.',
  },
  match(ctx) {
    const ask = ctx.near(PERSONAL_DATA, SEND_TO_ME, { maxGap: 40, anyOrder: true });
    const here = ask.length > 0 ? ask : ctx.near(PERSONAL_DATA, IN_THIS_CHAT, { maxGap: 24, anyOrder: true });
    return here.length > 0 ? { evidence: here, strength: 'strong' } : null;
  },
  examples: {
    match: ['全従業員のマイナンバーと住所の一覧をこちらに送ってください。', '運転免許証の表裏の写真をこのチャットにお送りください。'],
    noMatch: ['マイナンバーの提出がまだの方は、人事システムから登録をお願いします。', '免許証の更新を忘れずに。'],
  },
};
