/**
 * A custom @slack/bolt Receiver that lives inside kakunin's Hono server (no Express, no second
 * port). For each `POST /slack/events` it:
 *
 * 1. reads the raw body (the signature covers the exact bytes);
 * 2. answers `ssl_check=1` with 200 and nothing else (Slack does not sign it);
 * 3. checks `X-Slack-Signature` = `v0=` + HMAC-SHA256(signing secret, `v0:{ts}:{raw body}`) in
 *    constant time, and refuses a timestamp more than 5 minutes from the injected clock — 401 in
 *    kakunin's error shape, nothing dispatched;
 * 4. answers `url_verification` with its challenge;
 * 5. hands everything else to `app.processEvent` and answers with whatever the listener gives
 *    `ack()` — or 404 if nothing acks within 3 seconds, as Bolt's own HTTPReceiver does.
 *
 * The listener's work after `ack()` continues in the background; `idle()` waits for it (tests,
 * shutdown).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ReceiverMultipleAckError, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Context } from 'hono';
import type { Clock } from '../../src/clock.ts';
import { AppError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';

/** Slack refuses replays older than this; so do we. */
export const MAX_REQUEST_AGE_SECONDS = 5 * 60;
/** Slack gives an interaction 3 seconds to be acknowledged. */
export const ACK_TIMEOUT_MS = 3_000;

/** The signing secret, the clock the 5-minute window is measured by, and where to log. */
export interface HonoReceiverOptions {
  signingSecret: string;
  clock: Clock;
  logger: Logger;
  ackTimeoutMs?: number;
}

/**
 * The signature Slack puts in `X-Slack-Signature` for `rawBody` sent at `timestamp` (seconds).
 * @example slackSignature('secret', '1767744000', 'payload=%7B%7D') // 'v0=…64 hex…'
 */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Throws AppError 401 unless the request is signed by Slack within the last 5 minutes. */
export function verifySlackSignature(opts: { signingSecret: string; nowMs: number; timestamp: string | undefined; signature: string | undefined; rawBody: string }): void {
  const { timestamp, signature } = opts;
  if (!timestamp || !signature) throw new AppError('unauthorized', 'Slack request is not signed (X-Slack-Signature and X-Slack-Request-Timestamp are required)');
  if (!/^\d{1,12}$/.test(timestamp)) throw new AppError('unauthorized', 'X-Slack-Request-Timestamp is not a number of seconds');
  const age = Math.abs(Math.floor(opts.nowMs / 1000) - Number(timestamp));
  if (age > MAX_REQUEST_AGE_SECONDS) throw new AppError('unauthorized', `Slack request timestamp is ${age} s away from now (more than 5 minutes); refused as a possible replay`);
  const expected = Buffer.from(slackSignature(opts.signingSecret, timestamp, opts.rawBody));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError('unauthorized', 'Slack signature does not match');
}

/** Parses a Slack request body: form-encoded (`payload=` JSON or plain fields) or JSON. */
export function parseSlackBody(contentType: string, rawBody: string): Record<string, unknown> {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const params = new URLSearchParams(rawBody);
      const payload = params.get('payload');
      if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
      return Object.fromEntries(params);
    }
    const parsed: unknown = JSON.parse(rawBody);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new AppError('bad_request', `Slack request body is not valid ${contentType || 'JSON'}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

type Acked = { kind: 'ack'; body: unknown } | { kind: 'done' } | { kind: 'failed'; err: unknown } | { kind: 'timeout' };

/** The receiver; `handle` is mounted as a Hono handler by the Slack binding. */
export class HonoReceiver implements Receiver {
  private app: App | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly ackTimeoutMs: number;

  constructor(private readonly opts: HonoReceiverOptions) {
    this.ackTimeoutMs = opts.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  }

  init(app: App): void {
    this.app = app;
  }

  /** The Hono server is started by `serve`; nothing to do here. */
  async start(): Promise<void> {}

  /** Waits for listeners still working after their ack. */
  async stop(): Promise<void> {
    await this.idle();
  }

  /** Resolves once every dispatched event has finished (including work after ack). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Handles one `POST /slack/events`. */
  async handle(c: Context): Promise<Response> {
    const rawBody = Buffer.from(await c.req.arrayBuffer()).toString('utf8');
    const contentType = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType === 'application/x-www-form-urlencoded' && new URLSearchParams(rawBody).get('ssl_check') === '1') {
      return c.body(null, 200);
    }
    verifySlackSignature({
      signingSecret: this.opts.signingSecret,
      nowMs: this.opts.clock.now().getTime(),
      timestamp: c.req.header('x-slack-request-timestamp'),
      signature: c.req.header('x-slack-signature'),
      rawBody,
    });
    const body = parseSlackBody(contentType, rawBody);
    if (body.type === 'url_verification') return c.json({ challenge: String(body.challenge ?? '') });
    const retryNum = c.req.header('x-slack-retry-num');
    const retryReason = c.req.header('x-slack-retry-reason');
    const outcome = await this.dispatch({
      body,
      ...(retryNum !== undefined && /^\d+$/.test(retryNum) ? { retryNum: Number(retryNum) } : {}),
      ...(retryReason !== undefined ? { retryReason } : {}),
    });
    switch (outcome.kind) {
      case 'ack':
        if (outcome.body === undefined || outcome.body === null || outcome.body === '') return c.body(null, 200);
        return typeof outcome.body === 'string' ? c.text(outcome.body, 200) : c.json(outcome.body as object, 200);
      case 'failed':
        throw outcome.err instanceof AppError ? outcome.err : new AppError('internal', 'Slack event handler failed before acknowledging', { cause: outcome.err });
      case 'done':
      case 'timeout':
        this.opts.logger.warn({ type: body.type, outcome: outcome.kind }, 'Slack event was not acknowledged');
        throw new AppError('not_found', `No handler acknowledged this Slack ${String(body.type ?? 'event').slice(0, 40)}`);
    }
  }

  /** Runs `processEvent` and resolves at the first of: ack, finish without ack, failure, timeout. */
  private dispatch(event: Omit<ReceiverEvent, 'ack'>): Promise<Acked> {
    const app = this.app;
    if (!app) return Promise.reject(new AppError('unavailable', 'Slack app is not initialised'));
    return new Promise<Acked>((resolve) => {
      let acked = false;
      const timer = setTimeout(() => resolve({ kind: 'timeout' }), this.ackTimeoutMs);
      timer.unref();
      const ack = async (response?: unknown): Promise<void> => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        clearTimeout(timer);
        resolve({ kind: 'ack', body: response });
      };
      const logger = this.opts.logger;
      const work: Promise<void> = app
        .processEvent({ ...event, ack })
        .then(
          () => {
            clearTimeout(timer);
            resolve({ kind: 'done' });
          },
          (err: unknown) => {
            clearTimeout(timer);
            if (!acked) resolve({ kind: 'failed', err });
            else logger.error({ err }, 'Slack listener failed after ack');
          },
        )
        .finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
  }
}
