/**
 * Signed webhooks to an API token's callback URL: how a reporter that submitted through the API
 * hears that its case was acknowledged or resolved. The body is fixed when the delivery is queued;
 * each attempt signs it afresh:
 *
 *   X-Kakunin-Timestamp: <unix seconds>
 *   X-Kakunin-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *   X-Kakunin-Delivery:  <delivery id, the same on every retry>
 *
 * Retries belong to the outbox worker: this sends once and throws a DeliveryError.
 */
import { createHmac } from 'node:crypto';
import { DeliveryError, type ReporterEvent } from '../domain/notifier.ts';
import type { CaseStatus, Resolution } from '../domain/case.ts';

/** The JSON body of a callback. */
export interface CallbackBody {
  event: ReporterEvent;
  caseRef: string;
  status: CaseStatus;
  resolution: Resolution | null;
  /** When it happened (ISO). */
  at: string;
}

/**
 * `sha256=` + hex HMAC-SHA256 over `timestamp + "." + body`.
 * @example signCallback('whsec_x', '1767744000', '{"event":"acknowledged"}') // 'sha256=…'
 */
export function signCallback(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

const TIMEOUT_MS = 10_000;

function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return Math.round(secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** POSTs one signed callback; a non-2xx answer or a network failure throws a DeliveryError. */
export async function postCallback(p: { url: string; secret: string; body: string; deliveryId: number; now: Date }): Promise<void> {
  const timestamp = String(Math.floor(p.now.getTime() / 1000));
  let res: Response;
  try {
    res = await fetch(p.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'kakunin-callback',
        'x-kakunin-timestamp': timestamp,
        'x-kakunin-signature': signCallback(p.secret, timestamp, p.body),
        'x-kakunin-delivery': String(p.deliveryId),
      },
      body: p.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new DeliveryError('network', `callback POST failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.ok) return;
  const status = res.status;
  if (status === 429) {
    throw new DeliveryError('rate_limited', `callback answered HTTP 429`, { status, retryAfterMs: retryAfterMs(res.headers.get('retry-after'), p.now) });
  }
  if (status >= 500 || status === 408) throw new DeliveryError('server_error', `callback answered HTTP ${status}`, { status });
  throw new DeliveryError('rejected', `callback answered HTTP ${status}`, { status });
}
