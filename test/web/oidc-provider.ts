/**
 * A real OpenID provider for the SSO tests: `oidc-provider` (the certified implementation) in this
 * process, on 127.0.0.1, with its development login form (any password), people in groups, and
 * one confidential client for kakunin (code flow, PKCE required, RP-initiated logout).
 *
 * `holdCallbacks` makes the provider show the redirect back to kakunin as a page instead of
 * following it (browsers cannot be stopped inside a redirect chain), so a test can take the
 * callback URL the way an attacker who copied it would. `tamper` re-signs the ID token of the next token responses with the provider's own key after
 * changing a claim, the way a token minted for another application would look: everything valid
 * except that claim. Nothing in kakunin is stubbed.
 */
import { createPrivateKey, generateKeyPairSync, sign, type JsonWebKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface TestPerson {
  name: string;
  email: string;
  groups: string[];
}

export interface TestProvider {
  /** http://127.0.0.1:<port> */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People by login (= subject); change them between sign-ins. */
  people: Map<string, TestPerson>;
  /** Claims to overwrite in the ID token of every token response while set. */
  tamper: Record<string, unknown> | null;
  /** While true, the redirect to kakunin's callback is shown as a page (#held) and recorded in `held`. */
  holdCallbacks: boolean;
  held: string[];
  /** Token endpoint responses seen (status and OAuth error, if any). */
  tokenResponses: { status: number; error: string | null }[];
  close(): Promise<void>;
}

const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Starts the provider; `kakunin` is kakunin's PUBLIC_URL (its redirect and post-logout URIs are registered). */
export async function startTestProvider(p: { kakunin: string; people: Record<string, TestPerson>; idTokenTtlSeconds?: number }): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map(Object.entries(p.people));
  const clientId = 'kakunin-console';
  const clientSecret = 'test-client-secret-0123456789abcdef';

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${p.kakunin}/signin/oidc/callback`],
        post_logout_redirect_uris: [`${p.kakunin}/signin`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk as never] },
    cookies: { keys: ['kakunin-test-provider-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'groups'], email: ['email', 'email_verified'] },
    // Spec default: with an access token, scope claims go to userinfo (kakunin asks for them there).
    conformIdTokenClaims: true,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    pkce: { required: () => true },
    ttl: { IdToken: p.idTokenTtlSeconds ?? 60, AuthorizationCode: 120, AccessToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return {
        accountId: id,
        async claims() {
          const now = people.get(id) ?? person; // read at issue time: group changes apply to the next sign-in
          return { sub: id, name: now.name, email: now.email, email_verified: true, groups: now.groups };
        },
      };
    },
    // kakunin is a first-party client: no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      session.grantIdFor(client.clientId, grant.jti);
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const state: TestProvider = {
    issuer,
    clientId,
    clientSecret,
    people,
    tamper: null,
    holdCallbacks: false,
    held: [],
    tokenResponses: [],
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  provider.use(async function recordAndTamper(ctx, next) {
    await next();
    const location = String(ctx.response.get('location') ?? '');
    if (state.holdCallbacks && location.startsWith(`${p.kakunin}/signin/oidc/callback?`)) {
      state.held.push(location);
      ctx.remove('location');
      ctx.status = 200;
      ctx.type = 'html';
      ctx.body = '<!DOCTYPE html><p id="held">held</p>';
      return;
    }
    if (ctx.path !== '/token') return;
    const body = ctx.body as { id_token?: string; error?: string } | undefined;
    state.tokenResponses.push({ status: ctx.status, error: body?.error ?? null });
    if (state.tamper && body?.id_token) ctx.body = { ...body, id_token: resign(body.id_token, state.tamper, privateKey) };
  });
  server.on('request', provider.callback());
  return state;
}

/** The same JWT with `changes` applied to its claims, signed again with the provider's key. */
function resign(jwt: string, changes: Record<string, unknown>, key: ReturnType<typeof createPrivateKey>): string {
  const [header, payload] = jwt.split('.');
  const claims = { ...JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')), ...changes };
  const input = `${header}.${b64u(JSON.stringify(claims))}`;
  return `${input}.${b64u(sign('RSA-SHA256', Buffer.from(input), key))}`;
}
