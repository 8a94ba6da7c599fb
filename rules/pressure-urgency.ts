import { CLOCK_DEADLINE } from './lexicons/money.ts';
import { URGENCY } from './lexicons/pressure.ts';
import type { Rule } from '../src/detection/rule.ts';

/** 至急・今日中・本日中・なる早: hurry that leaves no time to verify. */
export const pressureUrgency: Rule = {
  id: 'pressure.urgency',
  category: 'pressure',
  title: { ja: '急がせる表現', en: 'Urgency' },
  explanation: {
    ja: '「至急」「今日中」「本日中」など、確認する時間を与えない表現です。単独では普通の業務連絡でもよく使われます。',
    en: '"Urgent", "today", "by end of day": hurry that leaves no time to verify. Common in ordinary business too, so it only supports other signals.',
  },
  match(ctx) {
    const found = [...ctx.find(URGENCY), ...ctx.find(CLOCK_DEADLINE)];
    return found.length > 0 ? { evidence: found.slice(0, 3), strength: 'weak' } : null;
  },
  examples: { match: ['至急対応お願いします。', '本日14時までにお願いします。'], noMatch: ['来週でも大丈夫です。'] },
};
