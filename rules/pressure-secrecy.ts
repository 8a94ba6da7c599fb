import { AVOID_KNOWN_CONTACT, SECRECY } from './lexicons/pressure.ts';
import { SECRETS } from './lexicons/secrets.ts';
import type { Rule } from '../src/detection/rule.ts';

/** 内密に・上司に言わないで・二人だけで / "keep this between us": cutting the reader off from anyone who could check. */
export const pressureSecrecy: Rule = {
  id: 'pressure.secrecy',
  category: 'pressure',
  title: { ja: '秘密・単独対応を求める', en: 'Secrecy and isolation' },
  explanation: {
    ja: '「内密に」「上司に言わないで」「二人だけで」「このチャットだけで」など、周囲に相談させない・既知の連絡先を使わせない表現です。Chatworkが挙げる警戒すべき兆候の一つです。',
    en: '"Keep it confidential", "don\'t tell your boss", "you are my sole point of contact", "reply only in this chat": keeping the reader from anyone who could check. One of the warning signs Chatwork lists.',
  },
  match(ctx) {
    // 「認証コードは誰にも伝えないこと」 "never tell anyone your password" protects a secret; it isolates nobody.
    const secrecy = ctx.find(SECRECY);
    const secrets = secrecy.length > 0 && ctx.has(SECRETS) ? ctx.find(SECRETS) : [];
    const hygiene = (e: { start: number }) => secrets.some((s) => s.end <= e.start && e.start - s.end <= 12);
    const found = [...secrecy.filter((e) => !hygiene(e)), ...ctx.find(AVOID_KNOWN_CONTACT)];
    return found.length > 0 ? { evidence: found.slice(0, 3), strength: 'strong' } : null;
  },
  examples: {
    match: ['この件は役員会までは内密に。', '上司の方には言わずに、私と直接やり取りしてください。', '他の人には共有しないでね。', 'Please keep this between us until the announcement.', "Don't discuss it with finance yet."],
    noMatch: ['この件は部内で共有してください。', '秘書の原口さんにも伝えてあります。', 'Please share this with your team.', '認証コードは誰にも伝えないこと。'],
  },
};
