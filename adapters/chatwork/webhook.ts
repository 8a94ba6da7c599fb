/**
 * `POST /webhooks/chatwork`. Order matters, because Chatwork never re-sends, reads at most 2,048
 * bytes of our answer and disables a webhook that errs too often:
 *   1. refuse bodies over 256 KiB (413) before reading them;
 *   2. verify the signature over the raw bytes (401, nothing stored);
 *   3. refuse what is not a Chatwork event (400, nothing stored), and a message body over intake's
 *      64 KB cap (422 naming `webhook_event.body`, as the API and the form do); other event types:
 *      200, ignored;
 *   4. a watched room's message goes to the room watch (not stored); any other event: store the raw
 *      event (unique per message: a replay answers 200 and does nothing);
 *   5. process it (errors stay on the stored row for the sweep), then answer a tiny 200.
 */
import type { Hono } from 'hono';
import { ZodError } from 'zod';
import { MESSAGE_BODY_TOO_LARGE, withinBodyCap } from '../../src/domain/report.ts';
import { AppError, validationError } from '../../src/errors.ts';
import { limitBody } from '../../src/http/body-limit.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { envelopeSchema, HANDLED_EVENTS, readEvent, type ChatworkEventType } from './event.ts';
import type { ChatworkIntake } from './intake.ts';
import type { RoomWatch } from './watch/watch.ts';
import { signatureFromQuery, verifyChatworkSignature } from './signature.ts';

/** Chatwork messages are far smaller; anything bigger is not from Chatwork. */
export const CHATWORK_MAX_BODY_BYTES = 256 * 1024;
export const CHATWORK_WEBHOOK_PATH = '/webhooks/chatwork';

const isHandled = (t: string): t is ChatworkEventType => (HANDLED_EVENTS as readonly string[]).includes(t);

/**
 * Mounts the webhook; `tokens` are the configured webhook tokens (any may sign). With `watch`, room
 * events of watched rooms go to the room watch instead of the report intake, and are not stored.
 */
export function registerChatworkWebhook(app: Hono<AppEnv>, opts: { tokens: readonly string[]; intake: ChatworkIntake; watch?: Pick<RoomWatch, 'intercepts' | 'receiveWebhook'> | null }): void {
  app.post(
    CHATWORK_WEBHOOK_PATH,
    limitBody(CHATWORK_MAX_BODY_BYTES, `Body over ${CHATWORK_MAX_BODY_BYTES} bytes`),
    async function chatworkWebhook(c) {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const signature = c.req.header('x-chatworkwebhooksignature') ?? signatureFromQuery(c.req.url);
      if (!verifyChatworkSignature(opts.tokens, raw, signature)) {
        throw new AppError('unauthorized', signature ? 'Chatwork webhook signature does not match' : 'Chatwork webhook signature missing');
      }
      let text: string;
      let json: unknown;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        json = JSON.parse(text);
      } catch {
        throw new AppError('invalid_json', 'Body is not UTF-8 JSON');
      }
      const envelope = envelopeSchema.safeParse(json);
      if (!envelope.success) throw validationError(envelope.error);
      const type = envelope.data.webhook_event_type;
      if (!isHandled(type)) return c.json({ ok: true, ignored: 'event_type' });
      let event;
      try {
        event = readEvent(type, envelope.data.webhook_event);
      } catch (err) {
        if (err instanceof ZodError) throw validationError(err, 'webhook_event');
        throw err;
      }
      if (!withinBodyCap(event.body)) {
        throw new AppError('validation_failed', `Invalid request: webhook_event.body: ${MESSAGE_BODY_TOO_LARGE}`, {
          fields: [{ path: 'webhook_event.body', message: MESSAGE_BODY_TOO_LARGE }],
        });
      }
      if (opts.watch?.intercepts(event)) {
        // A watched room's message: judged, never stored unless it warns (docs/chatwork-guard.md, privacy).
        opts.watch.receiveWebhook(event);
        return c.json({ ok: true, watched: true });
      }
      const id = await opts.intake.store(text, event);
      if (id === null) return c.json({ ok: true, duplicate: true });
      await opts.intake.process(id);
      return c.json({ ok: true });
    },
  );
}
