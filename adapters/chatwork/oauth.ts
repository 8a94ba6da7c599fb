/**
 * Chatwork OAuth 2.0 (authorization code with PKCE S256), as a confidential client: the consent
 * screen URL, and the token endpoint with HTTP Basic client authentication for the code exchange
 * (with the PKCE verifier) and for refreshing. Access tokens live minutes (`expires_in`); with
 * `offline_access` the refresh token lasts until revoked.
 *
 * `OAuthError.permanent` is true when the grant itself is refused (`invalid_grant`: the employee
 * revoked access, the refresh token expired or was used up; `invalid_client`), false for an outage.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ChatworkGuardConfig } from '../../src/config.ts';

/** Scopes the guard asks for: who connected, their contact requests (read and decline), and refresh without expiry. */
export const GUARD_SCOPES = ['users.profile.me:read', 'contacts.all:read_write', 'offline_access'] as const;

/** A random PKCE verifier (43 characters of base64url) and its S256 challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

/** BASE64URL(SHA-256(verifier)), RFC 7636. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** The consent screen URL for one connection attempt. */
export function authorizeUrl(cfg: Pick<ChatworkGuardConfig, 'authorizeUrl' | 'clientId' | 'redirectUri'>, p: { state: string; challenge: string }): string {
  const url = new URL(cfg.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', cfg.clientId);
  url.searchParams.set('redirect_uri', cfg.redirectUri);
  url.searchParams.set('scope', GUARD_SCOPES.join(' '));
  url.searchParams.set('state', p.state);
  url.searchParams.set('code_challenge', p.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export interface TokenSet {
  accessToken: string;
  /** Null when the answer carried none (then the old one stays in use). */
  refreshToken: string | null;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope: string | null;
}

export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly code: string | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface OAuthClient {
  exchangeCode(code: string, verifier: string): Promise<TokenSet>;
  refresh(refreshToken: string): Promise<TokenSet>;
  /** RFC 7009 revocation when CHATWORK_OAUTH_REVOKE_URL is set; false when there is nowhere to revoke. */
  revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean>;
}

/** A non-empty string field of an answer, or null. */
const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Grant errors that mean the connection is gone for good (RFC 6749 §5.2). */
const PERMANENT = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope']);

export function createOAuthClient(
  cfg: Pick<ChatworkGuardConfig, 'tokenUrl' | 'revokeUrl' | 'clientId' | 'clientSecret' | 'redirectUri'>,
  o: { now: () => number; fetch?: typeof fetch; timeoutMs?: number },
): OAuthClient {
  const doFetch = o.fetch ?? fetch;
  // RFC 6749 §2.3.1: id and secret form-encoded, then base64 of "id:secret".
  const basic = `Basic ${Buffer.from(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`).toString('base64')}`;

  async function post(url: string, form: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> | null; text: string }> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new OAuthError(`chatwork oauth: ${err instanceof Error ? err.message : String(err)}`, false, null, { cause: err });
    }
    const text = await res.text().catch(() => '');
    let json: Record<string, unknown> | null = null;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === 'object' && parsed !== null) json = parsed as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { status: res.status, json, text };
  }

  async function token(form: Record<string, string>, what: string): Promise<TokenSet> {
    const { status, json, text } = await post(cfg.tokenUrl, form);
    const access = nonEmpty(json?.access_token);
    if (status >= 200 && status < 300 && access) {
      const expiresIn = Number(json?.expires_in);
      return {
        accessToken: access,
        refreshToken: nonEmpty(json?.refresh_token),
        expiresAt: o.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 1800) * 1000,
        scope: nonEmpty(json?.scope),
      };
    }
    const code = typeof json?.error === 'string' ? json.error : null;
    const permanent = code !== null ? PERMANENT.has(code) : status === 400 || status === 401;
    throw new OAuthError(`chatwork oauth ${what} → ${status}${code ? ` ${code}` : ''}: ${text.slice(0, 200)}`, permanent && status < 500, code);
  }

  return {
    exchangeCode: (code, verifier) =>
      token({ grant_type: 'authorization_code', code, redirect_uri: cfg.redirectUri, code_verifier: verifier }, 'code exchange'),
    refresh: (refreshToken) => token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: GUARD_SCOPES.join(' ') }, 'refresh'),
    async revoke(tokenValue, hint) {
      if (!cfg.revokeUrl) return false;
      const { status, text } = await post(cfg.revokeUrl, { token: tokenValue, token_type_hint: hint });
      // RFC 7009 §2.2: 200 also for a token that was already invalid.
      if (status !== 200) throw new OAuthError(`chatwork oauth revoke → ${status}: ${text.slice(0, 200)}`, false, null);
      return true;
    },
  };
}
