/**
 * kakunin's vocabulary, Japanese first and English second: one name per thing, used by the console,
 * Slack, Teams and Chatwork alike, so that a case that is 「対応中」 in the console is 「対応中」 on a
 * card and in the reporter's reply. Adapters add their own emoji or layout around these words but
 * never rename them. Nothing here is hostile text.
 */
import type { CaseAction, CaseStatus, Resolution, ActorPlatform, ReportSource } from './case.ts';
import type { Bilingual, ObservableKind, SignalCategory, Verdict } from './detection.ts';

/** A case's state. */
export const STATUS: Record<CaseStatus, Bilingual> = {
  new: { ja: '未対応', en: 'New' },
  acknowledged: { ja: '対応中', en: 'Acknowledged' },
  investigating: { ja: '調査中', en: 'Investigating' },
  resolved: { ja: '解決済み', en: 'Resolved' },
};

/** How a resolved case ended. */
export const RESOLUTION: Record<Resolution, Bilingual> = {
  fraud_confirmed: { ja: '詐欺と確定', en: 'Fraud confirmed' },
  false_positive: { ja: '誤検知', en: 'False positive' },
  benign: { ja: '問題なし', en: 'Benign' },
  money_lost: { ja: '被害あり（送金済み）', en: 'Money lost' },
};

/** What a responder can do: the button (`verb`), the timeline entry (`done`, past tense). */
export const ACTION: Record<CaseAction, { verb: Bilingual; done: Bilingual }> = {
  acknowledge: { verb: { ja: '対応を開始する', en: 'Acknowledge' }, done: { ja: '対応を開始しました', en: 'acknowledged' } },
  investigate: { verb: { ja: '調査を開始する', en: 'Investigate' }, done: { ja: '調査を開始しました', en: 'started investigating' } },
  resolve: { verb: { ja: '解決する', en: 'Resolve' }, done: { ja: '解決しました', en: 'resolved' } },
  reopen: { verb: { ja: '再開する', en: 'Reopen' }, done: { ja: '再開しました', en: 'reopened' } },
};

/** The two one-click resolutions on chat cards. */
export const RESOLVE_BUTTON: Record<'fraud_confirmed' | 'false_positive', Bilingual> = {
  fraud_confirmed: { ja: '詐欺と確定する', en: 'Confirm fraud' },
  false_positive: { ja: '誤検知とする', en: 'False positive' },
};

/** Timeline entries of the audit trail (case_events.type). */
export const EVENT: Record<string, Bilingual> = {
  opened: { ja: '案件を作成', en: 'Opened' },
  report_added: { ja: '報告を追加', en: 'Report added' },
  acknowledge: { ja: '対応開始', en: 'Acknowledged' },
  investigate: { ja: '調査開始', en: 'Investigation started' },
  resolve: { ja: '解決', en: 'Resolved' },
  reopen: { ja: '再開', en: 'Reopened' },
  reminder: { ja: '催促', en: 'Reminder' },
  second_level: { ja: '上位担当へエスカレーション', en: 'Escalated to second level' },
  audit_keyed: { ja: '監査記録を鍵で保護', en: 'Audit chain keyed' },
  contact_request_declined: { ja: 'コンタクト申請を自動で拒否', en: 'Contact request declined automatically' },
  'escalation.ack_timeout': { ja: '催促（対応開始がないまま期限切れ）', en: 'Reminder: not acknowledged in time' },
  'escalation.renotify': { ja: '再催促', en: 'Reminder repeated' },
  'escalation.second_level': { ja: '上位担当へエスカレーション', en: 'Escalated to second level' },
  'escalation.unresolved': { ja: '催促（未解決のまま期限切れ）', en: 'Reminder: still unresolved' },
  retention_purged: { ja: '保存期間を過ぎた本文を削除', en: 'Message texts purged (retention)' },
};

/** Severity of a verdict or a case; shown with its label (「重大度: 高」), never the bare word. */
export const SEVERITY: Record<Verdict, Bilingual> = {
  none: { ja: 'なし', en: 'None' },
  low: { ja: '低', en: 'Low' },
  medium: { ja: '中', en: 'Medium' },
  high: { ja: '高', en: 'High' },
};
export const SEVERITY_LABEL: Bilingual = { ja: '重大度', en: 'Severity' };

/** What a thing found in a message is. */
export const OBSERVABLE: Record<ObservableKind, Bilingual> = {
  bank_account: { ja: '振込先口座', en: 'Bank account' },
  phone: { ja: '電話番号', en: 'Phone number' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  url: { ja: 'URL', en: 'URL' },
  line_id: { ja: 'LINE ID', en: 'LINE ID' },
  amount: { ja: '金額', en: 'Amount' },
  gift_card: { ja: 'ギフトカード', en: 'Gift card' },
  chatwork_account: { ja: 'Chatwork アカウント', en: 'Chatwork account' },
};

/** What a detection signal is about. */
export const SIGNAL_CATEGORY: Record<SignalCategory, Bilingual> = {
  identity: { ja: '名乗り・なりすまし', en: 'Identity' },
  money: { ja: '送金の依頼', en: 'Money' },
  payee: { ja: '振込先', en: 'Payee' },
  credential: { ja: '認証情報・個人情報', en: 'Credentials and data' },
  offplatform: { ja: '別の連絡手段への誘導', en: 'Off-platform' },
  pressure: { ja: '急がせる・口止め', en: 'Pressure' },
  giftcard: { ja: 'ギフトカード', en: 'Gift cards' },
  context: { ja: '状況', en: 'Context' },
  mitigating: { ja: '安全側の要素', en: 'Mitigating' },
};

/** Where a report came from. */
export const SOURCE: Record<ReportSource, Bilingual> = {
  api: { ja: 'API', en: 'API' },
  web: { ja: 'Web フォーム', en: 'Web form' },
  chatwork: { ja: 'Chatwork', en: 'Chatwork' },
  contact_request: { ja: 'Chatwork のコンタクト申請', en: 'Chatwork contact request' },
  watch: { ja: 'Chatwork の見守りルーム', en: 'Chatwork watched room' },
};

/** Where someone acted from. */
export const ACTOR_PLATFORM: Record<ActorPlatform, Bilingual> = {
  api: { ja: 'API', en: 'API' },
  web: { ja: 'コンソール', en: 'Console' },
  slack: { ja: 'Slack', en: 'Slack' },
  teams: { ja: 'Teams', en: 'Teams' },
  chatwork: { ja: 'Chatwork', en: 'Chatwork' },
  system: { ja: 'kakunin（自動）', en: 'kakunin (automatic)' },
};

/** A console user's role. */
export const ROLE: Record<'viewer' | 'responder' | 'admin', Bilingual> = {
  viewer: { ja: '閲覧者', en: 'Viewer' },
  responder: { ja: '対応者', en: 'Responder' },
  admin: { ja: '管理者', en: 'Admin' },
};

/** What an API token may do. */
export const SCOPE: Record<'intake' | 'respond' | 'admin', Bilingual> = {
  intake: { ja: '報告の送信', en: 'Intake' },
  respond: { ja: '案件の閲覧と対応', en: 'Respond' },
  admin: { ja: '管理（すべて）', en: 'Admin' },
};

/** An outbox row: what it sends. */
export const DELIVERY_KIND: Record<string, Bilingual> = {
  'card.post': { ja: 'カードの投稿', en: 'Card posted' },
  'card.update': { ja: 'カードの更新', en: 'Card updated' },
  'card.remind': { ja: '催促', en: 'Reminder' },
  'reporter.notify': { ja: '報告者への返信', en: 'Reply to the reporter' },
  'reporter.callback': { ja: '報告元への通知（Webhook）', en: 'Callback to the reporting system' },
};

/** An outbox row: where it stands. */
export const DELIVERY_STATUS: Record<string, Bilingual> = {
  pending: { ja: '送信待ち', en: 'Pending' },
  sent: { ja: '送信済み', en: 'Sent' },
  dead: { ja: '送信失敗（再試行を停止）', en: 'Failed (gave up)' },
};

/** Names of the platforms cards go to. */
export const NOTIFIER_PLATFORM: Record<string, Bilingual> = {
  console: { ja: 'ログ', en: 'Log' },
  slack: { ja: 'Slack', en: 'Slack' },
  teams: { ja: 'Teams', en: 'Teams' },
  chatwork: { ja: 'Chatwork', en: 'Chatwork' },
  inbox: { ja: 'コンソールの受信箱', en: 'Console inbox' },
  webhook: { ja: 'Webhook', en: 'Webhook' },
};

/** When nothing is known: a missing name, actor or value. */
export const UNKNOWN: Bilingual = { ja: '不明', en: 'unknown' };

/**
 * A glossary entry, or a readable fallback for a code kakunin may add later (never a blank).
 * @example term(STATUS, 'acknowledged') // { ja: '対応中', en: 'Acknowledged' }
 */
export function term(table: Record<string, Bilingual>, code: string | null | undefined): Bilingual {
  if (code == null) return UNKNOWN;
  return Object.hasOwn(table, code) ? table[code]! : { ja: code, en: code };
}

/** "ja / en" on one line, for cards that show both languages. */
export const both = (b: Bilingual): string => `${b.ja} / ${b.en}`;
