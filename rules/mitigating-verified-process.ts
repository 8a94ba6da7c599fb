import { PROCESS_DEFERRED, VERIFIED_PROCESS } from './lexicons/mitigating.ts';
import type { Rule } from '../src/detection/rule.ts';

/** The message points to the company's own records or a formal, offline process — and doesn't put it off. */
export const mitigatingVerifiedProcess: Rule = {
  id: 'mitigating.verified_process',
  category: 'mitigating',
  title: { ja: '正規の手続き・台帳での確認', en: 'Formal process or ledger check' },
  explanation: {
    ja: '取引先台帳での照合、所定の書式、原本の郵送、共有フォルダ、稟議など、チャット外の正規の手続きに沿った内容です。本人のアカウントからであれば、危険度を下げます。「人事システムは後で」「ワークフローを通すと間に合わない」のように手続きを後回しにする場合は数えません。',
    en: "Refers to the ledger, official forms, originals by post, the shared folder or formal approval: a process outside the chat. From the sender's own account, this lowers the risk. A process put off (\"I'll fix the HR system later\", \"the workflow is too slow\") does not count.",
  },
  match(ctx) {
    if (!ctx.has(VERIFIED_PROCESS)) return null;
    const deferred = ctx.find(PROCESS_DEFERRED);
    const found = ctx.find(VERIFIED_PROCESS).filter((h) => !deferred.some((d) => d.start >= h.end && d.start - h.end <= 14));
    return found.length > 0 ? { evidence: found.slice(0, 2), strength: 'weak' } : null;
  },
  examples: {
    match: ['番号は取引先台帳に載っているものでお願いします。', '所定の用紙で人事課へ提出してください。', 'Payment terms as per our agreement; the signed original follows by post.'],
    noMatch: ['至急お願いします。', '人事システムの方は後で自分で直しておきます。', 'ワークフローを通すと間に合わないので先に処理をお願いします。'],
  },
};
