/** Words of money movement and payee accounts, in Japanese and English. */
import { lexicon, pattern } from '../../src/detection/lexicon.ts';

/** Moving money out: transfer, remit, pay, advance, deposit. */
export const TRANSFER = lexicon('transfer', [
  '振込', '振り込', '振込み', 'お振込', 'お振り込み', '送金', '入金', 'ご入金', '支払', '支払い', 'お支払', '払い込',
  '払って', '払わ', '立替', '立て替', '前払', '前金', '手付金', '着手金', '保証金', '決済して', '出金', '海外送金', '納付',
  '入れてもら', '入れていただ', '前倒し', '送って欲しい金額', '預け入れ', 'デポジット', '供託',
  // English
  'transfer', 'transfers', 'transferred', 'transferring', 'wire', 'wired', 'wiring', 'wire transfer', 'remit', 'remitted',
  'remittance', 'remittances', 'remitting', 'payment', 'payments', 'pay', 'paid', 'paying', 'deposit', 'deposits', 'settle',
  'settlement', 'send the money', 'send the funds', 'send funds', 'send money', 'send the payment', 'tt', 'telegraphic transfer',
  'advance', 'prepayment', 'down payment', 'escrow', 'release fee', 'processing fee', 'handling fee', 'clearance fee', 'send it on', 'pass it on',
  'forward the money', 'forward the funds',
]);

/**
 * Nouns about payments that ask for no payment: a fee, a date, a method. A transfer word inside
 * one of these is not a transfer request (「振込手数料はご負担で」).
 */
export const PAYMENT_TERMS = lexicon('payment-terms', [
  '振込手数料', '振込日', '振込予定日', '支払日', '支払予定日', 'お支払予定日', 'お支払い予定日', '支払期日', '支払期限', '支払方法',
  'お支払方法', 'お支払い方法', '支払条件', '支払サイト', '入金日', '入金予定日', 'ご入金予定日', '振込明細', '支払明細', '入金確認',
  '支払通知', '支払調書', '支払予定表', '支払一覧',
  // English
  'payment terms', 'payment term', 'payment date', 'payment due date', 'payment method', 'payment methods', 'payment advice',
  'payment confirmation', 'payment received', 'payment schedule', 'payment status', 'payment run', 'transfer fee', 'transfer fees',
  'wire fee', 'bank charges', 'bank fee', 'remittance advice', 'paid in full', 'deposit slip', 'deposit received',
  // The writer asking where *they* should pay: the writer is the payer, the reader is asked for nothing but an answer.
  'where to make payment', 'where to make the payment', 'where to pay', 'where should we pay', 'where we should pay', 'where do we pay',
  'how to pay you', 'how we can pay', 'where to send payment', 'where to send the payment', 'where should we send payment',
  'どちらにお支払', 'どちらにお振込', 'どちらへお支払', 'どちらへお振込', 'お支払い先をご教示', 'お支払先をご教示', 'お振込先をご教示',
]);

/** The payee's account itself. */
export const PAYEE_ACCOUNT = lexicon('payee-account', [
  '振込先', '振込口座', 'お振込先', 'お振込み先', '振り込み先', '入金先', '送金先', '支払先', 'お支払先', '受取口座',
  '口座情報', '口座', '送り先の口座', '受取人', '振込用口座', '給与振込先', '給与口座', '給与の振込先', '受取銀行', '取引銀行',
  // English
  'bank account', 'bank accounts', 'account details', 'bank details', 'banking details', 'banking information', 'bank information',
  'bank info', 'account information', 'account number', 'remittance instructions', 'remittance details', 'payment instructions',
  'payment details', 'wire instructions', 'wire details', 'receiving bank', 'receiving account', 'beneficiary', 'beneficiary account',
  'beneficiary details', 'collection account', 'receivables account', 'settlement account', 'salary account', 'salary deposit',
  'payroll account', 'direct deposit', 'account', 'bank', 'vendor master', 'supplier master', 'payee',
]);

/** The account is changing, temporary, corrected or new. */
export const CHANGE = lexicon('change', [
  '変更', '変わり', '変わります', '変わる', '新しい', '新口座', '新規口座', '切替', '切り替', '移行', '臨時', '一時的',
  '誤り', '間違', '正しくは', '訂正', '差し替', '下記の口座', '下記口座', '以下の口座', 'こちらの口座', '別の口座',
  '旧口座', '使えなく', '使用できな', '凍結', '今回だけ', '今回に限り', '今回のみ', '今回は', 'こちらに変更', '別口座',
  // English
  'change', 'changed', 'changes', 'changing', 'new', 'new account', 'new bank', 'new banking', 'new details', 'updated', 'update',
  'alternate', 'alternative', 'secondary', 'another account', 'different account', 'temporary', 'temporarily', 'instead of',
  'instead', 'no longer', 'switched', 'switch', 'moved to', 'migrated', 'replace', 'replaced', 'correct account', 'this time',
  'going forward', 'from now on', 'effective immediately', 'under review', 'under audit', 'restricted', 'frozen', 'suspended',
  'closed', 'old account', 'route the payment', 'redirect', 'collected by',
]);

/**
 * Saying an account does NOT change: 「振込先の変更はありません」 "bank details unchanged". A change
 * word inside or right before one of these is not a change announcement.
 */
export const NO_CHANGE = lexicon('no-change', [
  '変更はありません', '変更はございません', '変更は一切', '変更ございません', '変更ありません', '変更なし', '変更はない', '変わりません',
  '変わりはありません', '変わりございません', '変更されません', '変更しません', '変更の予定はありません', '変わらず', 'そのまま',
  '従来どおり', '従来通り', 'これまでどおり', 'これまで通り', 'いつもの口座', '同じ口座', '登録済みの口座', 'ご登録の口座',
  // English
  'unchanged', 'remain unchanged', 'remains unchanged', 'no change', 'no changes', 'not changed', 'has not changed',
  'have not changed', "haven't changed", "hasn't changed", 'will not change', "won't change", 'same as before', 'same account',
  'as usual', 'usual account', 'registered account', 'as registered', 'remain the same', 'remains the same', 'stay the same',
  'stays the same', 'still current', 'on file',
]);

/** The destination will be sent later: the reader is asked to commit before knowing whom they pay. */
export const DESTINATION_LATER = lexicon('destination-later', [
  '振込先はあとで', '振込先は後で', '振込先はこのあと', '振込先は後ほど', '振込先は追って', '送金先はあとで', '送金先は後で',
  '口座はあとで', '口座は後で', '口座は後ほど', '振込先は別途', '詳細はあとで', '詳細は後ほど', '詳細は別途', '口座情報は折り返し',
  '口座情報は後ほど', '口座情報は別途', '振込先は折り返し', '送金先および金額は', '振込先および金額は', '送金先は本日', '振込先は本日',
  // English
  'details to follow', 'instructions will follow', 'will follow', 'will send you the beneficiary', 'will send the beneficiary',
  'send you the details', 'send you the account', 'send the account details', 'send the details', 'details once you confirm',
  'details upon your confirmation', 'upon your confirmation', 'once you confirm', 'i will provide the', 'will provide the',
  'account details later', 'details in the letter', 'details on page', 'details in the attached',
]);

/** Paperwork promised after the payment: invoices, contracts or approval "later". */
export const PAPERWORK_LATER = lexicon('paperwork-later', [
  '請求書は後', '請求書はあと', '請求書は来週', '請求書は後日', '請求書は追って', '書類は後', '書類はあと', '書類は来週',
  '書類は後日', '契約書は後', '契約書類は来週', '契約書類は後', '稟議は事後', '事後で', '事後承認', '事後報告',
  '経理には後で', '経理には俺から', '経理には私から', '経理には後ほど', '精算は後', 'あとで精算', '後で精算', '精算は月曜',
  '経費で精算', '経費で出す', '後日お送り', '追ってお送り', '追って送', '後で説明', '理由は後で', '後で話', '後ほど説明',
  'あとで説明', 'あとでちゃんと', '後でちゃんと', '後で自分で', 'あとで自分で', '稟議は明日', '稟議は後', '稟議は私から',
  '承認は後', '後から回', 'あとから回', 'ワークフローを通すと', '通すと間に合わない', '先に処理', '先に振込', '先に送金',
  '先に支払', '手続きは後', '後で直して', 'あとで直して', '後ほどお電話でご説明', '後日ご説明',
  // English
  'explain later', 'explain tomorrow', "i'll explain", 'i will explain', 'paperwork later', 'paperwork will follow',
  'invoice will follow', 'invoice to follow', 'contract will follow', 'letter later', 'official letter later', 'send the letter later',
  'formal letter later', 'before any signed', 'signed letter later', 'reimburse you', "i'll reimburse", 'i will reimburse',
  'pay you back', 'pay back', 'deduct it from', 'approval later', 'skip the approval', 'bypass', 'without the usual',
  'outside the system', 'before the board is informed',
]);

/** Proof of the transfer sent back in chat. */
export const RECEIPT_PROOF = lexicon('receipt-proof', [
  '振込控え', '振込の控え', '控えの写真', '振込明細の写真', '振込完了の画面', '完了画面', '振込票', '受付番号', '利用明細の写真',
  'レシートの写真', '振込完了の写真', '明細のスクショ', '控えを写真', '納付書の写し', '振込の写し', '送金の控え',
  // English
  'transfer receipt', 'payment receipt', 'wire confirmation', 'swift copy', 'mt103', 'proof of payment', 'remittance slip',
  'screenshot of the transfer', 'screenshot of the payment', 'photo of the receipt', 'let me know once done', 'let me know once it',
  "let me know once it's sent", 'confirm once paid', 'confirm once sent', 'confirm once done',
]);

/** A follow-up demand: more money, or "the same account as before". */
export const SECOND_REQUEST = lexicon('second-request', [
  '追加で', '先ほどと同じ口座', 'さっきと同じ口座', '同じ口座へ', '同じ口座に', 'もう一件', 'もう1件', '別件でもう',
  '追加の支払', '追加の振込', '残りの', '2回目',
  // English
  'another payment', 'one more payment', 'second payment', 'additional payment', 'the remaining', 'the balance of', 'same account as before',
]);

/** Questions about how much money can be moved now. */
export const AVAILABLE_FUNDS = lexicon('available-funds', [
  '動かせる金額', '振込可能な金額', '振込できる金額', '送金可能な金額', '支払える金額', '支払可能', '用意できる金額',
  '出せる金額', '今日振り込める',
  // English
  'how much can you', 'how much can we', 'how much could you', 'how much is available', 'available funds', 'funds available',
  'maximum you can', 'limit you can', 'how much you can transfer', 'how much you can wire',
]);

/** Personal-name destinations. */
export const PERSONAL_ACCOUNT = lexicon('personal-account', [
  '個人名義', '個人口座', '個人の口座', '代表の個人', '担当者個人', '私個人', '社長個人', '個人名の口座', '個人宛',
  // English
  'personal account', 'private account', 'my own account', 'individual account', "individual's account", 'personal bank',
  'account in my name', 'account in her name', 'account in his name',
]);

/** Places and rails abroad: a payee there is an overseas account. Currencies alone are not (partners abroad invoice in USD). */
export const OVERSEAS = lexicon('overseas', [
  '海外口座', '海外の口座', '海外送金', '海外の銀行', '海外銀行', 'swift', 'iban', '香港', 'シンガポール', 'ドバイ', '上海',
  '決済代行', 'singapore', 'hong kong', 'dubai', 'offshore', 'overseas account', 'foreign account', 'abroad', 'account abroad',
  'overseas bank', 'foreign bank',
]);

/** Money outside banks: crypto and wallets. Asking a company to pay there is always suspect. */
export const CRYPTO = lexicon('crypto', [
  'usdtで', 'trc 20', 'erc 20',
  '暗号資産', '仮想通貨', 'ビットコイン', 'イーサリアム', 'ウォレットアドレス', 'ウォレット', 'usdt', 'usdc', 'bitcoin', 'btc',
  'ethereum', 'eth', 'crypto', 'cryptocurrency', 'wallet address', 'wallet', 'trc20', 'erc20', 'tether', 'binance',
]);

/** A clock-time deadline such as 「15時までに」 / "before 16:00". */
export const CLOCK_DEADLINE = pattern('clock-deadline', '\\d{1,2}(?:時|:\\d{2})まで|(?:before|by|until) \\d{1,2}(?::\\d{2})?(?: ?[ap]m)?(?![\\d:])');

/** An invoice's own way of asking for payment: an amount due and a deadline, with the payee. */
export const INVOICE_DUE = lexicon('invoice-due', [
  'お支払期日', 'お支払い期日', 'お支払期限', 'お支払い期限', '支払期限', '支払期日', '振込期限', 'お振込期限', 'お振込期日', '請求金額', 'ご請求金額',
  'ご請求額', '請求額', 'お支払金額',
  'payment due', 'amount due', 'due date', 'due by', 'due on', 'invoice amount', 'total due', 'balance due', 'outstanding',
]);

/** Money coming back: a refund, a credit, an overpayment — the bait of "pay a fee first" frauds. */
export const REFUND = lexicon('refund', ['還付', '返金', '払い戻し', '過払い', 'refund', 'refunds', 'reimbursement', 'overpayment', 'overcharged', 'a credit of', 'credit note']);

/** The reader's own account ("your bank details", 「御社の口座」): money coming to us, not going abroad. */
export const READER_ACCOUNT = lexicon('reader-account', [
  'your bank', 'your account details', 'your banking details', 'your bank details', 'your remittance', 'your payment details',
  'your beneficiary', 'your receiving account', '御社の口座', '貴社の口座', '御社口座', '貴社口座', '御社の振込先', '貴社の振込先', '御社のお振込先', '貴社のお振込先',
  '御社の請求書', '貴社の請求書', '御社のご請求書', '貴社のご請求書', 'your invoice', 'on your invoice', 'your remit-to',
]);
