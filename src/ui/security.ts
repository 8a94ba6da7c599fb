/**
 * The console's guards: secure headers with a strict CSP (no script at all, styles only with the
 * per-response nonce, nothing from another origin), the session cookie, CSRF on every form post
 * (the session's own token, or a double-submit cookie before sign-in) plus an Origin check, and
 * role checks. Everything here answers HTML, not the API's JSON.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { findSession, tokensEqual } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { UserRole } from '../domain/user.ts';
import type { Clock } from '../clock.ts';
import type { WebEnv } from './env.ts';
import { LANGS, type Lang } from './i18n.ts';

const ROLE_RANK: Record<UserRole, number> = { viewer: 0, responder: 1, admin: 2 };

/** True when `role` may do what `needs` allows. */
export function roleAllows(role: UserRole, needs: UserRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needs];
}

/** Cookie names; with Secure cookies the `__Host-` prefix pins them to this host and path `/`. */
export function cookieNames(config: Pick<Config, 'web'>) {
  const p = config.web.secureCookies ? '__Host-' : '';
  return { session: `${p}kakunin_session`, csrf: `${p}kakunin_csrf`, lang: 'kakunin_lang', oidc: `${p}kakunin_oidc` };
}

/**
 * Secure headers for every console response. `formActionOrigins` adds origins a form may end up
 * at: the sign-out form is answered with a redirect to the identity provider's end_session_endpoint,
 * and browsers hold a form's redirects to form-action too.
 */
export function consoleHeaders(formActionOrigins: readonly string[] = []): MiddlewareHandler<WebEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'", ...formActionOrigins],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    // The report link carries its token in the URL: never send it onwards.
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
  });
  return async function withConsoleHeaders(c, next) {
    await headers(c, next);
    c.header('Cache-Control', 'no-store');
  };
}

/** Language from `?lang=` (remembered), else the cookie, else Japanese. */
export function language(config: Pick<Config, 'web'>): MiddlewareHandler<WebEnv> {
  const names = cookieNames(config);
  return async function pickLanguage(c, next) {
    const q = c.req.query('lang');
    let lang: Lang = 'ja';
    if (q && (LANGS as readonly string[]).includes(q)) {
      lang = q as Lang;
      setCookie(c, names.lang, lang, { path: '/', sameSite: 'Lax', httpOnly: true, secure: config.web.secureCookies, maxAge: 365 * 86400 });
    } else {
      const ck = getCookie(c, names.lang);
      if (ck && (LANGS as readonly string[]).includes(ck)) lang = ck as Lang;
    }
    c.set('lang', lang);
    await next();
  };
}

/**
 * Loads the session from its cookie (or null) and the pre-sign-in CSRF cookie (created if missing).
 * With LOCAL_ACCOUNTS=false a session of a local account (one from before the switch) counts for
 * nothing: only SSO accounts are signed in.
 */
export function loadSession(deps: { db: Db; clock: Clock; config: Pick<Config, 'web'> }): MiddlewareHandler<WebEnv> {
  const names = cookieNames(deps.config);
  return async function withSession(c, next) {
    const token = getCookie(c, names.session);
    const session = token ? (await findSession(deps.db, token, deps.clock.now())) : null;
    c.set('session', session && (deps.config.web.localAccounts || session.user.issuer) ? session : null);
    let pre = getCookie(c, names.csrf);
    if (!pre || !/^[A-Za-z0-9_-]{43}$/.test(pre)) {
      pre = randomBytes(32).toString('base64url');
      setCookie(c, names.csrf, pre, { path: '/', sameSite: 'Strict', httpOnly: true, secure: deps.config.web.secureCookies });
    }
    c.set('preCsrf', pre);
    await next();
  };
}

/** Reads a form field as a string ('' when absent or a file). */
export async function formField(c: Context, name: string): Promise<string> {
  const body = await c.req.parseBody();
  const v = body[name];
  return typeof v === 'string' ? v : '';
}

/**
 * CSRF for every unsafe method: the Origin (or Referer) must be this site when present, and the
 * form's `_csrf` must equal the session's token (signed in) or the double-submit cookie (not yet
 * signed in). A mismatch is 403 and nothing runs.
 */
export function csrf(config: Pick<Config, 'publicUrl'>, forbidden: (c: Context<WebEnv>, why: string) => Response | Promise<Response>): MiddlewareHandler<WebEnv> {
  const publicOrigin = new URL(config.publicUrl).origin;
  return async function checkCsrf(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    if (origin && origin !== 'null' && origin !== own && origin !== publicOrigin) return forbidden(c, 'origin');
    const sent = await formField(c, '_csrf');
    const session = c.get('session');
    const expected = session ? session.csrfToken : c.get('preCsrf');
    if (!tokensEqual(sent, expected)) return forbidden(c, 'csrf');
    await next();
  };
}

/** The client address for the rate limits (sign-in, report link): the socket's, or the proxy's last X-Forwarded-For hop when trusted. */
export function clientIp(c: Context, trustProxy: boolean, socketAddress: () => string | null = () => socketAddressOf(c)): string {
  if (trustProxy) {
    const xff = c.req.header('x-forwarded-for');
    const last = xff?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (last) return last.slice(0, 64);
  }
  return socketAddress() ?? 'unknown';
}

/** The peer address of the request's socket; null under `app.request()` (tests), which has none. */
export function socketAddressOf(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
