/** Things an impostor wants handed over: secrets, identity documents, balances. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Passwords, PINs and one-time codes. kubell and banks never ask for these in chat. */
export const SECRETS = lexicon('secrets', [
  'パスワード', 'password', 'passcode', 'パスコード', '暗証番号', 'pinコード', 'pin番号', '認証コード', '確認コード', '承認コード', '認証番号', '確認番号', 'セキュリティ番号', '暗証コード', 'ワンタイム',
  'セキュリティコード', 'ログインid', 'ログイン情報', 'ログインidとパス', 'ユーザーid', 'ユーザid', '電子証明書',
  '秘密の質問', '二段階認証', '2段階認証', '二要素', '2要素', 'smsで届いた', 'smsに届いた', 'sms認証', '6桁', '4桁',
  '乱数表', 'トークンの番号', 'アカウント情報', 'ログインurl', '管理者id',
]);

/**
 * Passwords that guard a file, a meeting or the office Wi-Fi, not an account: 「パスワード付きZIP」
 * 「添付ファイルのパスワード」 are everyday business, so a secret word inside these is not a credential.
 */
export const NON_ACCOUNT_SECRETS = lexicon('non-account-secrets', [
  'パスワード付き', 'ファイルのパスワード', '添付ファイルのパスワード', 'zipのパスワード', 'zipファイルのパスワード', 'pdfのパスワード',
  'excelのパスワード', 'エクセルのパスワード', '解凍パスワード', '解凍用パスワード', '開封パスワード', '開封用パスワード', 'パスワードをかけて',
  'パスワード保護', 'wifiのパスワード', 'wifiパスワード', 'ゲスト用パスワード', '会議のパスコード', 'ミーティングのパスコード', '会議室のパスワード',
]);

/** Identity documents and personal data of staff. */
export const PERSONAL_DATA = lexicon('personal-data', [
  'マイナンバー', '個人番号', '運転免許証', '免許証', '保険証', '身分証', '本人確認書類', 'パスポート', '住民票', '在留カード',
  '従業員名簿', '社員名簿', '社員リスト', '従業員リスト', '従業員一覧', '社員一覧', '全従業員', '全社員の', '住所の一覧',
  '住所一覧', '顔写真', '法人カード', 'クレジットカード番号', 'カード番号', '印鑑証明', '生年月日', '給与明細',
  '表裏の写真', '表裏',
]);

/** The company's balances, account lists and who can approve payments. */
export const BALANCE_INFO = lexicon('balance-info', [
  '残高', '口座残高', '預金残高', '残高照会', '入出金明細', '取引明細', '通帳', '口座番号の一覧', '口座の一覧', '口座一覧',
  '取引銀行の口座', '口座番号', '資金状況', 'ネットバンキングの画面', '承認ができる方', '承認できる方', '承認者', '承認権限',
  '動かせる金額', '振込可能な金額', '支払可能額', '支払いリスト', '支払先一覧', '取引先の口座', '取引先一覧と口座',
  'いくらまで送金', 'いくらまで振込', 'いくらまで振り込',
]);

/** Documents that carry a balance but are issued by the bank and exchanged on paper. */
export const BALANCE_PAPER = lexicon('balance-paper', ['残高証明書', '残高証明']);
