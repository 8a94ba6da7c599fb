/**
 * A console form's validation error in the reader's language, naming the field as the form labels
 * it: 「送信者の Chatwork ID: 数字で入力してください」, not "senderId: expected number, received NaN".
 */
import type { z } from 'zod';
import type { Bilingual } from '../domain/detection.ts';
import { issueText } from '../domain/validation-text.ts';
import { AppError } from '../errors.ts';
import type { Lang } from '../ui/i18n.ts';

/** Names of the console's form fields. */
const FIELD: Record<string, Bilingual> = {
  body: { ja: 'メッセージ', en: 'Message' },
  senderName: { ja: '送信者の表示名', en: "Sender's display name" },
  senderId: { ja: '送信者のアカウント番号', en: "Sender's account number" },
  approved: { ja: 'コンタクトを承認した時期', en: 'When you approved the contact' },
  note: { ja: 'メモ', en: 'Note' },
  reporterName: { ja: 'あなたの名前', en: 'Your name' },
  submissionId: { ja: 'フォーム', en: 'Form' },
  name: { ja: '名前', en: 'Name' },
  displayName: { ja: '表示名', en: 'Display name' },
  role: { ja: '権限', en: 'Role' },
  scope: { ja: '権限の範囲', en: 'Scope' },
  action: { ja: '操作', en: 'Action' },
  resolution: { ja: '結論', en: 'Resolution' },
  expectedVersion: { ja: '画面の版', en: 'Page version' },
  status: { ja: '状態', en: 'Status' },
  severity: { ja: '重大度', en: 'Severity' },
  from: { ja: '期間（から）', en: 'From' },
  to: { ja: '期間（まで）', en: 'To' },
  q: { ja: '本文', en: 'Text' },
  sender: { ja: '送信者', en: 'Sender' },
  reporter: { ja: '報告者', en: 'Reporter' },
  observable: { ja: '口座・電話・URL など', en: 'Account, phone, URL' },
  sort: { ja: '並び順', en: 'Sort' },
  limit: { ja: '件数', en: 'Page size' },
  format: { ja: '形式', en: 'Format' },
};

/** The 422 a console page shows for a form that failed `schema.safeParse`. */
export function formError(lang: Lang, error: z.ZodError): AppError {
  const pick = (b: Bilingual) => (lang === 'en' ? b.en : b.ja);
  const lines = error.issues.map((i) => {
    const key = i.path.map(String).join('.');
    const field = Object.hasOwn(FIELD, key) ? pick(FIELD[key]!) : key || pick({ ja: '入力', en: 'Input' });
    return `${field}: ${pick(issueText(i))}`;
  });
  const head = lang === 'en' ? 'Please check the form: ' : '入力内容を確認してください。';
  return new AppError('validation_failed', `${head}${lines.join(lang === 'en' ? '; ' : '／')}`);
}
