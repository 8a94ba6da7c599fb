/** Words of money movement and payee accounts. */
import { lexicon, pattern } from '../../src/detection/lexicon.ts';

/** Moving money out: transfer, remit, pay, advance, deposit. */
export const TRANSFER = lexicon('transfer', [
  '振込', '振り込', '振込み', 'お振込', 'お振り込み', '送金', '入金', 'ご入金', '支払', '支払い', 'お支払', '払い込',
  '払って', '払わ', '立替', '立て替', '前払', '前金', '手付金', '着手金', '保証金', '決済して', '出金', '海外送金',
  'transfer', 'wire', 'remit',
]);

/**
 * Nouns about payments that ask for no payment: a fee, a date, a method. A transfer word inside
 * one of these is not a transfer request (「振込手数料はご負担で」).
 */
export const PAYMENT_TERMS = lexicon('payment-terms', [
  '振込手数料', '振込日', '振込予定日', '支払日', '支払予定日', 'お支払予定日', 'お支払い予定日', '支払期日', '支払期限', '支払方法',
  'お支払方法', 'お支払い方法', '支払条件', '支払サイト', '入金日', '入金予定日', 'ご入金予定日', '振込明細', '支払明細', '入金確認',
]);

/** The payee's account itself. */
export const PAYEE_ACCOUNT = lexicon('payee-account', [
  '振込先', '振込口座', 'お振込先', 'お振込み先', '振り込み先', '入金先', '送金先', '支払先', 'お支払先', '受取口座',
  '口座情報', '口座', '送り先の口座', '受取人',
]);

/** The account is changing, temporary, corrected or new. */
export const CHANGE = lexicon('change', [
  '変更', '変わり', '変わります', '変わる', '新しい', '新口座', '新規口座', '切替', '切り替', '移行', '臨時', '一時的',
  '誤り', '間違', '正しくは', '訂正', '差し替', '下記の口座', '下記口座', '以下の口座', 'こちらの口座', '別の口座',
  '旧口座', '使えなく', '使用できな', '凍結',
]);

/** The destination will be sent later: the reader is asked to commit before knowing whom they pay. */
export const DESTINATION_LATER = lexicon('destination-later', [
  '振込先はあとで', '振込先は後で', '振込先はこのあと', '振込先は後ほど', '振込先は追って', '送金先はあとで', '送金先は後で',
  '口座はあとで', '口座は後で', '口座は後ほど', '振込先は別途', '詳細はあとで', '詳細は後ほど',
]);

/** Paperwork promised after the payment: invoices, contracts or approval "later". */
export const PAPERWORK_LATER = lexicon('paperwork-later', [
  '請求書は後', '請求書はあと', '請求書は来週', '請求書は後日', '請求書は追って', '書類は後', '書類はあと', '書類は来週',
  '書類は後日', '契約書は後', '契約書類は来週', '契約書類は後', '稟議は事後', '事後で', '事後承認', '事後報告',
  '経理には後で', '経理には俺から', '経理には私から', '経理には後ほど', '精算は後', 'あとで精算', '後で精算', '精算は月曜',
  '経費で精算', '経費で出す', '後日お送り', '追ってお送り', '追って送', '後で説明', '理由は後で', '後で話', '後ほど説明',
]);

/** Proof of the transfer sent back in chat. */
export const RECEIPT_PROOF = lexicon('receipt-proof', [
  '振込控え', '振込の控え', '控えの写真', '振込明細の写真', '振込完了の画面', '完了画面', '振込票', '受付番号', '利用明細の写真',
  'レシートの写真', '振込完了の写真', '明細のスクショ', '控えを写真',
]);

/** A follow-up demand: more money, or "the same account as before". */
export const SECOND_REQUEST = lexicon('second-request', [
  '追加で', '先ほどと同じ口座', 'さっきと同じ口座', '同じ口座へ', '同じ口座に', 'もう一件', 'もう1件', '別件でもう',
  '追加の支払', '追加の振込', '残りの', '2回目',
]);

/** Questions about how much money can be moved now. */
export const AVAILABLE_FUNDS = lexicon('available-funds', [
  '動かせる金額', '振込可能な金額', '振込できる金額', '送金可能な金額', '支払える金額', '支払可能', '用意できる金額',
  '出せる金額', '今日振り込める',
]);

/** Personal-name or overseas destinations. */
export const PERSONAL_ACCOUNT = lexicon('personal-account', [
  '個人名義', '個人口座', '個人の口座', '代表の個人', '担当者個人', '私個人', '社長個人', '個人名の口座', '個人宛',
]);

export const OVERSEAS = lexicon('overseas', [
  '海外口座', '海外の口座', '海外送金', 'swift', 'iban', '香港', 'シンガポール', 'singapore', 'hong kong',
  '決済代行', '外貨', 'usd', '米ドル', 'ドル建て', '暗号資産', '仮想通貨', 'ビットコイン', 'bitcoin', 'usdt', 'ウォレットアドレス',
]);

/** A clock-time deadline such as 「15時までに」. */
export const CLOCK_DEADLINE = pattern('clock-deadline', '\\d{1,2}(?:時|:\\d{2})まで');
