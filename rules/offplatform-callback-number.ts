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
    ja: 'メッセージに書かれた、台帳にない電話番号へ電話するよう求めています。確認の電話は必ず台帳・名刺など既知の番号にかけてください。メッセージ内の番号は詐欺師につながる可能性があります。',
    en: 'Asks you to call a number written in the message that is not in the ledger. Always verify through a number you already know; the one in the message may reach the fraudster.',
  },
  match(ctx) {
    const phones = unknownPhones(ctx);
    if (phones.length === 0) return null;
    const call = ctx.find(CALL_ME);
    if (call.length === 0) return null;
    const changed = [...ctx.find(NEW_NUMBER), ...ctx.find(AVOID_KNOWN_CONTACT)];
    return {
      evidence: [...call.slice(0, 1), ...changed.slice(0, 1), phones[0]!.evidence],
      strength: changed.length > 0 ? 'strong' : 'weak',
    };
  },
  examples: {
    match: ['私の新しい携帯番号にすぐ電話をください。070-1234-5678 会社の番号にはかけないように。'],
    noMatch: ['担当ドライバーの携帯は090-1111-2222です。', '電話をください。'],
  },
};
