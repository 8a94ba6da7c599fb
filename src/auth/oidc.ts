/**
 * The OpenID Connect relying party, over `openid-client` (certified; the only module that imports
 * it). `discoverSso` fetches the provider's discovery document once at start; an unreachable or
 * inconsistent issuer is a ConfigError naming its URL, so `serve` stops before listening.
 *
 * Every check of the authorization response and the ID token (state, `iss` in the response,
 * signature, issuer, audience, expiry, nonce, PKCE) is the library's; this module only supplies the
 * expected values and turns the outcome into an identity or an `SsoError`.
 *
 * @example
 * const sso = await discoverSso(config.oidc, logger);
 * const start = await sso.begin(); // keep state, nonce, codeVerifier for this browser; redirect to start.url
 * const who = await sso.finish(callbackUrl, start, clock.now());
 */
import * as oidc from 'openid-client';
import { ConfigError, type OidcConfig } from '../config.ts';
import { withoutTrailingSlashes } from '../domain/url.ts';
import type { Logger } from '../logger.ts';
import { claimValues } from '../domain/role-map.ts';

/** What a successful sign-in says about the person. */
export interface SsoIdentity {
  issuer: string;
  subject: string;
  /** `name`, else `preferred_username`, else the e-mail, else the subject. */
  displayName: string;
  email: string | null;
  /** The values of OIDC_ROLE_CLAIM (from the ID token, else userinfo). */
  roleValues: string[];
  /** The raw ID token, for `id_token_hint` at sign-out. */
  idToken: string;
}

/** The per-browser secrets of one authorization request. */
export interface SsoChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Why a callback was refused: `denied` (the provider or the person said no) or `invalid` (a check failed). */
export class SsoError extends Error {
  override readonly name = 'SsoError';
  constructor(
    readonly kind: 'denied' | 'invalid',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The relying party for one configured provider. */
export interface Sso {
  readonly config: OidcConfig;
  /** The issuer as the provider states it. */
  readonly issuer: string;
  /** Origin of the provider's end_session_endpoint (for the CSP's form-action), or null when it advertises none. */
  readonly endSessionOrigin: string | null;
  /** A new authorization request: the URL to send the browser to, and the secrets to keep for its callback. */
  begin(): Promise<SsoChecks & { url: URL }>;
  /**
   * Finishes the flow from the callback's query string: exchanges the code (with the PKCE verifier)
   * and validates the ID token at time `now`. Throws SsoError.
   */
  finish(search: string, checks: SsoChecks, now: Date): Promise<SsoIdentity>;
  /** The provider's sign-out URL for this ID token, or null when it advertises no end_session_endpoint. */
  endSessionUrl(idToken: string | null): URL | null;
}

/** How long discovery may take at start. */
const DISCOVERY_TIMEOUT_S = 10;

/** Fetches discovery and returns the relying party; throws ConfigError naming the issuer URL. */
export async function discoverSso(config: OidcConfig, logger: Logger): Promise<Sso> {
  const insecure = new URL(config.issuer).protocol === 'http:';
  if (insecure) {
    logger.warn(
      { issuer: config.issuer },
      '!!! OIDC_ALLOW_INSECURE_ISSUER=true: the identity provider is reached over plain http://. Tokens and codes can be read and changed on the network. Development and tests only: never in production. !!!',
    );
  }
  const extensions = insecure ? [oidc.allowInsecureRequests] : [];
  let discovered: oidc.Configuration;
  try {
    discovered = await oidc.discovery(new URL(config.issuer), config.clientId, config.clientSecret, undefined, {
      execute: extensions,
      timeout: DISCOVERY_TIMEOUT_S,
    });
  } catch (err) {
    const why = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
    throw new ConfigError(`Invalid configuration:\n  OIDC_ISSUER: discovery failed for ${config.issuer} (${wellKnown(config.issuer)}): ${why}`, { cause: err });
  }
  const server = discovered.serverMetadata();
  if (!server.authorization_endpoint || !server.token_endpoint || !server.jwks_uri) {
    throw new ConfigError(`Invalid configuration:\n  OIDC_ISSUER: ${config.issuer} advertises no authorization, token or JWKS endpoint`);
  }
  const methods = server.token_endpoint_auth_methods_supported;
  // client_secret_basic is the default of the spec (and of Entra ID, Google and Okta); post only when it is all the provider takes.
  const auth = methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post') ? oidc.ClientSecretPost : oidc.ClientSecretBasic;

  /** A Configuration whose idea of "now" is `now` (openid-client's clockSkew), sharing the JWKS already fetched. */
  let jwks: ReturnType<typeof oidc.getJwksCache>;
  const at = (now: Date): oidc.Configuration => {
    const skew = Math.round((now.getTime() - Date.now()) / 1000);
    const c = new oidc.Configuration(server, config.clientId, { client_secret: config.clientSecret, [oidc.clockSkew]: skew }, auth(config.clientSecret));
    for (const x of extensions) x(c);
    if (jwks) oidc.setJwksCache(c, jwks);
    return c;
  };
  logger.info({ issuer: server.issuer, redirectUri: config.redirectUri, endSession: server.end_session_endpoint ?? null }, 'OIDC provider discovered');

  return {
    config,
    issuer: server.issuer,
    endSessionOrigin: server.end_session_endpoint ? new URL(server.end_session_endpoint).origin : null,

    async begin() {
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(discovered, {
        redirect_uri: config.redirectUri,
        scope: config.scopes.join(' '),
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, nonce, codeVerifier };
    },

    async finish(search, checks, now) {
      const c = at(now);
      // The redirect URI sent with the code is the registered one, whatever host the request came in on.
      const current = new URL(config.redirectUri);
      current.search = search;
      let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
      try {
        tokens = await oidc.authorizationCodeGrant(c, current, {
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          pkceCodeVerifier: checks.codeVerifier,
          idTokenExpected: true,
        });
      } catch (err) {
        if (err instanceof oidc.AuthorizationResponseError) throw new SsoError('denied', `provider answered ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`, { cause: err });
        throw new SsoError('invalid', describe(err), { cause: err });
      } finally {
        jwks = oidc.getJwksCache(c) ?? jwks;
      }
      const claims = tokens.claims();
      if (!claims || !tokens.id_token) throw new SsoError('invalid', 'no ID token in the token response');
      let extra: Record<string, unknown> = {};
      const missing = claims[config.roleClaim] === undefined || claims.email === undefined || (claims.name === undefined && claims.preferred_username === undefined);
      if (missing && server.userinfo_endpoint) {
        // Providers that follow the spec strictly put profile claims in userinfo, not the ID token.
        try {
          extra = await oidc.fetchUserInfo(c, tokens.access_token, claims.sub);
        } catch (err) {
          throw new SsoError('invalid', `userinfo: ${describe(err)}`, { cause: err });
        }
      }
      const pick = (k: string): unknown => claims[k] ?? extra[k];
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
      const email = str(pick('email'));
      return {
        issuer: claims.iss,
        subject: claims.sub,
        displayName: (str(pick('name')) ?? str(pick('preferred_username')) ?? email ?? claims.sub).slice(0, 100),
        email: email?.slice(0, 320) ?? null,
        roleValues: claimValues(pick(config.roleClaim)),
        idToken: tokens.id_token,
      };
    },

    endSessionUrl(idToken) {
      if (!server.end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(discovered, {
        post_logout_redirect_uri: config.postLogoutRedirectUri,
        ...(idToken ? { id_token_hint: idToken } : {}),
      });
    },
  };
}

function wellKnown(issuer: string): string {
  return `${withoutTrailingSlashes(issuer)}/.well-known/openid-configuration`;
}

/** The library's error with its cause, for the log (never shown to the person). */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const parts = [err.message];
  if (err instanceof oidc.ResponseBodyError) parts.push(`${err.error}${err.error_description ? `: ${err.error_description}` : ''}`);
  let cause: unknown = err.cause;
  for (let i = 0; i < 3 && cause instanceof Error; i++, cause = cause.cause) parts.push(cause.message);
  return parts.join(' ← ');
}
