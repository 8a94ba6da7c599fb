/**
 * How a Japanese business message asks the reader to do something. A keyword is only a request
 * when one of these forms follows it in the same sentence.
 */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Request endings: "please", "could you", "I want you to". */
export const REQUEST = lexicon('request', [
  'ください', '下さい', 'くださいませ', 'お願いします', 'お願いいたします', 'お願い致します', 'お願いできますか',
  'お願いできますでしょうか', 'お願いできませんか', 'お願いできれば', 'お願いしたい', 'お願いね',
  '願います', 'ほしい', '欲しい', 'もらえますか', 'もらえる?', 'もらえない', 'もらいたい', 'もらえると', 'もらえれば',
  'いただけますか', 'いただけませんか', 'いただけますでしょうか', 'いただきたい', 'いただけると', 'いただけれ',
  'くれる?', 'くれない', 'くれませんか', 'くれないか', 'しておいて', 'ておいて', 'といて', '頼む', '頼みます', '頼みたい',
  'できますか', 'できる?', 'できない?', 'できませんか', 'できますでしょうか', '進めて', 'してくれ', 'すること', 'ように',
]);

/**
 * A stated obligation (「振り込む必要があります」「送金しなければならない」): with a payment, as good as a
 * request — the writer then only needs the reader to act.
 */
export const OBLIGATION = lexicon('obligation', [
  '必要があります', '必要がある', '必要があり', '必要になりました', '必要になった', '必要です', 'しなければならない',
  'しなければなりません', 'しないといけない', 'しないといけなく', 'ないといけなくなり', 'なければいけない', 'なければならなく',
]);

/**
 * Asking the reader to hand something over in the chat: tell, send, reply, photograph, type in.
 * "お送りします" (I will send) is not here: only forms that ask the reader to act.
 */
export const SEND_TO_ME = lexicon('send-to-me', [
  '教えて', 'お教え', 'ご教示', '送って', 'お送りください', 'お送り下さい', 'ご提供ください', 'ご提示', '提示して', '送信して', 'お送りいただ', '送っていただ', '送ってもら', '送ってくれ', 'ご送付',
  '送付して', '送付ください', 'ご返信', '返信して', '返信ください', '返信を', '返信お願い', '共有して', 'ご共有', 'お伝えください',
  '伝えて', 'ご記入', '記入して', '入力して', 'ご入力', '書いて', '貼って', '貼り付け', '撮って', '撮影して', '写真で',
  '写真を送', '画像で', 'スクショで', 'スクショを', 'スクショして', 'スクリーンショットで', 'スクリーンショットを',
  'アップロードして', 'ご提出', '提出して', 'お知らせください', '知らせて', '転送して', 'ご連絡ください', '連絡して',
  'お聞かせ', '確認させて', '見せて', 'ご回答', '回答して',
]);

/** "In this chat": the data is to be handed over where only the sender can see it. */
export const IN_THIS_CHAT = lexicon('in-this-chat', [
  'このチャット', '本チャット', 'こちらのチャット', 'ここに', 'ここで', 'こちらに送', 'こちらへ送', 'こちらへお送り', 'こちらまで', 'このメッセージに',
  '私宛', '私に直接', 'dmで', '個別に',
]);
