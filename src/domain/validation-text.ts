/**
 * What is wrong with a field, said for a person in Japanese and English, from a zod issue:
 * 「数字で入力してください」 instead of "expected number, received NaN". Used wherever a person,
 * not a program, reads the error (console forms, ledger import preview).
 */
import type { z } from 'zod';
import type { Bilingual } from './detection.ts';

type Issue = z.core.$ZodIssue;

const TYPE_JA: Record<string, string> = { number: '数値', string: '文字列', boolean: 'true か false', array: '一覧', object: '項目のまとまり', date: '日付' };

/**
 * @example issueText({ code: 'invalid_type', expected: 'number', received: 'NaN', path: ['senderId'], message: '' } as never)
 *   // { ja: '数字で入力してください', en: 'enter a number' }
 */
export function issueText(issue: Issue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': {
      if (/received undefined$/.test(issue.message)) return { ja: '入力してください（必須）', en: 'required' };
      if (issue.expected === 'number' || issue.expected === 'int') return { ja: '数字で入力してください', en: 'enter a number' };
      return { ja: `${TYPE_JA[issue.expected] ?? issue.expected} で入力してください`, en: `expected ${issue.expected}` };
    }
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? { ja: '入力してください（必須）', en: 'required' } : { ja: `${n} 文字以上で入力してください`, en: `at least ${n} characters` };
      if (issue.origin === 'array') return { ja: `${n} 件以上必要です`, en: `at least ${n} items` };
      return { ja: `${n} 以上にしてください`, en: `at least ${n}` };
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return { ja: `${n} 文字以内にしてください`, en: `at most ${n} characters` };
      if (issue.origin === 'array') return { ja: `${n} 件以内にしてください`, en: `at most ${n} items` };
      return { ja: `${n} 以下にしてください`, en: `at most ${n}` };
    }
    case 'invalid_value':
      return { ja: `次のどれかを選んでください: ${issue.values.map(String).join('、')}`, en: `one of ${issue.values.map(String).join(', ')}` };
    case 'invalid_format':
      if (issue.format === 'url') return { ja: 'URL の形式ではありません', en: 'not a URL' };
      if (issue.format === 'email') return { ja: 'メールアドレスの形式ではありません', en: 'not an e-mail address' };
      if (issue.format === 'uuid') return { ja: 'フォームの有効期限が切れています。ページを開き直してください', en: 'the form expired; reload the page' };
      return { ja: '形式が正しくありません', en: 'wrong format' };
    case 'custom':
      return issue.message === 'required' ? { ja: '入力してください（必須）', en: 'required' } : { ja: issue.message, en: issue.message };
    default:
      return { ja: '値が正しくありません', en: issue.message };
  }
}
