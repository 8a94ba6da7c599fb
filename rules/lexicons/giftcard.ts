/** Gift and prepaid cards: bought with company money, their codes sent in chat. */
import { lexicon } from '../../src/detection/lexicon.ts';

export const GIFT_CARD = lexicon('gift-card', [
  'ギフトカード', 'ギフト券', 'ギフトコード', 'プリペイドカード', '電子マネーカード', 'itunesカード', 'itunesギフト',
  'apple gift card', 'appleギフト', 'app storeカード', 'google play', 'googleplay', 'グーグルプレイ', 'amazonギフト',
  'アマゾンギフト', 'webmoney', 'ウェブマネー', 'bitcash', 'ビットキャッシュ', 'nanacoギフト', 'バニラvisa', 'steamカード',
  'steamギフト', '楽天ポイントギフト', 'prepaid card', 'gift card',
]);

/** Buy or get them. */
export const BUY = lexicon('buy', [
  '買って', '購入して', '購入を', '購入お願い', 'ご購入', '用意して', 'ご用意', '買ってき', '買ってもら', '買っておいて',
  '調達して', '購入いただ', '購入してもら', '買い', '購入したら', '購入後',
]);

/** The card's code or PIN. */
export const CARD_CODE = lexicon('card-code', [
  'コード', 'カード番号', '裏面', '裏の', 'カード裏', '番号が読め', 'シリアル', 'pin',
]);
