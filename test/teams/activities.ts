/** Activities as Teams sends them to /api/messages (trimmed to the fields botbuilder and kakunin read). */
export const TENANT = 'tenant-0001';
export const CHANNEL = '19:escalation0001@thread.tacv2';
export const BOT = { id: '28:kakunin-bot-id', name: 'kakunin' };
export const ADMIN = { id: '29:admin', aadObjectId: 'aad-admin-0001', name: '経理 管理者' };
export const SATO = { id: '29:sato', aadObjectId: 'aad-sato-0002', name: '佐藤 花子' };
export const SUZUKI = { id: '29:suzuki', aadObjectId: 'aad-suzuki-0003', name: '鈴木 一郎' };

type Person = { id: string; aadObjectId: string; name: string };
let seq = 0;
const base = (serviceUrl: string, conversationId = CHANNEL, tenantId = TENANT) => ({
  id: `incoming-${++seq}`,
  channelId: 'msteams',
  serviceUrl,
  timestamp: '2026-01-07T00:00:00.000Z',
  recipient: BOT,
  conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId },
  channelData: { tenant: { id: tenantId }, team: { id: CHANNEL, name: '経理部' }, channel: { id: conversationId, name: 'エスカレーション' } },
});

/** The bot was added to the team (Teams sends this for the General channel). */
export function botAdded(serviceUrl: string, opts: { tenantId?: string; conversationId?: string } = {}) {
  return { ...base(serviceUrl, opts.conversationId, opts.tenantId), type: 'conversationUpdate', from: ADMIN, membersAdded: [{ id: BOT.id }], channelData: { ...base(serviceUrl).channelData, eventType: 'teamMemberAdded' } };
}

export function botRemoved(serviceUrl: string) {
  return { ...base(serviceUrl), type: 'conversationUpdate', from: ADMIN, membersRemoved: [{ id: BOT.id }], channelData: { ...base(serviceUrl).channelData, eventType: 'teamMemberRemoved' } };
}

/** "@kakunin <words>" in a channel (or a personal chat). */
export function mention(serviceUrl: string, words: string, opts: { from?: Person; conversationId?: string; personal?: boolean; tenantId?: string } = {}) {
  const b = base(serviceUrl, opts.conversationId, opts.tenantId);
  return {
    ...b,
    type: 'message',
    from: opts.from ?? ADMIN,
    text: `<at>kakunin</at>&nbsp;${words}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: '<at>kakunin</at>', mentioned: BOT }],
    conversation: opts.personal ? { id: 'a:personal-chat', conversationType: 'personal', tenantId: TENANT } : b.conversation,
  };
}

/** A press on an Action.Execute button of the card posted as `messageId`. */
export function invoke(serviceUrl: string, messageId: string, verb: string, data: Record<string, unknown>, opts: { from?: Person; conversationId?: string } = {}) {
  const conv = opts.conversationId ?? CHANNEL;
  return {
    ...base(serviceUrl, `${conv};messageid=${messageId}`),
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: opts.from ?? SATO,
    replyToId: messageId,
    value: { action: { type: 'Action.Execute', id: 'btn', verb, data }, trigger: 'manual' },
  };
}

export const post = (activity: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(activity),
});
