/**
 * The Chatwork REST API as the kakunin bot uses it (its CHATWORK_API_TOKEN): post to a room,
 * `GET /me`, the bot's contacts (each with the direct chat's `room_id`), a room's messages and
 * members. Calls go through `chatworkCall` (http.ts): one attempt, a DeliveryError that tells the
 * caller (usually the outbox worker) what to do, and one rate gate for the token, so after a 429
 * nothing is sent before `x-ratelimit-reset` and polls leave room for warnings and replies.
 */
import { DeliveryError } from '../../src/domain/notifier.ts';
import { chatworkCall, createRateGate, type RateGate } from './http.ts';

export interface ChatworkTransportOptions {
  /** e.g. https://api.chatwork.com/v2, no trailing slash. */
  apiUrl: string;
  apiToken: string;
  /** Epoch milliseconds now (the injected clock), to turn x-ratelimit-reset into a delay. */
  now: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A contact of the bot; `roomId` is the direct chat with them. */
export interface ChatworkContact {
  accountId: number;
  roomId: string;
  name: string;
}

/** A message as `GET /rooms/{id}/messages` lists it (body is hostile text). */
export interface RoomMessage {
  messageId: string;
  accountId: number;
  accountName: string;
  body: string;
  /** Epoch seconds. */
  sendTime: number;
}

export interface ChatworkTransport {
  /** Posts `body` (Chatwork notation) to room `roomId`; returns the new message id. */
  postMessage(roomId: string, body: string): Promise<{ messageId: string }>;
  /** The token's own account. */
  me(): Promise<{ accountId: number; name: string | null }>;
  /** The bot's contacts with their direct chats. */
  contacts(): Promise<ChatworkContact[]>;
  /**
   * Messages of a room: without `force` only those this token has not fetched before (Chatwork
   * keeps that cursor; [] when none, the API answers 204); with `force` the latest 100.
   */
  roomMessages(roomId: string, opts: { force: boolean; priority?: 'normal' | 'background' }): Promise<RoomMessage[]>;
  /** Members of a room (names for webhook events, which carry only the account id). */
  roomMembers(roomId: string): Promise<{ accountId: number; name: string }[]>;
  /** The token's rate gate (shared by every call of this transport). */
  readonly gate: RateGate;
}

const ID = /^\d{1,24}$/;
const asId = (v: unknown): string | null => {
  const s = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : typeof v === 'string' ? v : '';
  return ID.test(s) ? s : null;
};
const asAccount = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && ID.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null) : []);

/** Creates the transport; no request is made until a method is called. */
export function createChatworkTransport(opts: ChatworkTransportOptions): ChatworkTransport {
  const gate = createRateGate(opts.now);
  const callOpts = { apiUrl: opts.apiUrl, now: opts.now, onRate: gate.observe, ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.fetch ? { fetch: opts.fetch } : {}) };
  const call = (method: 'GET' | 'POST', path: string, form?: Record<string, string>, priority: 'normal' | 'background' = 'normal') => {
    gate.check(priority);
    return chatworkCall(callOpts, { bot: opts.apiToken }, method, path, form);
  };

  return {
    gate,
    async postMessage(roomId, body) {
      const out = (await call('POST', `/rooms/${encodeURIComponent(roomId)}/messages`, { body, self_unread: '0' })) as { message_id?: unknown } | null;
      return { messageId: String(out?.message_id ?? '') };
    },
    async me() {
      const out = (await call('GET', '/me')) as { account_id?: unknown; name?: unknown } | null;
      const accountId = Number(out?.account_id);
      if (!Number.isSafeInteger(accountId) || accountId <= 0) throw new DeliveryError('server_error', 'chatwork GET /me: no account_id in the answer');
      return { accountId, name: typeof out?.name === 'string' ? out.name : null };
    },
    async contacts() {
      const out: ChatworkContact[] = [];
      for (const c of list(await call('GET', '/contacts'))) {
        const accountId = asAccount(c.account_id);
        const roomId = asId(c.room_id);
        if (accountId !== null && roomId !== null) out.push({ accountId, roomId, name: typeof c.name === 'string' ? c.name : '' });
      }
      return out;
    },
    async roomMessages(roomId, o) {
      const raw = await call('GET', `/rooms/${encodeURIComponent(roomId)}/messages?force=${o.force ? 1 : 0}`, undefined, o.priority ?? 'background');
      const out: RoomMessage[] = [];
      for (const m of list(raw)) {
        const messageId = asId(m.message_id);
        const account = (typeof m.account === 'object' && m.account !== null ? m.account : {}) as Record<string, unknown>;
        const accountId = asAccount(account.account_id);
        const sendTime = Number(m.send_time);
        if (messageId === null || accountId === null || typeof m.body !== 'string' || !Number.isSafeInteger(sendTime)) continue;
        out.push({ messageId, accountId, accountName: typeof account.name === 'string' ? account.name : '', body: m.body, sendTime });
      }
      return out;
    },
    async roomMembers(roomId) {
      const out: { accountId: number; name: string }[] = [];
      for (const m of list(await call('GET', `/rooms/${encodeURIComponent(roomId)}/members`, undefined, 'background'))) {
        const accountId = asAccount(m.account_id);
        if (accountId !== null) out.push({ accountId, name: typeof m.name === 'string' ? m.name : '' });
      }
      return out;
    },
  };
}
