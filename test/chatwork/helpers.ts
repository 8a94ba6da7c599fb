/** Chatwork test wiring: tokens, signing done here with node:crypto (independent of the adapter), payloads. */
import { createHmac, randomBytes } from 'node:crypto';
import { testRuntime, type TestRuntime } from '../helpers.ts';
import type { ManualClock } from '../../src/clock.ts';
import type { Runtime } from '../../src/runtime.ts';
import { FakeChatwork } from './fake-chatwork.ts';

export const ROOM_TOKEN = randomBytes(32).toString('base64');
export const ACCOUNT_TOKEN = randomBytes(32).toString('base64');
export const API_TOKEN = 'cw-api-token-for-tests';
export const BOT = 900;
export const REPORT_ROOM = 4242;
export const EMPLOYEE = 1000015;

/** base64(HMAC-SHA256(key = base64-decode(token), body)), computed here, not by the adapter. */
export function sign(token: string, body: string | Buffer): string {
  return createHmac('sha256', Buffer.from(token, 'base64')).update(body).digest('base64');
}

let seq = 1_000;
/** A unique Chatwork-style message id (a big number as a string). */
export const nextMessageId = () => `18${String(++seq).padStart(17, '0')}`;

/** A room-webhook payload. */
export function messageCreated(body: string, o: { accountId?: number; roomId?: number; messageId?: string; type?: string; updateTime?: number } = {}) {
  return {
    webhook_setting_id: '2655',
    webhook_event_type: o.type ?? 'message_created',
    webhook_event_time: 1767744100,
    webhook_event: {
      message_id: o.messageId ?? nextMessageId(),
      room_id: o.roomId ?? REPORT_ROOM,
      account_id: o.accountId ?? EMPLOYEE,
      body,
      send_time: 1767744100,
      update_time: o.updateTime ?? 0,
    },
  };
}

/** An account-webhook payload (the bot was mentioned). */
export function mentionToMe(body: string, o: { fromAccountId?: number; roomId?: number; messageId?: string } = {}) {
  return {
    webhook_setting_id: '2656',
    webhook_event_type: 'mention_to_me',
    webhook_event_time: 1767744100,
    webhook_event: {
      from_account_id: o.fromAccountId ?? EMPLOYEE,
      to_account_id: BOT,
      room_id: o.roomId ?? 777,
      message_id: o.messageId ?? nextMessageId(),
      body,
      send_time: 1767744100,
      update_time: 0,
    },
  };
}

/** POSTs a signed webhook (header by default, or the query parameter). */
export function postWebhook(
  rt: TestRuntime,
  payload: unknown,
  o: { token?: string; signature?: string | null; via?: 'header' | 'query'; raw?: string | Buffer } = {},
): Promise<Response> {
  const body = o.raw ?? JSON.stringify(payload);
  const signature = o.signature === undefined ? sign(o.token ?? ROOM_TOKEN, body) : o.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let url = '/webhooks/chatwork';
  if (signature !== null && (o.via ?? 'header') === 'header') headers['x-chatworkwebhooksignature'] = signature;
  if (signature !== null && o.via === 'query') url += `?chatwork_webhook_signature=${encodeURIComponent(signature)}`;
  return Promise.resolve(rt.app.request(url, { method: 'POST', headers, body }));
}

/** Environment for a runtime whose Chatwork API is `fake`. */
export function chatworkEnv(fake: FakeChatwork, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CHATWORK_WEBHOOK_TOKENS: `${ROOM_TOKEN}, ${ACCOUNT_TOKEN}`,
    CHATWORK_API_TOKEN: API_TOKEN,
    CHATWORK_API_URL: fake.url,
    CHATWORK_BOT_ACCOUNT_ID: String(BOT),
    CONSOLE_NOTIFIER: 'false',
    ...extra,
  };
}

/** A runtime with the real Chatwork adapter (from the registry) talking to `fake`. */
export async function chatworkRuntime(fake: FakeChatwork, o: { env?: Record<string, string>; dir?: string; clock?: ManualClock } = {}): Promise<TestRuntime> {
  return await testRuntime({ env: chatworkEnv(fake, o.env), random: () => 0, ...(o.dir ? { dir: o.dir } : {}), ...(o.clock ? { clock: o.clock } : {}) });
}

/** Rows of inbound_events, oldest first. */
export function inbound(rt: Pick<Runtime, 'handle'>) {
  return rt.handle.sqlite.prepare('select * from inbound_events order by id').all() as {
    id: number;
    event_key: string;
    event_type: string;
    raw_body: string;
    status: string;
    attempts: number;
    last_error: string | null;
    result: string | null;
    next_attempt_at: number;
  }[];
}

/** Reports made from Chatwork, oldest first. */
export function chatworkReports(rt: Pick<Runtime, 'handle'>) {
  return rt.handle.sqlite.prepare("select * from reports where source = 'chatwork' order by id").all() as {
    id: number;
    case_id: number;
    external_id: string;
    message_body: string;
    sender_account_id: number | null;
    sender_name: string | null;
    sent_at: string | null;
    reporter_account_id: number | null;
    note: string | null;
    origin: string | null;
  }[];
}
