/**
 * A local stand-in for Chatwork's OAuth 2.0 server on 127.0.0.1, strict where Chatwork is:
 *
 * - `GET /packages/oauth2/login.php` (the consent screen): checks client_id, the registered
 *   redirect_uri, response_type=code, the scopes, and `code_challenge_method=S256`; "the employee
 *   consents" as `consentAs` and it redirects (302) back with a one-time code and the state;
 * - `POST /token`: HTTP Basic client authentication (401 invalid_client otherwise); for
 *   `authorization_code` the code must be unused, for the same redirect_uri, and
 *   BASE64URL(SHA-256(code_verifier)) must equal the challenge (400 invalid_grant otherwise); for
 *   `refresh_token` the refresh token must be live (it is rotated on use); answers access tokens
 *   that expire after `expiresIn` seconds on the fake's clock;
 * - `POST /revoke` (RFC 7009) and `revokeAll(account)` (the employee removes the app in Chatwork):
 *   the tokens stop working, the API answers 401 and a refresh 400 invalid_grant.
 *
 * Issued access tokens are registered with the FakeChatwork API.
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeChatwork } from './fake-chatwork.ts';

export interface TokenCall {
  grantType: string;
  basic: string | null;
  form: Record<string, string>;
  status: number;
  error: string | null;
}

export class FakeChatworkOAuth {
  clientId = 'kakunin-client';
  clientSecret = 'kakunin-secret-123';
  redirectUris: string[] = [];
  /** Who consents on the next visit of the consent screen. */
  consentAs = 0;
  expiresIn = 1800;
  readonly tokenCalls: TokenCall[] = [];
  readonly revoked: string[] = [];
  private codes = new Map<string, { challenge: string; redirectUri: string; accountId: number; used: boolean; scope: string }>();
  private refresh = new Map<string, { accountId: number; live: boolean; scope: string }>();
  private server: http.Server | null = null;
  url = '';

  constructor(private readonly api: FakeChatwork) {}

  get authorizeUrl(): string {
    return `${this.url}/packages/oauth2/login.php`;
  }
  get tokenUrl(): string {
    return `${this.url}/token`;
  }
  get revokeUrl(): string {
    return `${this.url}/revoke`;
  }

  /** The employee removes kakunin's access in Chatwork: every token of theirs stops working. */
  revokeAll(accountId: number): void {
    for (const t of this.api.bearers.values()) if (t.accountId === accountId) t.revoked = true;
    for (const r of this.refresh.values()) if (r.accountId === accountId) r.live = false;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/packages/oauth2/login.php') return this.consent(url.searchParams, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const basic = req.headers.authorization ?? null;
      const answer = this.token(form, basic);
      this.tokenCalls.push({ grantType: form.grant_type ?? '', basic, form, status: answer.status, error: (answer.body as { error?: string }).error ?? null });
      return json(answer.status, answer.body);
    }
    if (req.method === 'POST' && url.pathname === '/revoke') {
      if (!this.clientOk(req.headers.authorization ?? null)) return json(401, { error: 'invalid_client' });
      const token = new URLSearchParams(raw).get('token') ?? '';
      this.revoked.push(token);
      const r = this.refresh.get(token);
      if (r) this.revokeAll(r.accountId);
      const a = this.api.bearers.get(token);
      if (a) a.revoked = true;
      return json(200, {});
    }
    return json(404, { error: 'not_found' });
  }

  private consent(q: URLSearchParams, res: http.ServerResponse): void {
    const bad = (why: string) => {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(why);
    };
    if (q.get('response_type') !== 'code') return bad('response_type');
    if (q.get('client_id') !== this.clientId) return bad('client_id');
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!this.redirectUris.includes(redirectUri)) return bad('redirect_uri not registered');
    const scope = q.get('scope') ?? '';
    for (const s of ['users.profile.me:read', 'contacts.all:read_write', 'offline_access']) if (!scope.split(' ').includes(s)) return bad(`scope ${s} missing`);
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) return bad('PKCE S256 required');
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { challenge: q.get('code_challenge')!, redirectUri, accountId: this.consentAs, used: false, scope });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.get('state') ?? '');
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  private clientOk(basic: string | null): boolean {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    return basic === expected;
  }

  private issue(accountId: number, scope: string): { status: number; body: unknown } {
    const access = randomBytes(24).toString('hex');
    const refresh = randomBytes(24).toString('hex');
    this.api.bearers.set(access, { accountId, expiresAt: this.api.now() + this.expiresIn * 1000, revoked: false });
    this.refresh.set(refresh, { accountId, live: true, scope });
    return { status: 200, body: { access_token: access, token_type: 'Bearer', expires_in: this.expiresIn, refresh_token: refresh, scope } };
  }

  private token(form: Record<string, string>, basic: string | null): { status: number; body: unknown } {
    if (!this.clientOk(basic)) return { status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } };
    if (form.grant_type === 'authorization_code') {
      const c = this.codes.get(form.code ?? '');
      if (!c || c.used) return { status: 400, body: { error: 'invalid_grant', error_description: 'unknown or used code' } };
      c.used = true;
      if (form.redirect_uri !== c.redirectUri) return { status: 400, body: { error: 'invalid_grant', error_description: 'redirect_uri mismatch' } };
      const verifier = form.code_verifier ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== c.challenge) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'code_verifier does not match the code_challenge' } };
      }
      return this.issue(c.accountId, c.scope);
    }
    if (form.grant_type === 'refresh_token') {
      const r = this.refresh.get(form.refresh_token ?? '');
      if (!r || !r.live) return { status: 400, body: { error: 'invalid_grant', error_description: 'refresh token revoked or unknown' } };
      r.live = false; // rotated
      return this.issue(r.accountId, r.scope);
    }
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
