import { BOUGHT, BUY, CARD_CODE, GIFT_CARD } from './lexicons/giftcard.ts';
import { SECRECY } from './lexicons/pressure.ts';
import { PAPERWORK_LATER } from './lexicons/money.ts';
import { SEND_TO_ME } from './lexicons/requests.ts';
import { offeredBySender } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Buy gift cards (of any brand, or prepaid cards) and send their codes. */
export const giftcardPurchaseRequest: Rule = {
  id: 'giftcard.purchase_request',
  category: 'giftcard',
  title: { ja: 'ギフトカードの購入・コード送付の依頼', en: 'Buy gift cards and send the codes' },
  explanation: {
    ja: 'ギフトカードやプリペイドカード（ブランドを問わず）を購入し、裏面のコードや番号の写真をチャットで送るよう求めています。コードを送った時点で現金と同じように失われます。正規のアカウントからでも、乗っ取られている場合があります。',
    en: "Asks to buy gift or prepaid cards (any brand) and send the codes, or photos of them, in chat. Once a code is sent, the money is gone like cash — even when the request comes from a colleague's genuine, possibly taken-over account.",
  },
  match(ctx) {
    const cards = [...ctx.find(GIFT_CARD), ...ctx.observables.filter((o) => o.kind === 'gift_card').map((o) => o.evidence)];
    if (cards.length === 0) return null;
    const bought = ctx.find(BOUGHT);
    const buy = ctx.find(BUY).filter((b) => !bought.some((x) => x.start <= b.start && b.end <= x.end));
    // "I will send the codes to the winners" is the writer's own offer, not a request.
    const near = ctx.near(CARD_CODE, SEND_TO_ME, { maxGap: 30, anyOrder: true });
    const code = near.some((e) => offeredBySender(ctx, e)) ? [] : near;
    if (buy.length === 0 && code.length === 0) return null;
    // Buying through the company's own process is routine; the codes sent in chat, secrecy or "I'll pay you back" are not.
    const telling = [...code, ...ctx.find(SECRECY).slice(0, 1), ...ctx.find(PAPERWORK_LATER).slice(0, 1)];
    return { evidence: [cards[0]!, ...buy.slice(0, 1), ...telling], strength: telling.length > 0 ? 'strong' : 'weak' };
  },
  examples: {
    match: [
      'Appleギフトカードを5万円分×10枚買ってきてもらえますか。裏のコードを写真で送ってください。',
      'Google Playギフトカードを用意して、裏のコード番号をここに送ってください。',
      'Could you buy 3 Steam Wallet cards and send me photos of the codes? I will pay you back tomorrow.',
      'Pick up some prepaid cards on your way back and text me the numbers on the back. Keep it quiet, it is a surprise.',
      'Can you get a few Mastercard prepaid cards before noon? Keep this to yourself for now, I will explain later.',
    ],
    noMatch: [
      'Amazonギフトカードは総務で購入済みです（稟議承認済み）。',
      'ギフトカードの景品は当日お渡しします。',
      'Gift cards for the raffle have been ordered through procurement.',
      'Procurement bought ten gift cards for the quiz night (PO attached). I will send the codes to the winners from the team mailbox.',
    ],
  },
};
