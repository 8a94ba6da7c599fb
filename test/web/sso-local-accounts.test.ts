/**
 * SSO without a browser, over app.request() against a real provider (oidc-provider on 127.0.0.1)
 * discovered the way `serve` does: what GET /signin/oidc sends to the provider and keeps for the
 * browser, the cap on flows per address, and LOCAL_ACCOUNTS=false (no local form, local posts
 * refused even with the right password, a local session from before the switch ignored).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverSso, type Sso } from '../../src/auth/oidc.ts';
import { createSession } from '../../src/auth/sessions.ts';
import { FLOWS_PER_ADDRESS } from '../../src/auth/sign-in-flows.ts';
import { createUser } from '../../src/auth/users.ts';
import { createLogger } from '../../src/logger.ts';
import { countRows, testConfig, tempDir, testRuntime, type TestRuntime } from '../helpers.ts';
import { Browser, PASSWORD } from './helpers.ts';
import { startTestProvider, type TestProvider } from './oidc-provider.ts';

const KAKUNIN = 'http://kakunin.test';

describe('SSO over app.request', () => {
  let idp: TestProvider;
  let sso: Sso;
  let env: Record<string, string>;
  const runtimes: TestRuntime[] = [];

  beforeAll(async () => {
    idp = await startTestProvider({ kakunin: KAKUNIN, people: {} });
    env = {
      PUBLIC_URL: KAKUNIN,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ROLE_MAP: 'kakunin-admins=admin',
      OIDC_ALLOW_INSECURE_ISSUER: 'true',
    };
    sso = await discoverSso(testConfig(tempDir(), env).oidc!, createLogger('silent'));
  });
  afterAll(async () => {
    for (const rt of runtimes) await rt.close();
    await idp.close();
  });

  async function runtime(extra: Record<string, string> = {}): Promise<TestRuntime> {
    const rt = await testRuntime({ env: { ...env, ...extra }, sso });
    runtimes.push(rt);
    return rt;
  }

  it('GET /signin/oidc sends the browser to the provider with PKCE (S256), state and nonce, and keeps them only under the hash of its cookie', async () => {
    const rt = await runtime();
    const res = await rt.app.request('/signin/oidc?next=%2Fcases%2FKKN-000001');
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}${to.pathname}`).toBe(`${idp.issuer}/auth`);
    const q = Object.fromEntries(to.searchParams);
    expect(q).toMatchObject({ client_id: idp.clientId, response_type: 'code', redirect_uri: `${KAKUNIN}/signin/oidc/callback`, scope: 'openid profile email', code_challenge_method: 'S256' });
    expect(q.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.state!.length).toBeGreaterThanOrEqual(32);
    expect(q.nonce!.length).toBeGreaterThanOrEqual(32);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kakunin_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = /^kakunin_oidc=([^;]+)/.exec(cookie)![1]!;
    const row = rt.handle.sqlite.prepare('select * from sign_in_flows').get() as Record<string, string>;
    expect(row.id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.state).toBe(q.state);
    expect(row.nonce).toBe(q.nonce);
    expect(row.next).toBe('/cases/KKN-000001');
    // The verifier never left kakunin: only its S256 challenge did.
    expect(createHash('sha256').update(row.code_verifier!).digest('base64url')).toBe(q.code_challenge);
    expect(to.href).not.toContain(row.code_verifier);
    // An off-site next is not kept.
    await rt.app.request('/signin/oidc?next=https%3A%2F%2Fevil.example');
    expect((rt.handle.sqlite.prepare('select next from sign_in_flows order by created_at desc, rowid desc limit 1').get() as { next: string }).next).toBe('/cases');
  });

  it('one address cannot fill the table with flows', async () => {
    const rt = await runtime();
    for (let i = 0; i < FLOWS_PER_ADDRESS; i++) expect((await rt.app.request('/signin/oidc')).status).toBe(302);
    const refused = await rt.app.request('/signin/oidc');
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('サインインの開始が多すぎます');
    expect(countRows(rt, 'sign_in_flows')).toBe(FLOWS_PER_ADDRESS);
    // Expired flows make room again.
    rt.clock.advance(11 * 60_000);
    expect((await rt.app.request('/signin/oidc')).status).toBe(302);
    expect(countRows(rt, 'sign_in_flows')).toBe(1);
  });

  it('with SSO and no users yet, the sign-in page offers the company account (not the first-admin command)', async () => {
    const rt = await runtime();
    const b = new Browser(rt.app);
    await b.get('/signin');
    expect(b.last).toContain('会社のアカウントでサインイン');
    expect(b.last).not.toContain('user create');
  });

  it('LOCAL_ACCOUNTS=false: no local form, a right password is refused, a local session from before is ignored', async () => {
    const rt = await runtime({ LOCAL_ACCOUNTS: 'false' });
    const admin = await createUser(rt.handle.db, { name: 'breakglass', role: 'admin', password: PASSWORD }, rt.clock.now());
    const b = new Browser(rt.app);
    await b.get('/signin');
    expect(b.last).toContain('id="sso"');
    expect(b.last).not.toContain('id="password"');
    // Posted by hand (the page has no form): the double-submit token is the browser's own cookie.
    const res = await b.post('/signin', { name: 'breakglass', password: PASSWORD }, { csrf: b.cookies.get('kakunin_csrf')! });
    expect(res.status).toBe(403);
    expect(b.last).toContain('ユーザー名とパスワードでのサインインは無効です');
    expect(countRows(rt, 'sessions')).toBe(0);
    expect(countRows(rt, 'sign_in_attempts')).toBe(0); // refused before any password check

    const { token } = await createSession(rt.handle.db, { userId: admin.id, now: rt.clock.now(), ttlMs: 3_600_000, ip: null, userAgent: null });
    const old = await rt.app.request('/cases', { headers: { cookie: `kakunin_session=${token}` } });
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toBe('/signin?next=%2Fcases');

    // The same account and session work when local accounts are on (so the refusals above were the switch).
    const on = await runtime();
    await createUser(on.handle.db, { name: 'breakglass', role: 'admin', password: PASSWORD }, on.clock.now());
    const b2 = new Browser(on.app);
    expect((await b2.signIn('breakglass')).status).toBe(303);
    expect(countRows(on, 'sessions')).toBe(1);
  });
});
