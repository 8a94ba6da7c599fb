import { CHAT_APPS, CREATE_GROUP, GROUP_KEY } from './lexicons/offplatform.ts';
import { REQUEST, SEND_TO_ME } from './lexicons/requests.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Create a LINE group and send me its QR code." */
export const offplatformGroupQr: Rule = {
  id: 'offplatform.group_qr',
  category: 'offplatform',
  title: { ja: 'LINEなど外部グループの作成・QRコード送付の依頼', en: 'Create an outside group and send its QR code' },
  explanation: {
    ja: 'LINEなどでグループを作り、その招待QRコード（二次元コード）やリンクを送るよう求めています。社外のアプリへ会話を移し、周囲の目が届かない場所で送金させる、この詐欺の最初の一手です。',
    en: 'Asks the reader to create a LINE (or other app) group and send its invitation QR code or link: the opening move of this fraud, moving the talk where nobody else can see.',
  },
  match(ctx) {
    const create = ctx.near(CREATE_GROUP, REQUEST, { maxGap: 24 });
    const key = ctx.near(GROUP_KEY, SEND_TO_ME, { maxGap: 24 });
    if (create.length === 0 && key.length === 0) return null;
    const app = ctx.find(CHAT_APPS);
    return { evidence: [...app.slice(0, 1), ...create, ...key], strength: key.length > 0 || app.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      'LINEグループを作成して、そのグループの二次元コードをこちらに送ってください。',
      '新しくLINEのグループを作って、招待用のQRコードのスクリーンショットを送ってください。',
    ],
    noMatch: ['新年会のLINEグループ作りました！参加予定の人はQRから入ってください。', '同期会のLINEグループに招待送ったけど届いてる？'],
  },
};
