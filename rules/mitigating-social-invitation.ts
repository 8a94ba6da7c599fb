import { lexicon } from '../src/detection/lexicon.ts';
import { TRANSFER } from './lexicons/money.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Social gatherings among colleagues: parties, clubs, team lunches. */
const SOCIAL = lexicon('social', [
  '飲み会', '暑気払い', '歓迎会', '送別会', '忘年会', '新年会', '懇親会', '打ち上げ', 'bbq', 'バーベキュー', 'ランチ会', '同期会', '部活', 'サークル',
  'フットサル', 'ゴルフコンペ', 'ボウリング', '花見', 'お花見', '社員旅行', 'オープンチャット', '同好会', '会費',
  'drinking party', 'drinks on', 'team dinner', 'team lunch', 'welcome party', 'farewell party', 'year end party', 'year-end party',
  'futsal', 'club', 'practice', 'hiking', 'bowling', 'karaoke', 'barbecue', 'meetup', 'party',
]);

/** A colleague invites colleagues to a social group or event: an outside app there is no move away from work. */
export const mitigatingSocialInvitation: Rule = {
  id: 'mitigating.social_invitation',
  category: 'mitigating',
  title: { ja: '同僚どうしの親睦の誘い', en: 'A social invitation among colleagues' },
  explanation: {
    ja: '社内の本人のアカウントから、飲み会・部活などの親睦の集まりへの誘い（LINEグループやQRコードの共有を含む）です。仕事のお金や情報は求めていないため、外部アプリへの誘導としては数えません。',
    en: "A colleague's own account invites colleagues to a party, a club or a team event (a LINE group or QR code included). It asks for no business money or data, so the outside app is not counted as a move off-platform.",
  },
  match(ctx) {
    const id = ctx.identity;
    // Only the company's own people, from their own accounts: an outsider's "party group" is how rapport fraud starts.
    if (!id || id.kind !== 'person' || !id.accountMatches || !ctx.has(SOCIAL)) return null;
    const social = ctx.find(SOCIAL);
    if (social.length === 0) return null;
    // A transfer word beyond the party fee paid on the day would make it more than a party.
    const money = ctx.find(TRANSFER);
    if (money.length > 0) return null;
    return { evidence: social.slice(0, 2), strength: 'weak' };
  },
  examples: {
    match: [
      { body: '金曜の暑気払い、参加者でLINEグループ作ったのでQRから入ってください！会費は当日現金で。', sender: { accountId: 3000003, name: '小林 誠' } },
      { body: 'Futsal club practice this Saturday! We coordinate on a LINE open chat, the QR is on the notice board.', sender: { accountId: 3000005, name: '大西 由香' } },
    ],
    noMatch: [
      { body: '金曜の飲み会のLINEグループ作ったのでQRから入ってください！', sender: { accountId: 9999031, name: '小林 誠' } },
      { body: '懇親会の前に、至急こちらの口座へ振込をお願いします。', sender: { accountId: 3000003, name: '小林 誠' } },
    ],
  },
};
