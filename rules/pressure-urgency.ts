import { CLOCK_DEADLINE } from './lexicons/money.ts';
import { ACT_EN, NOT_URGENT, TODAY_EN, URGENCY } from './lexicons/pressure.ts';
import type { Rule } from '../src/detection/rule.ts';

/** 至急・今日中・本日中・なる早 / "urgent", "by end of day", "wired today": hurry that leaves no time to verify. */
export const pressureUrgency: Rule = {
  id: 'pressure.urgency',
  category: 'pressure',
  title: { ja: '急がせる表現', en: 'Urgency' },
  explanation: {
    ja: '「至急」「今日中」「本日中」など、確認する時間を与えない表現です。単独では普通の業務連絡でもよく使われます。',
    en: '"Urgent", "by end of day", "must be wired today": hurry that leaves no time to verify. Common in ordinary business too, so it only supports other signals.',
  },
  match(ctx) {
    const calm = ctx.has(NOT_URGENT) ? ctx.find(NOT_URGENT) : [];
    const hurried = ctx.find(URGENCY).filter((u) => !calm.some((n) => n.start <= u.start && u.end <= n.end));
    const found = [...hurried, ...ctx.find(CLOCK_DEADLINE), ...ctx.near(ACT_EN, TODAY_EN, { maxGap: 30 })];
    return found.length > 0 ? { evidence: found.slice(0, 3), strength: 'weak' } : null;
  },
  examples: {
    match: ['至急対応お願いします。', '本日14時までにお願いします。', 'The deposit must be wired today.', 'Please reply within 10 minutes.'],
    noMatch: ['来週でも大丈夫です。', 'Today we visited the plant.', 'No rush, next week is fine.', 'Could you check the fee when you have time? Totally not urgent.', 'この件は急ぎではありません。'],
  },
};
