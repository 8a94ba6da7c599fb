/**
 * One Chatwork API call, for the bot's token (`x-chatworktoken`) and for an employee's OAuth token
 * (`Authorization: Bearer`) alike. It sends once and throws a DeliveryError that says what to do:
 * 429 → `rate_limited` with `retryAfterMs` until `x-ratelimit-reset` (epoch seconds); 5xx →
 * `server_error`; any other non-2xx → `rejected` (permanent; 401 is a token that stopped working);
 * no answer → `network`. 204 (nothing new) answers `null`. Every answer's `x-ratelimit-*` headers
 * are handed to `onRate`, so callers can stay within 300 requests per 5 minutes per token.
 */
import { DeliveryError } from '../../src/domain/notifier.ts';

/** What Chatwork said about the token's budget (300 requests / 5 minutes). */
export interface RateInfo {
  limit: number | null;
  remaining: number | null;
  /** Epoch milliseconds when the budget refills. */
  resetAt: number | null;
}

export type ChatworkAuth = { bot: string } | { bearer: string };

export interface CallOptions {
  /** e.g. https://api.chatwork.com/v2, no trailing slash. */
  apiUrl: string;
  /** Epoch milliseconds now (the injected clock). */
  now: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  onRate?: (rate: RateInfo, status: number) => void;
}

const num = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Reads the `x-ratelimit-*` headers. */
export function rateInfo(headers: Headers): RateInfo {
  const reset = num(headers.get('x-ratelimit-reset'));
  return { limit: num(headers.get('x-ratelimit-limit')), remaining: num(headers.get('x-ratelimit-remaining')), resetAt: reset !== null && reset > 0 ? reset * 1000 : null };
}

/** Calls `method path` (form-encoded body for writes); resolves to the parsed JSON, or null for 204. */
export async function chatworkCall(
  opts: CallOptions,
  auth: ChatworkAuth,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  form?: Record<string, string>,
): Promise<unknown> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(`${opts.apiUrl}${path}`, {
      method,
      headers: {
        ...('bot' in auth ? { 'x-chatworktoken': auth.bot } : { authorization: `Bearer ${auth.bearer}` }),
        accept: 'application/json',
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (err) {
    throw new DeliveryError('network', `chatwork ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const rate = rateInfo(res.headers);
  opts.onRate?.(rate, res.status);
  const text = await res.text().catch(() => '');
  if (res.ok) {
    if (res.status === 204 || text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new DeliveryError('server_error', `chatwork ${method} ${path}: answer is not JSON`, { status: res.status, cause: err });
    }
  }
  const said = `chatwork ${method} ${path} → ${res.status}: ${text.slice(0, 300)}`;
  if (res.status === 429) {
    const retryAfterMs = rate.resetAt !== null ? Math.max(1_000, rate.resetAt - opts.now()) : null;
    throw new DeliveryError('rate_limited', said, { status: 429, retryAfterMs });
  }
  if (res.status >= 500) throw new DeliveryError('server_error', said, { status: res.status });
  throw new DeliveryError('rejected', said, { status: res.status });
}

/** Requests kept back for what matters more (warnings, replies) when a poll would spend them. */
export const BACKGROUND_RESERVE = 30;

/**
 * Keeps one token within its budget, in memory: after a 429 nothing is sent until the reset;
 * `background` calls (polls) also stop while fewer than BACKGROUND_RESERVE requests remain.
 * A refused call throws `rate_limited` with the wait, without touching the network.
 */
export interface RateGate {
  check(priority: 'normal' | 'background'): void;
  observe(rate: RateInfo, status: number): void;
  /** Epoch ms until which nothing (normal) is sent; 0 when open. */
  readonly blockedUntil: number;
}

export function createRateGate(now: () => number): RateGate {
  let blockedUntil = 0;
  let last: RateInfo = { limit: null, remaining: null, resetAt: null };
  return {
    get blockedUntil() {
      return blockedUntil;
    },
    check(priority) {
      const t = now();
      let until = blockedUntil > t ? blockedUntil : 0;
      if (!until && priority === 'background' && last.remaining !== null && last.remaining < BACKGROUND_RESERVE && last.resetAt !== null && last.resetAt > t) {
        until = last.resetAt;
      }
      if (until) {
        throw new DeliveryError('rate_limited', `chatwork: waiting for the rate limit to reset at ${new Date(until).toISOString()} (not sent)`, { retryAfterMs: until - t });
      }
    },
    observe(rate, status) {
      last = rate;
      if (status === 429) blockedUntil = rate.resetAt ?? now() + 60_000;
    },
  };
}
