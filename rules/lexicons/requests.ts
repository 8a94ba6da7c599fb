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
  'いただけますと', 'いただければ', 'いただきますよう', 'お願いしたく', 'お願い申し上げます', 'お願いできれば幸い', 'いただけたら', 'もらえたら', 'もらえませんか', 'ちょうだい', '頂けますか',
  '頂けませんか', '頂きたい', '頂けると', '頂けたら', '可能でしょうか', '可能ですか', 'いただくことは', '願えますか',
  // English, when the ask comes after the thing ("the code, please")
  'please', 'pls', 'plz', 'asap',
]);

/**
 * English request forms, which come before what is asked ("please wire", "could you send",
 * "must be paid"): rules look for these before a keyword, as they look for REQUEST after one.
 */
export const REQUEST_EN = lexicon('request-en', [
  'please', 'pls', 'plz', 'kindly', 'could you', 'can you', 'would you', 'will you', 'could u', 'can u', 'would you mind',
  'are you able to', 'is it possible to', 'would you be open to', 'are you open to', 'would you be willing to', 'i need you to', 'need you to', 'i want you to', "i'd like you to", 'i would like you to',
  'you need to', 'you must', 'you have to', 'must be', 'has to be', 'have to be', 'needs to be', 'need to be', 'should be',
  'to be paid', 'make sure to', 'go ahead and', 'help me', "i'd appreciate it if you", 'i would appreciate it if you',
  'appreciate it if you could', 'we need you to', 'we would need you to', "we'd need you to", 'can we', 'could we', "let's",
  'i need', 'we need', 'we require', 'i require', 'arrange to', 'be required to', 'you are required to', 'requested to',
]);

/**
 * A stated obligation (「振り込む必要があります」「送金しなければならない」): with a payment, as good as a
 * request — the writer then only needs the reader to act.
 */
export const OBLIGATION = lexicon('obligation', [
  '必要があります', '必要がある', '必要があり', '必要になりました', '必要になった', '必要です', 'しなければならない',
  'しなければなりません', 'しないといけない', 'しないといけなく', 'ないといけなくなり', 'なければいけない', 'なければならなく',
  '必要が出て', '必要となりました', '必要となります', '必要となる', '求められて', 'しなければ', 'しないと',
  // English (after the payment word: "a deposit is required", "payment is due today")
  'is required', 'are required', 'required', 'is needed', 'are needed', 'is due', 'are due', 'must be', 'has to be', 'needs to be',
  'needs to go', 'need to go', 'has to go', 'must go', 'to go out',
]);

/**
 * Asking the reader to hand something over in the chat: tell, send, reply, photograph, type in.
 * "お送りします" (I will send) is not here: only forms that ask the reader to act.
 */
export const SEND_TO_ME = lexicon('send-to-me', [
  '教えて', 'お教え', 'ご教示', '送って', 'お送りください', 'お送り下さい', 'ご提供ください', 'ご提示', '提示して', '送信して', 'お送りいただ', '送っていただ', '送ってもら', '送ってくれ', 'ご送付',
  '送付して', '送付ください', 'ご返信', '返信して', '返信ください', '返信を', '返信お願い', '返信いただ', '返信頂', '返信してもら', '返事して', '返事をください', 'お返事いただ', '共有して', 'ご共有', 'お伝えください',
  '伝えて', 'ご記入', '記入して', '入力して', 'ご入力', '書いて', '貼ってください', '貼ってもら', '貼っていただ', '貼ってくれ', '貼り付けて', '撮って', '撮影して', '写真で',
  '写真を送', '画像で', 'スクショで', 'スクショを', 'スクショして', 'スクリーンショットで', 'スクリーンショットを',
  'アップロードして', 'ご提出', '提出して', 'お知らせください', '知らせて', '転送して', 'ご連絡ください', '連絡して',
  'お聞かせ', '確認させて', '見せて', 'ご回答', '回答して', '読み上げて', '入れてください', '打ち込んで', 'いただけたり',
  '頂けたり', 'もらえたり', '共有いただ', '共有頂', 'ご提供', '提供して', '提供いただ', '出力して', 'エクスポートして', '添付して', '添付いただ',
  '添付をお願い', 'attach them', 'attach it', 'attach a',
  // English
  'ご送信', '送信ください', '送信をお願い',
  'resend', 're-send', 'send me', 'send it', 'send them', 'send us', 'send over', 'send back', 'send the', 'send your', 'send a', 'send all',
  'forward me', 'forward it', 'forward the', 'forward them', 'reply with', 'reply here', 'reply to this', 'respond with',
  'tell me', 'give me', 'provide', 'share', 'text me', 'read me', 'read out', 'read back', 'upload', 'post it', 'post them',
  'sharing', 'pass it back', 'pass it to me', 'pass it on to me', 'pass the code', 'relay it', 'send what arrives', 'send me what',
  'paste', 'type in', 'type it', 'drop it here', 'email me', 'whatsapp me', 'export', 'let me have',
]);

/** "In this chat": the data is to be handed over where only the sender can see it. */
export const IN_THIS_CHAT = lexicon('in-this-chat', [
  'このチャット', '本チャット', 'こちらのチャット', 'ここに', 'ここで', 'こちらに送', 'こちらへ送', 'こちらへお送り', 'こちらまで', 'このメッセージに',
  '私宛', '私に直接', 'dmで', '個別に', 'このルーム', 'このグループ', 'ルームで共有', 'ここで共有',
  // English
  'in this chat', 'in the chat', 'in this room', 'on this chat', 'here in chat',
  'reply here', 'send here', 'post here', 'upload here', 'uploaded here', 'paste here', 'share here', 'type here', 'to me directly',
  'directly to me', 'by reply', 'back here',
]);

/**
 * A modal that opens an English question asking for an action — "Could Tohto advance …", "Can your
 * team wire …": `asked()` takes it when it starts a clause and the thing asked follows.
 */
export const QUESTION_MODAL = lexicon('question-modal', ['could', 'can', 'would', 'will']);

/** Saying NOT to hand something over: 「誰にも伝えないこと」 "never share your code". A request word inside these asks nothing. */
/**
 * The writer offering to send something themselves ("I'll send the password in a separate
 * message"): a send-word inside one of these is no request to the reader.
 */
export const OFFER_TO_SEND = lexicon('offer-to-send', [
  "i'll send", 'i will send', "we'll send", 'we will send', "i'll forward", 'i will forward', "we'll forward", "i'll share", 'i will share',
  "we'll share", "i'm sending", 'i am sending', "we're sending", 'we are sending', "i'll email", "i'll reply", 'i will reply',
]);

/** The writer's own promise never to ask ("we will never ask for your password", 「パスワードをお伺いすることはございません」): a disclaimer, not a demand. */
export const WRITER_NEVER_ASKS = lexicon('writer-never-asks', [
  'お伺いすることはございません', 'お伺いすることはありません', 'お伺いすることは一切', 'お尋ねすることはございません', 'お尋ねすることはありません',
  'お聞きすることはございません', 'お聞きすることはありません', '求めることはございません', '求めることはありません', '求めることは一切',
  'ご依頼することはございません', 'ご依頼することはありません', '確認することはございません', '確認することはありません',
  'will never ask', 'never ask', 'never asks', 'will not ask', 'would never ask', 'never request', 'never requests', 'will never request',
  'never require', 'will never require', 'do not ask for', 'does not ask for',
]);

export const DONT_SHARE = lexicon('dont-share', [
  '伝えないこと', '伝えないで', '伝えないように', '教えないこと', '教えないで', '教えないように', '送らないこと', '送らないで', '送らないように',
  '共有しないこと', '共有しないで', '入力しないこと', '入力しないで', '返信しないで', '書かないこと', '書かないで', '書き込まないで', '貼らないで',
  'never share', 'do not share', "don't share", 'never send', 'do not send', "don't send", 'never give', 'never tell', 'never reply',
  'never forward', 'do not forward', "don't forward", 'never type', 'never enter', 'do not enter', 'not share', 'not be shared',
  'not here', 'not in chat', 'not in this chat', 'チャットには書かない', 'チャットでは送らない',
]);
