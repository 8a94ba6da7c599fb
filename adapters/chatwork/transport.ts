/**
 * The Chatwork REST API, the two calls kakunin needs: post a message to a room and `GET /me`.
 * It sends once and throws a DeliveryError that tells the outbox worker what to do: 429 →
 * `rate_limited` with `retryAfterMs` until `x-ratelimit-reset` (epoch seconds); 5xx →
 * `server_error`; any other non-2xx → `rejected` (permanent); no answer → `network`.
 */
import { DeliveryError } from '../../src/domain/notifier.ts';

export interface ChatworkTransportOptions {
  /** e.g. https://api.chatwork.com/v2, no trailing slash. */
  apiUrl: string;
  apiToken: string;
  /** Epoch milliseconds now (the injected clock), to turn x-ratelimit-reset into a delay. */
  now: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface ChatworkTransport {
  /** Posts `body` (Chatwork notation) to room `roomId`; returns the new message id. */
  postMessage(roomId: string, body: string): Promise<{ messageId: string }>;
  /** The token's own account. */
  me(): Promise<{ accountId: number; name: string | null }>;
}

/** Creates the transport; no request is made until a method is called. */
export function createChatworkTransport(opts: ChatworkTransportOptions): ChatworkTransport {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(`${opts.apiUrl}${path}`, {
        method,
        headers: {
          'x-chatworktoken': opts.apiToken,
          accept: 'application/json',
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: new URLSearchParams(form).toString() } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new DeliveryError('network', `chatwork ${method} ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const text = await res.text().catch(() => '');
    if (res.ok) {
      try {
        return text ? (JSON.parse(text) as unknown) : {};
      } catch (err) {
        throw new DeliveryError('server_error', `chatwork ${method} ${path}: answer is not JSON`, { status: res.status, cause: err });
      }
    }
    const said = `chatwork ${method} ${path} → ${res.status}: ${text.slice(0, 300)}`;
    if (res.status === 429) {
      const reset = Number(res.headers.get('x-ratelimit-reset'));
      const retryAfterMs = Number.isFinite(reset) && reset > 0 ? Math.max(1_000, reset * 1000 - opts.now()) : null;
      throw new DeliveryError('rate_limited', said, { status: 429, retryAfterMs });
    }
    if (res.status >= 500) throw new DeliveryError('server_error', said, { status: res.status });
    throw new DeliveryError('rejected', said, { status: res.status });
  }

  return {
    async postMessage(roomId, body) {
      const out = (await call('POST', `/rooms/${encodeURIComponent(roomId)}/messages`, { body, self_unread: '0' })) as { message_id?: unknown };
      return { messageId: String(out.message_id ?? '') };
    },
    async me() {
      const out = (await call('GET', '/me')) as { account_id?: unknown; name?: unknown };
      const accountId = Number(out.account_id);
      if (!Number.isSafeInteger(accountId) || accountId <= 0) throw new DeliveryError('server_error', 'chatwork GET /me: no account_id in the answer');
      return { accountId, name: typeof out.name === 'string' ? out.name : null };
    },
  };
}
