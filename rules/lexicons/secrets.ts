/** Things an impostor wants handed over: secrets, identity documents, balances, access. Japanese and English. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Passwords, PINs and one-time codes. kubell and banks never ask for these in chat. */
export const SECRETS = lexicon('secrets', [
  'パスワード', 'password', 'passcode', 'パスコード', '暗証番号', 'pinコード', 'pin番号', '認証コード', '確認コード', '承認コード', '認証番号', '確認番号', 'セキュリティ番号', '暗証コード', 'ワンタイム',
  'セキュリティコード', 'ログインid', 'ログイン情報', 'ログインidとパス', 'ユーザーid', 'ユーザid', '電子証明書',
  '秘密の質問', '二段階認証', '2段階認証', '二要素', '2要素', 'smsで届いた', 'smsに届いた', 'sms認証', '6桁', '4桁',
  '乱数表', 'トークンの番号', 'アカウント情報', 'ログインurl', '管理者id', 'smsコード', 'ショートメールの番号', 'リカバリーコード',
  'バックアップコード', '復旧コード', '事前共有キー', '共有鍵', '秘密鍵', 'パスフレーズ', '表示された番号', '表示された数字', '認証アプリ',
  '表示される番号', '表示される数字', '表示されている番号', '表示されている数字', 'トークンに表示', 'トークンの数字', 'ハードウェアトークン', 'ソフトウェアトークン',
  // English
  'passwords', 'pin', 'pin code', 'otp', 'token code', 'code on the token', 'number on the token', 'digits on the token', 'shown on the token', 'shown on your token', 'one time password', 'one-time password', 'one time code', 'one-time code',
  'verification code', 'verification codes', 'security code', 'confirmation code', 'authentication code', 'auth code',
  'login code', 'sign in code', 'access code', '2fa', 'mfa', 'two factor', 'two-factor', 'authenticator', 'recovery code',
  'recovery codes', 'backup code', 'backup codes', 'sms code', 'digit code', '6 digit', '4 digit', '2 digit', '6 digits', '4 digits',
  'credentials', 'login details', 'login credentials', 'login id', 'user id and password', 'username and password',
  'pre shared key', 'psk', 'secret key', 'private key', 'seed phrase', 'number shown', 'number on the screen', 'token pin',
  'two digits', 'two digit', 'digits shown', 'numbers shown', 'sign in prompt', 'login prompt', 'approve the sign in', 'approve the login',
  'push notification', '表示された2桁', 'サインインの承認', 'ログインの承認',
]);

/**
 * Passwords that guard a file, a meeting or the office Wi-Fi, not an account: 「パスワード付きZIP」
 * 「添付ファイルのパスワード」 are everyday business, so a secret word inside these is not a credential.
 */
export const NON_ACCOUNT_SECRETS = lexicon('non-account-secrets', [
  'パスワード付き', 'ファイルのパスワード', '添付ファイルのパスワード', 'zipのパスワード', 'zipファイルのパスワード', 'pdfのパスワード',
  'excelのパスワード', 'エクセルのパスワード', '解凍パスワード', '解凍用パスワード', '開封パスワード', '開封用パスワード', 'パスワードをかけて',
  'パスワード保護', 'wifiのパスワード', 'wifiパスワード', 'ゲスト用パスワード', '会議のパスコード', 'ミーティングのパスコード', '会議室のパスワード',
  'password protected', 'password-protected', 'file password', 'zip password', 'pdf password', 'wifi password', 'guest wifi',
  'meeting passcode', 'meeting password', 'password for the file', 'password for the zip', 'password for the attachment',
]);

/** A code that arrives by SMS, app or mail: with "send me the code / the digits", it is a one-time code being harvested. */
export const CODE_ARRIVES = lexicon('code-arrives', [
  'smsで', 'smsが', 'smsに', 'ショートメール', 'ショートメッセージ', '届きます', '届くと', '届くので', '届いたら', '届いた', '届く',
  '確認コード', '有効期限',
  'sms', 'text message', 'verification', 'authenticator', 'expires', 'will arrive', 'just arrived', 'you will receive',
  "you'll receive", 'you should get', 'sent to your', 'arrives', 'trigger it',
]);

/** The code itself, however it is called. */
export const CODE_WORD = lexicon('code-word', [
  'コード', '番号', '数字', '桁', 'code', 'codes', 'digits', 'the number', 'numbers',
]);

/** Identity documents and personal data of staff. */
export const PERSONAL_DATA = lexicon('personal-data', [
  'マイナンバー', '個人番号', '運転免許証', '免許証', '保険証', '身分証', '本人確認書類', 'パスポート', '住民票', '在留カード',
  '従業員名簿', '社員名簿', '社員リスト', '従業員リスト', '従業員一覧', '社員一覧', '全従業員', '全社員の', '住所の一覧',
  '住所一覧', '顔写真', '法人カード', 'クレジットカード番号', 'カード番号', '印鑑証明', '生年月日', '給与明細',
  '表裏の写真', '表裏', '源泉徴収票', '年金手帳', '基礎年金番号', '通帳の写し', '通帳のコピー', '健康保険証', '戸籍',
  // English
  'my number', 'my number card', 'individual number', 'residence card', 'passport', "driver's license", 'drivers license',
  'driving licence', 'driving license', 'id card', 'photo id', 'id photo', 'national id', 'social security', 'ssn', 'w-2', 'w2',
  'tax slip', 'withholding slip', 'withholding tax slip', 'tax certificate', 'payslip', 'payslips', 'pay slip', 'salary slip',
  'bank statement', 'bank statements', 'date of birth', 'home address', 'home addresses', 'front and back', 'both sides', 'credit card number',
  'card number', 'card details', 'cvv', 'personal data', 'personal information', 'passport photo',
]);

/** People data: lists of staff, users, customers or partners, with how to reach them. */
export const PEOPLE_LIST = lexicon('people-list', [
  '社員一覧', '従業員一覧', '社員名簿', '従業員名簿', '社員リスト', '従業員リスト', '全社員', '全従業員', '全員分', 'アカウント一覧',
  'ユーザー一覧', '顧客リスト', '顧客一覧', '顧客名簿', '取引先一覧', '取引先リスト', '仕入先一覧', '担当者一覧', '連絡先一覧',
  '連絡先の一覧', '組織図', '役員の携帯', '役員の連絡先', '名簿',
  'employee list', 'list of employees', 'staff list', 'list of staff', 'all employees', "employees'", 'all staff', 'user list',
  'list of users', 'user accounts', 'list of your', 'customer list', 'list of customers', 'client list', 'list of clients',
  'list of hospitals', 'contact list', 'org chart', 'organisation chart', 'organization chart', 'directory export', 'top 20 accounts',
  'main customers', 'your customers', 'purchasing staff', 'engineers now working',
]);

/** The fields that make a list a harvest: how to reach each person. */
export const CONTACT_FIELDS = lexicon('contact-fields', [
  'メールアドレス', 'メアド', '携帯番号', '電話番号', '連絡先', '住所', '役職', '所属', '氏名',
  'email', 'emails', 'e mail', 'mobile', 'mobiles', 'phone', 'phone number', 'phone numbers', 'contact details', 'contact names',
  'contact person', 'contact name', 'address', 'addresses', 'name, email', 'last login', 'admin flag', 'with their email',
]);

/** The company's balances, account lists and who can approve payments. */
export const BALANCE_INFO = lexicon('balance-info', [
  '残高', '口座残高', '預金残高', '残高照会', '入出金明細', '取引明細', '通帳', '口座番号の一覧', '口座の一覧', '口座一覧',
  '取引銀行の口座', '口座番号', '資金状況', 'ネットバンキングの画面', '承認ができる方', '承認できる方', '承認者', '承認権限',
  '動かせる金額', '振込可能な金額', '支払可能額', '支払いリスト', '支払先一覧', '取引先の口座', '取引先一覧と口座',
  'いくらまで送金', 'いくらまで振込', 'いくらまで振り込',
  // English
  'balance', 'balances', 'account balance', 'bank balance', 'cash position', 'cash snapshot', 'closing balance', 'closing balances',
  'who can approve', 'who approves', 'approvers', 'approver', 'signatories', 'signatory', 'list of our bank accounts',
  'accounts payable contact', 'online banking screen',
]);

/** The part of a balance request that no routine report needs: a screenshot of the bank screen, who approves, how they log in. */
export const BALANCE_SENSITIVE = lexicon('balance-sensitive', [
  'スクショ', 'スクリーンショット', '画面', '写真', '承認ができる方', '承認できる方', '承認者', '承認権限', 'トークン', 'ワンタイム',
  '口座番号の一覧', '取引銀行の口座', 'ネットバンキングの画面',
  'screenshot', 'screenshots', 'screen shot', 'photo', 'who can approve', 'who approves', 'approvers', 'approver', 'signatories',
  'hardware token', 'token or sms', 'how they authenticate', 'online banking screen',
]);

/** Documents that carry a balance but are issued by the bank and exchanged on paper. */
export const BALANCE_PAPER = lexicon('balance-paper', ['残高証明書', '残高証明', 'balance certificate']);

/** Administrator or owner rights, or access, given to the requester. */
export const ADMIN_RIGHTS = lexicon('admin-rights', [
  '管理者権限', '組織管理者', '管理者に設定', '管理者にして', '管理者として追加', '管理権限', 'オーナー権限', '権限を付け', '権限を付与',
  '権限を譲', '権限を移', '権限を変更', '管理者アカウント', '管理者を追加',
  'admin rights', 'admin right', 'administrator rights', 'administrator role', 'admin role', 'admin access', 'admin privileges',
  'owner rights', 'owner role', 'owner-level', 'owner level', 'organization administrator', 'organisation administrator',
  'organization admin', 'organisation admin', 'org admin', 'make me admin', 'make me an admin', 'grant admin', 'grant our', 'full access',
  'administrator privileges', 'administrator privilege', 'admin privilege', 'who the admins are', 'list of admins', 'list of administrators', '管理者権限を持つ', '管理者は誰',
]);

/** Giving something over: grant, transfer, add. */
export const GRANT = lexicon('grant', [
  '付けて', '付与して', '付与を', '譲って', '移して', '変更して', '設定して', '追加して', '渡して', 'もらえますか', 'いただけますか',
  'grant', 'give', 'transfer', 'assign', 'add', 'make', 'set', 'share', 'hand over', 'promote',
]);

/** "Not needed": 「スクショは不要」 "no screenshot needed" takes back what it names. */
export const NOT_NEEDED = lexicon('not-needed', ['は不要', 'は要りません', 'はいりません', 'なしで', 'は結構です', 'not needed', 'no need', 'not necessary']);
