import { ADMIN_RIGHTS, GRANT } from './lexicons/secrets.ts';
import { REQUEST } from './lexicons/requests.ts';
import { asked } from './support.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "Make this account an administrator": handing over the chat organisation or a system. */
export const credentialAdminRights: Rule = {
  id: 'credential.admin_rights',
  category: 'credential',
  title: { ja: '管理者権限の付与・譲渡の依頼', en: 'Asks to be given administrator rights' },
  explanation: {
    ja: 'Chatworkの組織管理者権限や、システムの管理者・オーナー権限をこのアカウントに付与・譲渡するよう求めています。管理者権限を渡すと、組織全体のアカウントや会話を乗っ取られます。社内の所定の手続きと、台帳の連絡先での本人確認を通してください。',
    en: "Asks for this account to be given (or handed) administrator or owner rights on the Chatwork organisation or a system. With admin rights, every account and conversation can be taken over. Use the company's formal process and verify through the ledger contact.",
  },
  match(ctx) {
    if (!ctx.has(ADMIN_RIGHTS)) return null;
    const ask = [...ctx.near(ADMIN_RIGHTS, GRANT, { maxGap: 30, anyOrder: true }), ...ctx.near(ADMIN_RIGHTS, REQUEST, { maxGap: 24 })];
    const requested = ask.length > 0 ? ask : asked(ctx, ADMIN_RIGHTS, { maxGap: 30 });
    if (requested.length === 0) return null;
    // The reader must be the one asked: "please grant …", 「付けてもらえますか」.
    const toReader = asked(ctx, ADMIN_RIGHTS, { maxGap: 60 }).length > 0 || ctx.near(ADMIN_RIGHTS, REQUEST, { maxGap: 40 }).length > 0;
    return toReader ? { evidence: requested.slice(0, 2), strength: 'strong' } : null;
  },
  examples: {
    match: [
      '出張中なので、一時的にChatworkの組織管理者権限をこのアカウントに付けてもらえますか？',
      'Could you please grant our service account organization administrator rights in Chatwork?',
      'To finish the setup we need owner-level admin. Please transfer the admin role to this account for a day.',
    ],
    noMatch: [
      '新入社員のアカウントを作成しました。管理者権限は付与していません。',
      'Admin rights are managed by the IT team through the request form.',
      '管理者パスワードのリセット手順は添付のマニュアルをご覧ください。',
    ],
  },
};
