/** Moving the conversation somewhere the company can't see: LINE groups, QR codes, invite links, phones. */
import { lexicon } from '../../src/detection/lexicon.ts';

export const CHAT_APPS = lexicon('chat-apps', [
  'line', 'ライン', 'テレグラム', 'telegram', 'whatsapp', 'signal', 'wechat', 'カカオ', 'kakao', 'skype', 'messenger',
  'インスタ', 'instagram', 'sns',
]);

/** Create a group (the reader is to create it and hand it over). */
export const CREATE_GROUP = lexicon('create-group', [
  'グループを作', 'グループ作', 'グループを作成', 'グループ作成', 'グループを立ち上げ', 'グループを新しく', 'のグループを',
]);

/** The code or link that lets the requester in. */
export const GROUP_KEY = lexicon('group-key', [
  'qr', 'qrコード', '二次元コード', '2次元コード', '招待コード', '招待リンク', '招待url', '招待用', 'グループのリンク', '参加リンク',
]);

/** The reader's own handle on another app. */
export const MY_HANDLE = lexicon('my-handle', [
  'lineid', 'lineのid', 'ラインid', 'ラインのid', 'line id', '個人の携帯番号', 'あなたのline', 'あなたの携帯', '携帯番号を教え',
  '個人の連絡先',
]);

/** Move to another place and stop using this one. */
export const MOVE_AWAY = lexicon('move-away', [
  '移動して', '移動をお願い', '移って', 'このチャットは今後', 'このチャットは使わ', 'このチャットはもう', '今後はこちら',
  '以後の連絡', '今後の連絡はこちら', 'こちらのグループに入', 'こちらのグループチャットに', '下記のグループ', 'グループに入って',
  'グループに参加して', '参加してください', '入ってください',
]);

/** Call, or call back. */
export const CALL_ME = lexicon('call-me', [
  '電話して', '電話ください', '電話をください', 'お電話ください', 'お電話いただ', '電話をお願い', 'お電話を', '折り返し',
  'かけて', 'ご連絡ください', '連絡して', 'この番号に', '下記の番号', 'こちらの番号', '電話を下さい',
]);

/** A number that is new, changed, or to be used instead of the known one. */
export const NEW_NUMBER = lexicon('new-number', [
  '新しい携帯', '新しい番号', '番号が変わ', '携帯が変わ', '携帯を変え', '電話番号が変更', '番号を変更', '新しい電話',
  '私の新しい', '個人の携帯',
]);
