import type { Rule } from '../src/detection/rule.ts';

/** The sender uses the name of someone in the ledger, from an account that is not theirs. */
export const identityImpersonation: Rule = {
  id: 'identity.impersonation',
  category: 'identity',
  title: { ja: '台帳の人物・取引先を名乗る別アカウント', en: 'Ledger person or partner claimed from another account' },
  explanation: {
    ja: '表示名または本文の名乗りが社内台帳の人物・取引先と一致しますが、送信元のアカウントIDは台帳に登録された本人のものではありません。実在の氏名や写真を使った新規アカウントは、このなりすまし詐欺の典型です。',
    en: "The display name or the message's self-introduction matches someone in the company ledger, but the sending account id is not the one registered for them. New accounts with a real person's name and photo are the hallmark of this fraud.",
  },
  match(ctx) {
    const id = ctx.identity;
    if (!id || id.accountMatches || id.how === 'account_id' || id.how === 'support_claim') return null;
    const senderId = ctx.report.message.sender?.accountId ?? null;
    const shownName = ctx.report.message.sender?.name ?? '';
    const byDisplay = id.how === 'exact_name' || id.how === 'lookalike_name';
    // A claim by display name from a known, different account is strong; a claim in the text, or with no account id to compare, is weak.
    const strength = byDisplay && senderId !== null && id.ledgerAccountId !== null ? 'strong' : 'weak';
    const who = id.kind === 'partner' ? `${id.company ?? ''} ${id.name}`.trim() : `${id.name}${id.role ? `(${id.role})` : ''}`;
    const account = senderId === null ? '不明' : String(senderId);
    const ledger = id.ledgerAccountId === null || id.ledgerAccountId === undefined ? '未登録' : String(id.ledgerAccountId);
    const family = id.name.normalize('NFKC').split(/\s+/u)[0] ?? id.name;
    const mentioned = [...ctx.findText(id.name), ...ctx.findText(family), ...(id.company ? ctx.findText(id.company) : [])];
    return {
      evidence: mentioned.slice(0, 3),
      strength,
      detail: {
        ja: `「${shownName || id.name}」は台帳の${who}を名乗っていますが、アカウントID ${account} は台帳の ${ledger} と異なります。`,
        en: `"${shownName || id.name}" claims to be ${who} from the ledger, but account id ${account} differs from the ledger's ${ledger === '未登録' ? 'unregistered' : ledger}.`,
      },
    };
  },
  examples: {
    match: [
      { body: 'お疲れ様です。少しお願いがあります。', sender: { accountId: 9999001, name: '山本 健一' } },
      { body: '社長の山本です。今、会社にいますか？', sender: { accountId: 9999002, name: 'Yamamoto' } },
      { body: 'あおば物産の佐々木です。ご連絡です。', sender: { accountId: 9999003, name: '佐々木' } },
    ],
    noMatch: [
      { body: 'お疲れ様です。少しお願いがあります。', sender: { accountId: 3000001, name: '山本 健一' } },
      { body: 'はじめまして、田村と申します。', sender: { accountId: 9999004, name: '田村 一郎' } },
      { body: 'あおば物産さんとの商談資料を確認してください。', sender: { accountId: 3000003, name: '小林 誠' } },
    ],
  },
};
