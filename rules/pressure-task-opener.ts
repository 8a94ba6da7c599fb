import { lexicon } from '../src/detection/lexicon.ts';
import type { Rule } from '../src/detection/rule.ts';

/** The opener of an executive-impersonation fraud: "are you at your desk?", 「今、席にいますか」, "a small task for you". */
const OPENER = lexicon('task-opener', [
  '席にいますか', '席にいる?', '今席にいますか', '会社にいますか', '今お時間ありますか', '今時間ありますか', '手が空いていますか', '手は空いていますか',
  'ちょっとお願いがあります', '少しお願いがあります', 'お願いしたいことがあります', '頼みたいことがあります', '内密にお願いしたいこと', '対応してほしいことがあります',
  'are you at your desk', 'are you in the office', 'are you available', 'are you around', 'you around', 'are you free now', 'are you busy',
  'quick favour', 'quick favor', 'small favour', 'small favor', 'a small task', 'a quick task', 'handle a task', 'take care of something',
  'need you to handle', 'need your help with something', 'reply when you see this', 'let me know when you are free', 'i have a task for you',
]);

/** A request's preamble that checks the reader is alone and available: weak alone, telling with a false identity. */
export const pressureTaskOpener: Rule = {
  id: 'pressure.task_opener',
  category: 'pressure',
  title: { ja: '「今、席にいますか」型の切り出し', en: '"Are you at your desk?" opener' },
  explanation: {
    ja: '「今、席にいますか」「ちょっとお願いがあります」のように、相手が一人で対応できるかを確かめてから依頼する切り出しです。役員を名乗る別アカウントからのこの切り出しは、なりすまし詐欺の典型的な最初の一手です。',
    en: '"Are you at your desk?", "I need you to handle a small task": checking the reader is available and alone before the ask. From an account that is not the executive\'s own, it is the classic first move of this fraud.',
  },
  match(ctx) {
    const found = ctx.find(OPENER);
    return found.length > 0 ? { evidence: found.slice(0, 2), strength: 'weak' } : null;
  },
  examples: {
    match: ['お疲れ様です。今、席にいますか？', 'Hello, are you at your desk now? I need you to handle a task for me.'],
    noMatch: ['会議室は14時から空いています。', 'Are you joining the dinner on Friday?'],
  },
};
