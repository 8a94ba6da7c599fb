/** Claims of being someone official: chat-platform support, an IT desk, a bank or an authority, an executive. */
import { lexicon } from '../../src/detection/lexicon.ts';

/**
 * Support and operations desks: of the chat platform (kubell never asks for passwords, codes or
 * account numbers in chat), of IT, of a vendor. Named by what they claim to be, not by a list of names.
 */
export const SUPPORT_CLAIM = lexicon('support-claim', [
  'chatwork公式', 'chatworkサポート', 'chatwork運営', 'chatworkセキュリティ', 'chatworkカスタマー', 'チャットワーク公式',
  'チャットワークサポート', 'チャットワーク運営', 'チャットワーク事務局', 'kubell', 'クベル', '運営事務局', 'カスタマーサポート',
  'カスタマーサクセス', 'セキュリティセンター', 'サポートセンター', '公式サポート', 'サポートチーム', 'サポート窓口', '運営チーム',
  'アカウント管理チーム', 'セキュリティチーム', '本人確認センター', '認証センター', 'chatwork事務局', 'chatworkチーム', 'チャットワークチーム',
  'サポートデスク', 'ヘルプデスク', 'セキュリティ窓口', 'セキュリティ部門', '運用保守センター', '運用センター', '監視センター',
  '不正対策', '安全対策チーム', '事務局', '管理センター', 'システム管理者', 'サービスデスク', '照会センター', 'コールセンター', '審査部', '審査センター',
  'support team', 'support desk', 'service desk', 'help desk', 'helpdesk', 'it support', 'it service desk', 'it helpdesk',
  'it team', 'it department', 'it here', 'it admin', 'security team', 'security desk', 'security center', 'security centre',
  'trust & safety', 'trust and safety', 'trust safety', 'customer support', 'technical support', 'tech support', 'account team',
  'admin team', 'system administrator', 'operations team', 'operations center', 'operations centre', 'support center',
  'safety desk', 'user safety', 'safety team', 'abuse desk', 'abuse team', 'fraud team', 'fraud prevention team', 'risk team',
  'support centre', 'cloud team', 'integration team', 'compliance team', 'verification team', 'official support',
]);

/** The platform's own names: in a display name outside the ledger, a claim to speak for it. */
export const PLATFORM_BRAND = lexicon('platform-brand', ['chatwork', 'チャットワーク', 'kubell', 'クベル']);

/** Account threats that come with fake-support messages. */
export const ACCOUNT_THREAT = lexicon('account-threat', [
  '凍結', '利用停止', '停止され', '制限され', '制限を解除', '機能が制限', '削除され', '利用できなくなり', 'ロックされ',
  '無効にな', '不審なログイン', '規約違反', '本人確認が必要', '本人確認を実施', 'アカウントの確認', '管理者アカウントの確認',
  '契約更新', '認証が必要', '不正利用', '不正アクセス', '乗っ取', 'ハッキング', '保護のため', '行政処分', '処分の対象', '罰則',
  '延滞金', '差し押さえ', '差押', '法的措置', '被害拡大防止', 'ログイン試行',
  'suspended', 'suspension', 'will be suspended', 'deactivated', 'locked', 'unusual sign in', 'unusual login', 'suspicious login',
  'suspicious activity', 'violation', 're verify', 're-verify', 'reverify', 'verify your identity', 'penalty', 'penalties',
  'freezing', 'frozen', 'legal action', 'arrest', 'seizure', 'credit hold', 'will be closed', 'will be deleted',
]);

/** A financial institution, an authority or the state: who rarely, if ever, asks for anything in a chat. */
export const BANK_CLAIM = lexicon('bank-claim', [
  '銀行', '信用金庫', '信金', '信用組合', '証券', 'カード会社', '金融機関', 'bank',
]);

/** Authorities: police, tax, ministries, courts, immigration, pensions. */
export const AUTHORITY_CLAIM = lexicon('authority-claim', [
  '警察', '警察署', '県警', '府警', '警視庁', 'サイバー犯罪', '国税庁', '国税局', '税務署', '年金事務所', '年金機構', '厚生労働省',
  '経済産業省', '財務省', '金融庁', '消費者庁', '総務省', '法務省', '法務局', '裁判所', '検察', '入国管理', '出入国在留管理',
  '労働基準監督署', '市役所', '区役所', '保健所', '省 ', '監視指導課', '税関', '関税局', '公正取引委員会', '証券取引等監視委員会', '都税事務所', '県税事務所',
  'police', 'national tax agency', 'tax agency', 'tax office', 'tax bureau', 'tax authority', 'ministry', 'immigration',
  'court', 'prosecutor', 'financial services agency', 'pension service', 'customs office', 'government', 'regulator',
  'customs', 'border protection', 'customs and border', 'revenue service', 'internal revenue', 'irs', 'hmrc', 'fbi', 'interpol',
  'department of justice', 'attorney general', 'sheriff', 'federal agent', 'special agent',
]);

/** "This is …", "… と申します": the sender speaking as someone. */
export const SPEAKS_AS = lexicon('speaks-as', [
  'と申します', 'でございます', 'の者です', 'の担当者です', '担当の', 'this is', 'we are', 'i am', "i'm", 'on behalf of', 'calling from', 'here from',
  'writing from',
]);

/** Titles an impostor glues to a name or uses to introduce themselves. */
export const EXEC_TITLE = lexicon('exec-title', [
  '社長', '代表', '会長', '専務', '常務', '取締役', '役員', 'ceo', 'cfo', '部長', '本部長',
]);

/** Self-introduction endings: 「〜です」「〜と申します」. */
export const SELF_INTRO = lexicon('self-intro', ['です', 'でございます', 'と申します', 'より']);

/** An outside advisor who speaks for an executive or a deal: lawyers, counsel, M&A advisors, auditors. */
export const ADVISOR_CLAIM = lexicon('advisor-claim', [
  '弁護士', '法律事務所', '当職', '顧問弁護士', '代理人', 'm&aアドバイザー', 'アドバイザー', '監査法人', '会計士',
  'attorney', 'counsel', 'outside counsel', 'lawyer', 'law firm', 'legal counsel', 'llp', 'solicitor', 'auditor', 'auditors',
  'advisor', 'adviser', 'escrow agent',
]);

/** A secret deal: an acquisition, a merger, a confidential project. */
export const SECRET_DEAL = lexicon('secret-deal', [
  '買収', '株式取得', '独占交渉', '合併', 'エスクロー', 'm&a', '案件', 'tob',
  'acquisition', 'merger', 'takeover', 'exclusivity', 'escrow', 'nda', 'project', 'deal', 'due diligence', 'public announcement',
]);
