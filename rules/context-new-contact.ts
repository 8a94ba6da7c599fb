import type { Rule } from '../src/detection/rule.ts';

/** Contact approved minutes or hours before the message. */
export const contextNewContact: Rule = {
  id: 'context.new_contact',
  category: 'context',
  title: { ja: '承認直後の新しいコンタクト', en: 'Brand-new contact' },
  explanation: {
    ja: 'このコンタクトは承認されたばかりです（72時間以内）。新規承認の直後に送金・口座・情報の依頼が来るのは、Chatworkが警告しているなりすましの典型的な流れです。',
    en: 'This contact was approved within the last 72 hours. Requests for money, accounts or information right after a new contact approval are the pattern Chatwork warns about.',
  },
  match(ctx) {
    const age = ctx.contactAgeMinutes;
    if (age === null || age < 0 || age > 72 * 60) return null;
    const hours = Math.max(1, Math.round(age / 60));
    return {
      evidence: [],
      strength: age <= 24 * 60 ? 'strong' : 'weak',
      detail: { ja: `コンタクト承認から約${hours}時間後のメッセージです。`, en: `Sent about ${hours} hour(s) after the contact was approved.` },
    };
  },
  examples: {
    match: [{ body: 'はじめまして。', sentAt: '2026-03-01T10:00:00+09:00', contactApprovedAt: '2026-03-01T09:40:00+09:00' }],
    noMatch: [
      { body: 'はじめまして。', sentAt: '2026-03-01T10:00:00+09:00', contactApprovedAt: '2024-03-01T09:40:00+09:00' },
      { body: 'はじめまして。', sentAt: '2026-03-01T10:00:00+09:00', contactApprovedAt: null },
    ],
  },
};
