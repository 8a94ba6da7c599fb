import { PERSONAL_DATA } from './lexicons/secrets.ts';
import { DONT_SHARE, IN_THIS_CHAT, SEND_TO_ME } from './lexicons/requests.ts';
import { SUPPORT_REGEXES, closeBy, handOverRequests } from './support.ts';

const LIST_ITEM = SUPPORT_REGEXES.listItem;

/** The text of the line that holds `i`, before `i`. */
function lineBefore(s: string, i: number): string {
  return s.slice(s.lastIndexOf('\n', i - 1) + 1, i);
}
import type { Rule } from '../src/detection/rule.ts';

/** ID documents, My Number, tax slips or card details asked for in chat. */
export const credentialPersonalDataRequest: Rule = {
  id: 'credential.personal_data_request',
  category: 'credential',
  title: { ja: '個人情報・本人確認書類の要求', en: 'Asks for personal data or ID documents' },
  explanation: {
    ja: 'マイナンバー、運転免許証、在留カード、パスポート、源泉徴収票、法人カード情報などをチャットで求めています。個人情報は所定の手続き以外で送らないでください。',
    en: 'Asks for My Number, a driving licence, a residence card, a passport, a tax slip or corporate card details in chat. Personal data goes only through the formal process.',
  },
  match(ctx) {
    if (!ctx.has(PERSONAL_DATA)) return null;
    const requests = handOverRequests(ctx);
    const inSentence = ctx.near(PERSONAL_DATA, SEND_TO_ME, { maxGap: 50, anyOrder: true, unless: DONT_SHARE });
    const here = inSentence.length > 0 ? inSentence : ctx.near(PERSONAL_DATA, IN_THIS_CHAT, { maxGap: 24, anyOrder: true });
    if (here.length > 0 && requests.some((r) => here.some((h) => h.start === r.start))) return { evidence: here, strength: 'strong' };
    // The documents are often a list ("- Residence card\n- Passport"), and "please upload them here" its last line.
    const listed = ctx.find(PERSONAL_DATA).filter((e) => LIST_ITEM.test(lineBefore(ctx.text.original, e.start)));
    const pair = closeBy(listed, requests.filter((r) => listed.some((l) => r.start > l.end)), 160);
    // 「…の画像がまだ届いていません。このチャットに添付していただけますか」: the request right after, in the next sentence.
    const next = pair.length > 0 ? pair : closeBy(ctx.find(PERSONAL_DATA), requests, 40);
    return next.length > 0 ? { evidence: next, strength: 'strong' } : null;
  },
  examples: {
    match: [
      '全従業員のマイナンバーと住所の一覧をこちらに送ってください。',
      '運転免許証の表裏の写真をこのチャットにお送りください。',
      'Please send me a photo of your residence card (front and back) and your tax slip here.',
      'We need copies of the following:\n- Residence card, both sides\n- Passport photo page\nPlease upload them here by today.',
    ],
    noMatch: [
      'マイナンバーの提出がまだの方は、人事システムから登録をお願いします。',
      '免許証の更新を忘れずに。',
      'Remember to renew your passport before the Singapore trip.',
      'Please email me (not here) your passport expiry date.',
    ],
  },
};
