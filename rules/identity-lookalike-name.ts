import type { Rule } from '../src/detection/rule.ts';

/** The display name imitates a ledger name with a variant kanji, width, spacing, title or homoglyph. */
export const identityLookalikeName: Rule = {
  id: 'identity.lookalike_name',
  category: 'identity',
  title: { ja: '台帳の氏名に似せた表示名', en: 'Display name imitating a ledger name' },
  explanation: {
    ja: '表示名が台帳の氏名と完全には一致せず、異体字（髙/高、﨑/崎、斉/斎、邉/辺）、全角・半角、空白、肩書きの付加、ラテン文字の紛らわしい文字などで似せてあります。本人のアカウントでなければ、意図的な偽装の可能性が高い兆候です。',
    en: 'The display name is not the ledger name but imitates it: variant kanji (髙/高, 﨑/崎, 斉/斎, 邉/辺), width, spacing, an added title, or lookalike Latin letters. From an account that is not theirs, this is deliberate disguise.',
  },
  match(ctx) {
    const id = ctx.identity;
    if (!id || id.accountMatches || id.how !== 'lookalike_name') return null;
    const shown = ctx.report.message.sender?.name ?? '';
    return {
      evidence: ctx.findText(shown).slice(0, 1),
      strength: 'strong',
      detail: {
        ja: `表示名「${shown}」は台帳の「${id.name}」に似せた表記です。`,
        en: `The display name "${shown}" imitates the ledger's "${id.name}".`,
      },
    };
  },
  examples: {
    match: [
      { body: '至急確認したいことがあります。', sender: { accountId: 9999001, name: '山本健一(社長)' } },
      { body: 'お願いがあります。', sender: { accountId: 9999002, name: '斎藤 花子' } },
      { body: 'お願いがあります。', sender: { accountId: 9999003, name: 'ﾔﾏﾓﾄ ｹﾝｲﾁ' } },
      { body: 'お願いがあります。', sender: { accountId: 9999005, name: '山本健一' } },
    ],
    noMatch: [
      { body: 'お願いがあります。', sender: { accountId: 9999001, name: '山本 健一' } },
      { body: 'お願いがあります。', sender: { accountId: 3000002, name: '斎藤 花子' } },
      { body: 'お願いがあります。', sender: { accountId: 9999004, name: '山中 健一' } },
    ],
  },
};
