import { AVOID_KNOWN_CONTACT, SECRECY } from './lexicons/pressure.ts';
import type { Rule } from '../src/detection/rule.ts';

/** 内密に・上司に言わないで・二人だけで: cutting the reader off from anyone who could check. */
export const pressureSecrecy: Rule = {
  id: 'pressure.secrecy',
  category: 'pressure',
  title: { ja: '秘密・単独対応を求める', en: 'Secrecy and isolation' },
  explanation: {
    ja: '「内密に」「上司に言わないで」「二人だけで」など、周囲に相談させない表現です。Chatworkが挙げる警戒すべき兆候の一つです。',
    en: '"Keep it confidential", "don\'t tell your boss", "just the two of us": keeping the reader from anyone who could check. One of the warning signs Chatwork lists.',
  },
  match(ctx) {
    const found = [...ctx.find(SECRECY), ...ctx.find(AVOID_KNOWN_CONTACT)];
    return found.length > 0 ? { evidence: found.slice(0, 3), strength: 'strong' } : null;
  },
  examples: {
    match: ['この件は役員会までは内密に。', '上司の方には言わずに、私と直接やり取りしてください。', '他の人には共有しないでね。'],
    noMatch: ['この件は部内で共有してください。', '秘書の原口さんにも伝えてあります。'],
  },
};
