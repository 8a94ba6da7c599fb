import { GROUP_KEY, LEAVING_PLATFORM, MOVE_AWAY } from './lexicons/offplatform.ts';
import type { Rule } from '../src/detection/rule.ts';

/** "This chat is closing, move to this group": a link away from the conversation. */
export const offplatformInviteLink: Rule = {
  id: 'offplatform.invite_link',
  category: 'offplatform',
  title: { ja: '招待リンクで別グループへ誘導', en: 'Invite link to move elsewhere' },
  explanation: {
    ja: 'リンク先のグループやチャットへ移動・参加するよう促しています（「このルームは閉鎖されます」「Chatworkの利用をやめます」など）。知らないグループへの誘導は、社内の確認を外すための手口です。',
    en: 'Urges the reader to move to or join a group behind a link ("this room will be archived", "we are leaving Chatwork"). Leading people into unknown groups takes them away from colleagues who could check.',
  },
  match(ctx) {
    const links = ctx.observables.filter((o) => o.kind === 'url' || o.kind === 'line_id');
    if (links.length === 0) return null;
    const move = [...ctx.find(MOVE_AWAY), ...ctx.find(LEAVING_PLATFORM)];
    if (move.length > 0) return { evidence: [...move.slice(0, 1), links[0]!.evidence], strength: 'strong' };
    const key = ctx.find(GROUP_KEY);
    return key.length > 0 ? { evidence: [...key.slice(0, 1), links[0]!.evidence], strength: 'weak' } : null;
  },
  examples: {
    match: [
      'このチャットは今後使わなくなるので、下記のグループに移動してください。https://line.me/ti/g/AbCdEf',
      'This room will be archived on Friday. Please join the new room here: https://rooms-hub.example.net/g/ops',
    ],
    noMatch: ['明日の打ち合わせのURLです。https://meet.example.com/abc', '資料はこちらです。https://example.com/doc', 'The slides are here: https://example.com/deck'],
  },
};
