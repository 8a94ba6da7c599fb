import { AUTHORITY_CLAIM, BANK_CLAIM, SUPPORT_CLAIM } from './lexicons/identity.ts';
import { AVOID_KNOWN_CONTACT } from './lexicons/pressure.ts';
import { CALL_ME, NEW_NUMBER } from './lexicons/offplatform.ts';
import { unknownPhones } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Call me on this new number" — a number that isn't the ledger's. */
export const offplatformCallbackNumber: Rule = {
  id: 'offplatform.callback_number',
  category: 'offplatform',
  title: { ja: 'メッセージ内の番号への折り返し依頼', en: 'Call-back on a number from the message' },
  explanation: {
    ja: 'メッセージに書かれた、台帳にない電話番号へ電話するよう求めています。新しい番号・個人の携帯、「いつもの番号は使わないで」、銀行・役所・サポートを名乗る相手からの番号は特に危険です。確認の電話は必ず台帳・名刺など既知の番号にかけてください。',
    en: 'Asks you to call a number written in the message that is not in the ledger. A new or private number, "don\'t use the usual one", or a number from someone claiming to be a bank, an authority or support are the dangerous cases. Always verify through a number you already know.',
  },
  match(ctx) {
    const phones = unknownPhones(ctx);
    if (phones.length === 0) return null;
    const call = ctx.find(CALL_ME);
    if (call.length === 0) return null;
    const changed = [...ctx.find(NEW_NUMBER), ...ctx.find(AVOID_KNOWN_CONTACT)];
    // A bank, an authority or a support desk asking for a call to a number of its own: the FAQ's warning case.
    const official = [...ctx.find(SUPPORT_CLAIM), ...ctx.find(AUTHORITY_CLAIM), ...(ctx.senderInLedger ? [] : ctx.find(BANK_CLAIM))];
    return {
      evidence: [...call.slice(0, 1), ...changed.slice(0, 1), ...official.slice(0, 1), phones[0]!.evidence],
      strength: changed.length > 0 || official.length > 0 ? 'strong' : 'weak',
    };
  },
  examples: {
    match: [
      '私の新しい携帯番号にすぐ電話をください。070-1234-5678 会社の番号にはかけないように。',
      'My phone was stolen, I am on a temporary number: +44 7700 900123. Please call me, and don\'t use the office line.',
      'Before you release the payment please call me on my new WhatsApp +61 4 0000 7731. Don\'t use the office number, it is not working this month.',
      'This is the tax office. To avoid a penalty, please call officer Tanaka at 050-0000-9912 today.',
    ],
    noMatch: ['担当ドライバーの携帯は090-1111-2222です。', '電話をください。', { body: 'Please call me at +44 20 7946 0011 when convenient.', sender: { accountId: 4000002, name: 'Fiona Marsh' } }],
  },
};
