import { VERIFIED_PROCESS } from './lexicons/mitigating.ts';
import type { Rule } from '../src/detection/rule.ts';

/** The message points to the company's own records or a formal, offline process. */
export const mitigatingVerifiedProcess: Rule = {
  id: 'mitigating.verified_process',
  category: 'mitigating',
  title: { ja: '正規の手続き・台帳での確認', en: 'Formal process or ledger check' },
  explanation: {
    ja: '取引先台帳での照合、所定の書式、原本の郵送、共有フォルダ、稟議など、チャット外の正規の手続きに沿った内容です。本人のアカウントからであれば、危険度を下げます。',
    en: "Refers to the ledger, official forms, originals by post, the shared folder or formal approval: a process outside the chat. From the sender's own account, this lowers the risk.",
  },
  match(ctx) {
    const found = ctx.find(VERIFIED_PROCESS);
    return found.length > 0 ? { evidence: found.slice(0, 2), strength: 'weak' } : null;
  },
  examples: { match: ['番号は取引先台帳に載っているものでお願いします。', '所定の用紙で人事課へ提出してください。'], noMatch: ['至急お願いします。'] },
};
