import { UNREACHABLE } from './lexicons/pressure.ts';
import type { Rule } from '../src/detection/rule.ts';

/** 会議中で電話に出られない・携帯を変えた / "can't take calls", "lost my phone": an excuse that blocks a verifying call. */
export const pressureUnreachable: Rule = {
  id: 'pressure.unreachable',
  category: 'pressure',
  title: { ja: '電話で確認させない口実', en: 'Excuse for not being reachable' },
  explanation: {
    ja: '「会議中で電話に出られない」「携帯を変えた」「アカウントを作り直した」など、電話での本人確認を避ける口実です。',
    en: '"In a meeting, can\'t take calls", "lost my phone", "had to recreate my account": excuses that block a verifying call.',
  },
  match(ctx) {
    const found = ctx.find(UNREACHABLE);
    return found.length > 0 ? { evidence: found.slice(0, 2), strength: 'weak' } : null;
  },
  examples: {
    match: ['今、会議中で電話に出られないのでチャットで失礼します。', 'スマホが壊れてアカウントを作り直しました。', "I'm stuck in a meeting and can't take calls."],
    noMatch: ['会議室を押さえました。', 'The meeting room is booked for 3pm.'],
  },
};
