import type { Rule } from '../src/detection/rule.ts';

/** Only a bounded prefix of a very long message was analysed. */
export const contextTruncated: Rule = {
  id: 'context.analysis_truncated',
  category: 'context',
  title: { ja: '長文のため先頭のみ解析', en: 'Only the beginning was analysed' },
  explanation: {
    ja: 'メッセージが非常に長いため、先頭部分のみを解析しました。残りの部分は人の目で確認してください。',
    en: 'The message is very long, so only its beginning was analysed. Read the rest yourself.',
  },
  match(ctx) {
    if (!ctx.text.truncated) return null;
    return {
      evidence: [],
      strength: 'weak',
      detail: {
        ja: `全${ctx.text.original.length}文字のうち先頭${ctx.text.analysedLength}文字を解析しました。`,
        en: `Analysed the first ${ctx.text.analysedLength} of ${ctx.text.original.length} characters.`,
      },
    };
  },
  examples: { match: ['あ'.repeat(30_000)], noMatch: ['短いメッセージです。'] },
};
