import { CHAT_APPS, CREATE_GROUP, GROUP_KEY, SHARED_BY_SENDER } from './lexicons/offplatform.ts';
import { REQUEST, SEND_TO_ME } from './lexicons/requests.ts';
import { asked } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Create a LINE group and send me its QR code": the reader makes the group and hands over the key. */
export const offplatformGroupQr: Rule = {
  id: 'offplatform.group_qr',
  category: 'offplatform',
  title: { ja: 'LINEなど外部グループの作成・QRコード送付の依頼', en: 'Create an outside group and send its QR code' },
  explanation: {
    ja: 'LINEなどでグループを作り、その招待QRコード（二次元コード）やリンクを送るよう求めています。社外のアプリへ会話を移し、周囲の目が届かない場所で送金させる、この詐欺の最初の一手です。',
    en: 'Asks the reader to create a LINE (or other app) group and send its invitation QR code or link: the opening move of this fraud, moving the talk where nobody else can see.',
  },
  match(ctx) {
    if (!ctx.has(CREATE_GROUP) && !ctx.has(GROUP_KEY)) return null;
    // 「グループ作ったのでQR貼っておきます」: the sender made it and shares it — an invitation, not this demand.
    const sharedBySender = ctx.find(SHARED_BY_SENDER).length > 0;
    const create = sharedBySender ? [] : [...ctx.near(CREATE_GROUP, REQUEST, { maxGap: 24 }), ...asked(ctx, CREATE_GROUP, { maxGap: 24 })].slice(0, 2);
    const key = ctx.near(GROUP_KEY, SEND_TO_ME, { maxGap: 24, anyOrder: !sharedBySender });
    if (create.length === 0 && key.length === 0) return null;
    const app = ctx.find(CHAT_APPS);
    return { evidence: [...app.slice(0, 1), ...create, ...key], strength: key.length > 0 || app.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      'LINEグループを作成して、そのグループの二次元コードをこちらに送ってください。',
      '新しくLINEのグループを作って、招待用のQRコードのスクリーンショットを送ってください。',
      'Please create a WhatsApp group with the finance team and send me the invite link.',
    ],
    noMatch: [
      '新年会のLINEグループ作りました！参加予定の人はQRから入ってください。',
      '同期会のLINEグループに招待送ったけど届いてる？',
      '歓迎会の参加者でLINEグループ作ったので、QR貼っておきます。',
      "I've created a group for the hiking club, scan the QR on the notice board to join.",
    ],
  },
};
