/**
 * A small Slack Web API client over fetch, used by the outbox notifier. It sends one request and
 * turns every failure into a `DeliveryError` the worker understands; it never retries (retries
 * belong to the outbox). Slack answers most errors with HTTP 200 and `{"ok": false, "error"}`:
 * the error string is kept in the message, so `GET /api/cases/:ref` shows e.g.
 * "rejected: slack chat.postMessage: channel_not_found".
 */
import { DeliveryError } from '../../src/domain/notifier.ts';

/** Slack errors worth retrying later; anything else with ok:false is permanent. */
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

/** What a Slack method answers (only the fields kakunin reads). */
export interface SlackResponse {
  ok: boolean;
  error?: string;
  channel?: string;
  ts?: string;
  user_id?: string;
  bot_id?: string;
  team_id?: string;
  response_metadata?: { messages?: string[] };
  [k: string]: unknown;
}

/** The Web API methods kakunin uses; each is one HTTP request. */
export interface SlackTransport {
  /** Calls `method` with a JSON body; resolves to the ok:true answer, throws DeliveryError otherwise. */
  call(method: string, body: Record<string, unknown>): Promise<SlackResponse>;
  postMessage(body: Record<string, unknown>): Promise<{ channel: string; ts: string }>;
  update(body: Record<string, unknown>): Promise<{ channel: string; ts: string }>;
  postEphemeral(body: Record<string, unknown>): Promise<SlackResponse>;
  authTest(): Promise<{ userId: string | null; botId: string | null; teamId: string | null }>;
}

/** Where and as whom to call; `fetch` can be replaced (never needed in tests: they use a local server). */
export interface TransportOptions {
  /** SLACK_API_URL, ending with a slash. */
  apiUrl: string;
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * Seconds from a Retry-After header as milliseconds; null when absent or not a number.
 * @example retryAfterMs('30') // 30000
 */
export function retryAfterMs(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const s = Number(header);
  if (Number.isFinite(s) && s >= 0) return Math.ceil(s * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : null;
}

/** Maps a Slack `error` string to a DeliveryError. */
export function slackError(method: string, error: string, details: string[] = [], status: number | null = 200): DeliveryError {
  const message = `slack ${method}: ${error}${details.length ? ` (${details.join('; ').slice(0, 500)})` : ''}`;
  if (error === 'message_not_found') return new DeliveryError('message_not_found', message, { permanent: true, status });
  if (error === 'ratelimited' || error === 'rate_limited') return new DeliveryError('rate_limited', message, { status });
  if (TRANSIENT.has(error)) return new DeliveryError('server_error', message, { status });
  return new DeliveryError('rejected', message, { status });
}

/** Creates the client. No request is made until a method is called. */
export function createSlackTransport(opts: TransportOptions): SlackTransport {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function call(method: string, body: Record<string, unknown>): Promise<SlackResponse> {
    let res: Response;
    try {
      res = await doFetch(`${opts.apiUrl}${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new DeliveryError('network', `slack ${method}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    if (res.status === 429) {
      await res.body?.cancel();
      const wait = retryAfterMs(res.headers.get('retry-after'));
      throw new DeliveryError('rate_limited', `slack ${method}: HTTP 429 (retry after ${wait ?? '?'} ms)`, { status: 429, retryAfterMs: wait });
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500) throw new DeliveryError('server_error', `slack ${method}: HTTP ${res.status}`, { status: res.status });
    let json: SlackResponse;
    try {
      json = JSON.parse(text) as SlackResponse;
    } catch (err) {
      const code = res.ok ? 'server_error' : 'rejected';
      throw new DeliveryError(code, `slack ${method}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`, { status: res.status, cause: err });
    }
    if (!res.ok || json.ok !== true) {
      throw slackError(method, json.error ?? `HTTP ${res.status}`, json.response_metadata?.messages ?? [], res.status);
    }
    return json;
  }

  const posted = (method: string) =>
    async function send(body: Record<string, unknown>): Promise<{ channel: string; ts: string }> {
      const r = await call(method, body);
      if (typeof r.channel !== 'string' || typeof r.ts !== 'string') throw new DeliveryError('server_error', `slack ${method}: answer without channel/ts`);
      return { channel: r.channel, ts: r.ts };
    };

  return {
    call,
    postMessage: posted('chat.postMessage'),
    update: posted('chat.update'),
    postEphemeral: (body) => call('chat.postEphemeral', body),
    async authTest() {
      const r = await call('auth.test', {});
      return { userId: r.user_id ?? null, botId: r.bot_id ?? null, teamId: r.team_id ?? null };
    },
  };
}
