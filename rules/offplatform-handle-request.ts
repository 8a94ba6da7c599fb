import { MY_HANDLE } from './lexicons/offplatform.ts';
import { SEND_TO_ME } from './lexicons/requests.ts';
import type { Rule } from '../src/detection/rule.ts';

/** Asks for the reader's LINE id, WhatsApp or personal phone. */
export const offplatformHandleRequest: Rule = {
  id: 'offplatform.handle_request',
  category: 'offplatform',
  title: { ja: 'LINE IDや個人の連絡先の要求', en: "Asks for the reader's LINE id or personal contact" },
  explanation: {
    ja: 'あなたのLINE ID、WhatsApp、個人の携帯番号やメールアドレスを求めています。会社の目が届かない連絡手段へ移そうとする兆候です。',
    en: "Asks for your LINE id, WhatsApp, personal phone or e-mail: a move to a channel the company can't see.",
  },
  match(ctx) {
    const ask = ctx.near(MY_HANDLE, SEND_TO_ME, { maxGap: 16, anyOrder: true });
    return ask.length > 0 ? { evidence: ask, strength: 'strong' } : null;
  },
  examples: {
    match: ['まずはLINEで連絡を取りたいので、あなたのLINE IDを教えてください。', 'Could you give me your WhatsApp so we can talk outside work?'],
    noMatch: ['LINE IDは名刺に載っています。', '社内のLINE WORKSで連絡します。', 'My WhatsApp is on my business card if you ever need it.'],
  },
};
