/**
 * Chatwork webhook signatures: `base64(HMAC-SHA256(key = base64-decode(token), rawBody))`, sent in
 * the `X-ChatWorkWebhookSignature` header or the `chatwork_webhook_signature` query parameter.
 * Each webhook (room, account) has its own token, so any configured token may match.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature Chatwork would send for `rawBody` under `token`. */
export function signChatworkBody(token: string, rawBody: Uint8Array): string {
  return createHmac('sha256', Buffer.from(token, 'base64')).update(rawBody).digest('base64');
}

/**
 * True when `signature` (base64) is the HMAC of `rawBody` under one of `tokens`. The digests are
 * compared as bytes in constant time; every token is tried, so timing does not tell which matched.
 */
export function verifyChatworkSignature(tokens: readonly string[], rawBody: Uint8Array, signature: string | null | undefined): boolean {
  if (!signature || tokens.length === 0) return false;
  const given = Buffer.from(signature.trim(), 'base64');
  if (given.length !== 32) return false;
  let ok = false;
  for (const token of tokens) {
    const expected = createHmac('sha256', Buffer.from(token, 'base64')).update(rawBody).digest();
    if (timingSafeEqual(expected, given)) ok = true;
  }
  return ok;
}

/**
 * The `chatwork_webhook_signature` query value, URL-decoded from the raw URL. A `+` that reached
 * us unencoded is base64, not a space, so it is kept.
 */
export function signatureFromQuery(url: string): string | null {
  const q = url.indexOf('?');
  if (q === -1) return null;
  for (const pair of url.slice(q + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq === -1 ? pair : pair.slice(0, eq);
    if (name !== 'chatwork_webhook_signature') continue;
    try {
      return decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return null;
    }
  }
  return null;
}
