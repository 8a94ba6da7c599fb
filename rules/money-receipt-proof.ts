import { RECEIPT_PROOF } from './lexicons/money.ts';
import { SEND_TO_ME } from './lexicons/requests.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Asks for a photo of the transfer receipt: the fraudster wants proof the money left. */
export const moneyReceiptProof: Rule = {
  id: 'money.receipt_proof',
  category: 'pressure',
  title: { ja: '振込控えの写真を要求', en: 'Asks for a photo of the transfer receipt' },
  explanation: {
    ja: '振込控えや完了画面の写真をチャットで送るよう求めています。振込を急がせ、確認する詐欺の手口です。',
    en: 'Asks for a photo or screenshot of the transfer receipt in chat, a way fraudsters hurry and check the payment.',
  },
  match(ctx) {
    const ask = ctx.near(RECEIPT_PROOF, SEND_TO_ME, { maxGap: 30, anyOrder: true });
    return ask.length > 0 ? { evidence: ask, strength: 'weak' } : null;
  },
  examples: {
    match: ['完了したら振込控えの写真をこちらに送ってください。', '振込完了の画面をスクショで送ってください。'],
    noMatch: ['振込控えは経理の共有フォルダに保存しています。'],
  },
};
