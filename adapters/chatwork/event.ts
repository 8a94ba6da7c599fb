/**
 * The Chatwork webhook payload, validated. Room webhooks send `message_created` /
 * `message_updated` with the sender in `account_id`; account webhooks send `mention_to_me` with
 * `from_account_id`. Ids arrive as numbers or strings (message ids exceed 2^53: strings).
 */
import { z } from 'zod';

export const HANDLED_EVENTS = ['message_created', 'message_updated', 'mention_to_me'] as const;
export type ChatworkEventType = (typeof HANDLED_EVENTS)[number];

const id = z.union([z.string().regex(/^\d{1,24}$/), z.number().int().nonnegative()]).transform(String);
const epoch = z.number().int().nonnegative().nullish().transform((v) => v ?? null);

const messageEvent = z.object({
  message_id: id,
  room_id: id,
  account_id: z.number().int().positive(),
  body: z.string(),
  send_time: epoch,
  update_time: epoch,
});
const mentionEvent = z.object({
  message_id: id,
  room_id: id,
  from_account_id: z.number().int().positive(),
  body: z.string(),
  send_time: epoch,
  update_time: epoch,
});

/** Just enough to route the payload: its type. */
export const envelopeSchema = z.object({ webhook_event_type: z.string().max(100), webhook_event: z.unknown() });

/** A handled event, flattened. */
export interface ChatworkEvent {
  type: ChatworkEventType;
  roomId: string;
  messageId: string;
  /** Who wrote the message (the reporting employee, or the bot itself). */
  senderId: number;
  body: string;
  sendTime: number | null;
  updateTime: number | null;
}

/** Reads a handled event from the parsed payload; throws a ZodError when a field is missing. */
export function readEvent(type: ChatworkEventType, raw: unknown): ChatworkEvent {
  if (type === 'mention_to_me') {
    const e = mentionEvent.parse(raw);
    return { type, roomId: e.room_id, messageId: e.message_id, senderId: e.from_account_id, body: e.body, sendTime: e.send_time, updateTime: e.update_time };
  }
  const e = messageEvent.parse(raw);
  return { type, roomId: e.room_id, messageId: e.message_id, senderId: e.account_id, body: e.body, sendTime: e.send_time, updateTime: e.update_time };
}

/**
 * The idempotency key. A message is one key whichever webhook saw it (room webhook and mention of
 * the same message are one event); each edit of it is its own key.
 */
export function eventKey(e: ChatworkEvent): string {
  const base = `${e.roomId}:${e.messageId}`;
  return e.type === 'message_updated' ? `${base}@${e.updateTime ?? 0}` : base;
}

/** External id of the n-th report (0-based) made from a message; the first is `room-message`. */
export function reportExternalId(e: Pick<ChatworkEvent, 'roomId' | 'messageId'>, n: number): string {
  return n === 0 ? `${e.roomId}-${e.messageId}` : `${e.roomId}-${e.messageId}-${n + 1}`;
}
