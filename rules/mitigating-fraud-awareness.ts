import { isWarning } from './warning.ts';
import { FRAUD_NAMED, WARNING_VOICE } from './lexicons/mitigating.ts';
import type { Rule } from '../src/detection/rule.ts';

/** A warning about fraud, a reply saying a message was a scam, or an instruction not to share secrets. */
export const mitigatingFraudAwareness: Rule = {
  id: 'mitigating.fraud_awareness',
  category: 'mitigating',
  title: { ja: '詐欺への注意喚起', en: 'A fraud-awareness notice' },
  explanation: {
    ja: '詐欺・なりすましへの注意喚起、報告への「詐欺です」という返信、「パスワードをチャットに書かない」といった指示です。注意喚起が引用している詐欺の文面（「」内など）は、依頼としては数えていません。',
    en: 'Warns about fraud or impersonation, answers a report that a message was a scam, or tells people not to put secrets in chat. Fraud phrases the warning quotes are not counted as requests.',
  },
  match(ctx) {
    // A fraud named, not only a voice ("please do not reply here" names nothing).
    if (!ctx.has(FRAUD_NAMED)) return null;
    const found = ctx.find(FRAUD_NAMED);
    if (!isWarning(ctx)) return { evidence: found.slice(0, 2), strength: 'weak' };
    return { evidence: [...found.slice(0, 1), ...ctx.find(WARNING_VOICE).slice(0, 1)], strength: 'strong' };
  },
  examples: {
    match: [
      '【注意喚起】社長になりすましたメッセージにご注意ください。',
      'その連絡はなりすましです。返信しないでください。',
      'Heads-up: if anyone asks you to "kindly process today, keep it confidential", it is a scam — do not reply and report it to IT.',
      'Reminder: accounts pretending to be our directors ask staff for prepaid cards. Never reply to such messages; call the registered number instead.',
      '取引先を装った口座変更の依頼が届いています。台帳の電話番号で確認できるまでは受け付けないでください。',
      'Checklist for the new team: if someone asks you to buy gift cards, or to wire money today and keep it confidential, it is a scam. Tell IT.',
      'Training quiz: which are red flags? (a) "send me the tax slips of all staff today" (b) a colleague asking for timesheets by Friday.',
      '研修の復習です。「本日中に極秘で振込を」と言われたら詐欺を疑い、台帳の番号で本人に確認してください。',
    ],
    noMatch: ['LINEグループを作ってQRを送ってください。', 'Please process the attached invoice today.', 'We are moving to another app next month. Please do not reply here after Friday.'],

  },
};
