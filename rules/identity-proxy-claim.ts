import { lexicon } from '../src/detection/lexicon.ts';
import { SUPPORT_REGEXES } from './support.ts';
import { romajiKey } from '../src/detection/romaji.ts';
import { kanaToRomaji } from '../src/detection/romaji.ts';
import type { Rule, RuleContext } from '../src/detection/rule.ts';
import type { Evidence } from '../src/domain/detection.ts';

/** Speaking for someone: on behalf of, at the request of, authorised by, 「のご指示により」「からのご依頼」. */
const ON_BEHALF = lexicon('on-behalf', [
  'のご指示', 'の指示で', 'の指示により', 'からのご依頼', 'からご依頼', 'から頼まれ', 'から依頼され', 'のご了承', 'にはご了承', 'の代理', 'に代わり',
  'の承認は取れて', 'からの指示', 'から直接ご依頼', 'の許可',
  'on behalf of', 'at the request of', 'at his request', 'at her request', 'authorised me', 'authorized me', 'has authorised', 'has authorized',
  'asked me to', 'asked that you', 'has asked that', 'instructed me', 'assisting mr', 'assisting ms', 'assisting your', 'on the instructions of',
  'approved by', 'with the approval of', 'fully authorized by', 'fully authorised by',
]);

function mentionsExecutive(ctx: RuleContext): Evidence[] {
  for (const p of ctx.directory.people) {
    if (!p.executive) continue;
    const family = p.name.normalize('NFKC').split(SUPPORT_REGEXES.whitespace)[0] ?? '';
    const found = family.length >= 2 ? ctx.findText(family) : [];
    if (found.length > 0) return found.slice(0, 1);
    const reading = p.kana ? kanaToRomaji(p.kana).split(' ')[0] : '';
    if (reading && reading.length >= 3) {
      for (const word of new Set([reading, romajiKey(reading)])) {
        const latin = SUPPORT_REGEXES.latin;
        const hit = ctx.findText(word).filter((e) => !latin.test(ctx.text.original.charAt(e.start - 1)) && !latin.test(ctx.text.original.charAt(e.end)));
        if (hit.length > 0) return hit.slice(0, 1);
      }
    }
  }
  return [];
}

/** Someone outside the ledger says they act for one of the company's executives: the lawyer, advisor or assistant of a BEC. */
export const identityProxyClaim: Rule = {
  id: 'identity.proxy_claim',
  category: 'identity',
  title: { ja: '役員の代理・指示を名乗る連絡', en: 'Claims to act for an executive' },
  explanation: {
    ja: '台帳にないアカウントが、社長・役員の指示や代理（弁護士・アドバイザー・秘書など）を名乗っています。役員が社外の人を通じてチャットで送金や秘密の対応を指示することは通常ありません。役員本人に台帳の連絡先で確認してください。',
    en: "An account outside the ledger says it acts on an executive's instructions or on their behalf (a lawyer, an advisor, an assistant). Executives don't normally send payment or confidential instructions through outsiders in chat: ask the executive through the ledger contact.",
  },
  match(ctx) {
    if (ctx.senderInLedger || !ctx.has(ON_BEHALF)) return null;
    const proxy = ctx.find(ON_BEHALF);
    const exec = mentionsExecutive(ctx);
    return exec.length > 0 ? { evidence: [...exec, proxy[0]!], strength: 'weak' } : null;
  },
  examples: {
    match: [
      'I am writing on behalf of Mr. Yamamoto regarding a confidential acquisition.',
      '山本社長のご指示により、当職より直接ご連絡差し上げております。',
      'Mr. Shimizu has authorised me to contact you directly about the escrow.',
    ],
    noMatch: [
      { body: 'I am writing on behalf of Mr. Yamamoto about the quote.', sender: { accountId: 4000002, name: 'Fiona Marsh' } },
      'On behalf of our team, thank you for the visit.',
    ],
  },
};
