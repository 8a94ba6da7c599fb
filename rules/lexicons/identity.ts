/** Claims of being someone official: chat-platform support, a bank, an executive. */
import { lexicon } from '../../src/detection/lexicon.ts';

/** Chatwork / kubell support. kubell never asks for passwords, codes or account numbers in chat. */
export const SUPPORT_CLAIM = lexicon('support-claim', [
  'chatwork公式', 'chatworkサポート', 'chatwork運営', 'chatworkセキュリティ', 'chatworkカスタマー', 'チャットワーク公式',
  'チャットワークサポート', 'チャットワーク運営', 'チャットワーク事務局', 'kubell', 'クベル', '運営事務局', 'カスタマーサポート',
  'カスタマーサクセス', 'セキュリティセンター', 'サポートセンター', '公式サポート', 'サポートチーム', 'サポート窓口', '運営チーム',
  'アカウント管理チーム', 'セキュリティチーム', '本人確認センター', '認証センター', 'chatwork事務局', 'chatworkチーム', 'チャットワークチーム',
]);

/** The platform's own names: in a display name outside the ledger, a claim to speak for it. */
export const PLATFORM_BRAND = lexicon('platform-brand', ['chatwork', 'チャットワーク', 'kubell', 'クベル']);

/** Account threats that come with fake-support messages. */
export const ACCOUNT_THREAT = lexicon('account-threat', [
  '凍結', '利用停止', '停止され', '制限され', '制限を解除', '機能が制限', '削除され', '利用できなくなり', 'ロックされ',
  '無効にな', '不審なログイン', '規約違反', '本人確認が必要', '本人確認を実施', 'アカウントの確認', '管理者アカウントの確認',
  '契約更新', '認証が必要', '不正利用', '不正アクセス', '乗っ取', 'ハッキング', '保護のため',
]);

/** A financial institution speaking. */
export const BANK_CLAIM = lexicon('bank-claim', [
  '銀行', '信用金庫', '信金', '信用組合', '証券', 'カード会社', '金融機関', 'bank',
]);

/** Titles an impostor glues to a name or uses to introduce themselves. */
export const EXEC_TITLE = lexicon('exec-title', [
  '社長', '代表', '会長', '専務', '常務', '取締役', '役員', 'ceo', 'cfo', '部長', '本部長',
]);

/** Self-introduction endings: 「〜です」「〜と申します」. */
export const SELF_INTRO = lexicon('self-intro', ['です', 'でございます', 'と申します', 'より']);
