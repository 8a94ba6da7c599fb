/** Gift and prepaid cards: bought with company money, their codes sent in chat. */
import { lexicon } from '../../src/detection/lexicon.ts';

export const GIFT_CARD = lexicon('gift-card', [
  'ギフトカード', 'ギフト券', 'ギフトコード', 'プリペイドカード', '電子マネーカード', 'itunesカード', 'itunesギフト',
  'apple gift card', 'appleギフト', 'app storeカード', 'google play', 'googleplay', 'グーグルプレイ', 'amazonギフト',
  'アマゾンギフト', 'webmoney', 'ウェブマネー', 'bitcash', 'ビットキャッシュ', 'nanacoギフト', 'バニラvisa', 'steamカード',
  'steamギフト', '楽天ポイントギフト', 'prepaid card', 'prepaid cards', 'gift card', 'gift cards', 'giftcard', 'giftcards', 'itunes card',
  'itunes cards', 'steam wallet', 'steam card', 'steam cards', 'google play card', 'google play cards', 'amazon card',
  'prepaid voucher', 'prepaid vouchers', 'voucher code', 'voucher codes', 'paysafecard', 'razer gold', 'vanilla visa',
]);

/** Buy or get them. */
export const BUY = lexicon('buy', [
  '買って', '購入して', '購入を', '購入お願い', 'ご購入', '用意して', 'ご用意', '買ってき', '買ってもら', '買っておいて',
  '調達して', '購入いただ', '購入してもら', '買い', '購入したら', '購入後', '用意する', '購入',
  'buy', 'purchase', 'pick up', 'pick them up', 'get them', 'grab', 'get me', 'pick some', 'get some', 'get a few', 'get a couple',
  'get us', 'get one', 'get two', 'get three', 'get five', 'get ten', 'obtain', 'order some', '手に入れて', '入手して',
]);

/** The card's code or PIN. */
export const CARD_CODE = lexicon('card-code', [
  'コード', 'カード番号', '裏面', '裏の', 'カード裏', '番号が読め', 'シリアル', 'pin', '番号が写った', '番号の写真', '番号',
  'code', 'codes', 'card number', 'card numbers', 'scratch', 'back of the card', 'photos of the', 'photo of the', 'pictures of the',
]);

/** Already bought, through whoever buys them: not a request to buy. */
export const BOUGHT = lexicon('bought', [
  '購入済', '購入しました', '購入しております', '購入いたしました', '購入した', '買いました', '手配済', '発注済',
  'purchased', 'bought', 'have been ordered', 'has been ordered', 'been bought', 'already bought', 'already ordered',
]);
