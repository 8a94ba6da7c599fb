import { AWARENESS } from './lexicons/mitigating.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A warning about fraud, or an instruction not to share secrets. */
export const mitigatingFraudAwareness: Rule = {
  id: 'mitigating.fraud_awareness',
  category: 'mitigating',
  title: { ja: '詐欺への注意喚起', en: 'A fraud-awareness notice' },
  explanation: {
    ja: '詐欺・なりすましへの注意喚起や、「パスワードをチャットに書かない」といった指示を含みます。',
    en: 'Warns about fraud or impersonation, or tells people not to put secrets in chat.',
  },
  match(ctx) {
    const found = ctx.find(AWARENESS);
    return found.length > 0 ? { evidence: found.slice(0, 2), strength: 'weak' } : null;
  },
  examples: { match: ['【注意喚起】社長になりすましたメッセージにご注意ください。'], noMatch: ['LINEグループを作ってQRを送ってください。'] },
};
