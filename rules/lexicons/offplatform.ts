/** Moving the conversation somewhere the company can't see: outside apps, groups, invite links, phones. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Messaging apps outside the company's chat. LINE WORKS is a business tool, but a move there is still a move. */
export const CHAT_APPS = lexicon('chat-apps', [
  'line', 'ライン', 'テレグラム', 'telegram', 'whatsapp', 'what\'s app', 'ワッツアップ', 'signal', 'wechat', 'ウィーチャット', '微信',
  'カカオ', 'kakao', 'kakaotalk', 'skype', 'messenger', 'インスタ', 'instagram', 'sns', 'zalo', 'viber', 'line works', 'lineworks',
  'ラインワークス', 'discord', 'gmail', 'yahooメール', 'フリーメール', 'free mail', 'freemail', 'personal email',
  'personal mail', 'private email', 'private mail', '個人のメール', '個人メール', '私用のメール', '私用メール',
  '個人アドレス', '個人のアドレス', '個人用アドレス', '個人用のアドレス', '私用アドレス', '私用のアドレス', 'プライベートのアドレス', 'プライベートアドレス',
  'personal address', 'private address', 'my gmail', 'my yahoo',
]);

/** Create a group (the reader is to create it and hand it over). */
export const CREATE_GROUP = lexicon('create-group', [
  'グループを作', 'グループ作', 'グループを作成', 'グループ作成', 'グループを立ち上げ', 'グループを新しく', 'のグループを',
  'create a group', 'create a line group', 'set up a group', 'make a group', 'start a group', 'open a group',
]);

/** The code or link that lets the requester in. */
export const GROUP_KEY = lexicon('group-key', [
  'qr', 'qrコード', '二次元コード', '2次元コード', '招待コード', '招待リンク', '招待url', '招待用', 'グループのリンク', '参加リンク',
  'invite link', 'invitation link', 'join link', 'invite code', 'qr code', 'group link',
]);

/** The sender says they made the group and share its key: an invitation, not a demand (「グループ作ったのでQR貼っておきます」). */
export const SHARED_BY_SENDER = lexicon('shared-by-sender', [
  '作りました', '作ったので', '作ったよ', '作成しました', '作成したので', '立ち上げました', '貼っておきます', '貼っておく', '貼りました',
  '貼ります', '載せておきます', '載せました', '置いておきます', 'から入ってください', 'から参加してください', 'から入れます', '掲示板',
  "i've created", 'i have created', 'i created', "i've set up", 'i set up', "i've made", 'i made', 'scan the qr', 'scan to join',
]);

/** The reader's own handle on another app. */
export const MY_HANDLE = lexicon('my-handle', [
  'lineid', 'lineのid', 'ラインid', 'ラインのid', 'line id', '個人の携帯番号', 'あなたのline', 'あなたの携帯', '携帯番号を教え',
  '個人の連絡先', 'your whatsapp', 'your line id', 'your personal number', 'your mobile number', 'your cell number',
  'your personal email', 'your private number', 'your cell', 'your handle',
]);

/** Move to another place and stop using this one. */
export const MOVE_AWAY = lexicon('move-away', [
  '移動して', '移動をお願い', '移って', 'このチャットは今後', 'このチャットは使わ', 'このチャットはもう', '今後はこちら',
  '以後の連絡', '今後の連絡はこちら', 'こちらのグループに入', 'こちらのグループチャットに', '下記のグループ', 'グループに入って',
  'グループに参加して', '参加してください', '入ってください', '連絡はこちら', 'こちらで連絡', 'こちらでやり取り', 'に移行',
  'やり取りは', '連絡を取りたい', '今後の連絡は', 'との連絡は', '連絡は当面', 'に切り替え', '友だち追加', '友達追加', '追加してください', '追加お願い', '追加をお願い', 'のほうが早い', 'の方が早い', 'のほうが便利', 'の方が便利',
  '追加したら', '宛てにお送り', '宛にお送り', '宛てに送', '宛に送', '宛てにご送付', '宛にご送付', '今後は私の',
  'send it to my', 'send them to my', 'send everything to my', 'email it to', 'email them to', 'forward it to my', 'forward them to my',
  'move to', 'moving to', 'switch to', 'continue on', 'continue there', 'continue the conversation', 'continue our conversation',
  'talk on', 'chat on', 'message me on', 'message me there', 'reach me on', 'reach out there', 'reach me there', 'add me on',
  'contact me on', 'contact me via', 'contact me by', 'contact me through', 'reach me by', 'message me by', 'talk by', 'contact me in', 'message me in', 'reach me in', 'find me on', 'talk in', 'join via', 'join us on', 'join our', 'join the new', 'please join', 'migrating this room',
  'migrate this room', 'shared there only', 'only be shared there', 'will be shared there', 'new room', 'new group',
  'should be sent to', 'be sent to my', 'write to me at', 'email me at', 'mail me at', 'message me at', 'is faster for me', 'is quicker for me', 'easier to reach me',
]);

/** The company leaving the chat platform, or the room closing: the usual reason given for a move. */
export const LEAVING_PLATFORM = lexicon('leaving-platform', [
  'chatworkをやめ', 'chatworkの利用をやめ', 'chatworkの利用を終了', 'chatworkは使わ', 'chatworkを使わなく', 'chatworkを廃止',
  'チャットワークをやめ', 'チャットワークの利用を終了', 'チャットワークは使わ', 'チャットワークを廃止', 'このルームは閉鎖',
  'このルームは削除', 'このグループは閉鎖', 'このチャットは閉鎖', 'このルームは今後', 'ルームを移行', 'アーカイブされ',
  'leaving chatwork', 'stop using chatwork', 'chatwork will be stopped', 'chatwork will be closed', 'chatwork will be discontinued', 'chatwork is discontinued', 'stopped using chatwork', 'phasing out chatwork', 'no longer use chatwork',
  'no longer using chatwork', 'moving off chatwork', 'chatwork is blocked', 'chatwork is being audited', 'will be archived',
  'be archived', 'will be closed', 'be closed by', 'no longer monitored', 'is being retired', 'consolidating',
]);

/** Call, or call back. */
export const CALL_ME = lexicon('call-me', [
  '電話して', '電話ください', '電話をください', 'お電話ください', 'お電話いただ', '電話をお願い', 'お電話を', '折り返し',
  'かけて', 'ご連絡ください', '連絡して', 'この番号に', '下記の番号', 'こちらの番号', '電話を下さい', 'お電話で状況確認',
  'お電話で', '電話で', 'ご連絡をお願い', 'までご連絡',
  'call me', 'give me a call', 'give me a ring', 'ring me', 'call back', 'call us', 'please call', 'call officer', 'call the number',
  'call this number', 'phone me', 'reach me at', 'reach me on', 'contact me at', 'call on', 'on the call', 'a quick call',
]);

/** A number that is new, changed, or to be used instead of the known one. */
export const NEW_NUMBER = lexicon('new-number', [
  '新しい携帯', '新しい番号', '番号が変わ', '携帯が変わ', '携帯を変え', '電話番号が変更', '番号を変更', '新しい電話',
  '私の新しい', '個人の携帯', '私用の携帯', '私用携帯', '直通', '臨時の番号', '仮の番号',
  'new number', 'new mobile', 'temp number', 'temporary number', 'private number', 'personal number', 'personal mobile',
  'direct line', 'my mobile', 'my cell', 'new phone', 'lost my phone', 'number is being ported',
  'new whatsapp', 'new wechat', 'new telegram', 'new signal', 'new line id', '新しいwhatsapp', '新しいline',
]);

/** 「Chatworkは来月から使わなくなる」: the platform named as the subject … */
export const PLATFORM_SUBJECT = lexicon('platform-subject', [
  'chatworkは', 'chatworkを', 'chatworkの利用は', 'chatworkの利用を', 'チャットワークは', 'チャットワークを', 'チャットワークの利用は', 'チャットワークの利用を',
]);

/** … and dropped a few words later. */
export const DROPPED = lexicon('dropped', ['使わな', 'やめ', '廃止', '終了', '停止', '切り替', '使用しな', '利用しな']);
