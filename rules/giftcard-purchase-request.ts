import { BUY, CARD_CODE, GIFT_CARD } from './lexicons/giftcard.ts';
import { SEND_TO_ME } from './lexicons/requests.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Buy gift cards and send their codes. */
export const giftcardPurchaseRequest: Rule = {
  id: 'giftcard.purchase_request',
  category: 'giftcard',
  title: { ja: 'ギフトカードの購入・コード送付の依頼', en: 'Buy gift cards and send the codes' },
  explanation: {
    ja: 'Apple・Google Play・Amazonなどのギフトカードを購入し、裏面のコードをチャットで送るよう求めています。コードを送った時点で現金と同じように失われます。',
    en: 'Asks to buy Apple, Google Play or Amazon gift cards and send the codes in chat. Once a code is sent, the money is gone like cash.',
  },
  match(ctx) {
    const buy = ctx.near(GIFT_CARD, BUY, { maxGap: 40, anyOrder: true });
    const code = ctx.near(CARD_CODE, SEND_TO_ME, { maxGap: 24 });
    if (buy.length === 0 && !(code.length > 0 && ctx.find(GIFT_CARD).length > 0)) return null;
    return { evidence: [...buy, ...code], strength: code.length > 0 || buy.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: ['Appleギフトカードを5万円分×10枚買ってきてもらえますか。', 'Google Playギフトカードを用意して、裏のコード番号をここに送ってください。'],
    noMatch: ['Amazonギフトカードは総務で購入済みです（稟議承認済み）。', 'ギフトカードの景品は当日お渡しします。'],
  },
};
