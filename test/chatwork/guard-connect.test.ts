/**
 * Connecting an employee's Chatwork account (issue 18, item 2): OAuth 2.0 authorization code with
 * PKCE S256 against a fake Chatwork OAuth server that checks the verifier and the client's HTTP
 * Basic authentication; tokens sealed at rest; forged, reused, expired and other browsers' states
 * refused (4xx) without a token request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPEN_STATES } from '../../adapters/chatwork/guard/store.ts';
import { s256 } from '../../adapters/chatwork/oauth.ts';
import { loadSecretKey } from '../../src/secret-key.ts';
import { createSecretBox } from '../../src/secret-box.ts';
import { countRows, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { FakeChatworkOAuth } from './fake-chatwork-oauth.ts';
import { CALLBACK, chatworkOf, connect, employee, guardEnv, PUBLIC_URL, startConnect } from './guard-helpers.ts';

const fake = new FakeChatwork();
const oauth = new FakeChatworkOAuth(fake);
let rt: TestRuntime | null = null;
beforeAll(async () => {
  await fake.start();
  await oauth.start();
  oauth.redirectUris = [CALLBACK];
  employee(fake, 1000015, '経理 花子', '70015');
});
afterAll(async () => {
  await fake.close();
  await oauth.close();
});
afterEach(async () => {
  await rt?.close();
  rt = null;
});

async function runtime(extra: Record<string, string> = {}): Promise<TestRuntime> {
  const r = await testRuntime({ env: guardEnv(fake, oauth, extra), random: () => 0 });
  fake.now = () => r.clock.now().getTime();
  return r;
}

const connections = (r: TestRuntime) => r.handle.sqlite.prepare('select * from chatwork_connections').all() as Record<string, unknown>[];

describe('GET /chatwork/connect', () => {
  it('redirects to the consent screen with code, client, redirect URI, scopes, a one-time state and an S256 challenge', async () => {
    rt = await runtime();
    const a = await rt.app.request('/chatwork/connect');
    const b = await rt.app.request('/chatwork/connect');
    expect(a.status).toBe(302);
    const url = new URL(a.headers.get('location')!);
    expect(`${url.origin}${url.pathname}`).toBe(oauth.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: oauth.clientId,
      redirect_uri: `${PUBLIC_URL}/chatwork/oauth/callback`,
      scope: 'users.profile.me:read contacts.all:read_write offline_access',
      code_challenge_method: 'S256',
    });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = new URL(b.headers.get('location')!);
    expect(other.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
    expect(other.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));
    // The browser is bound by an HttpOnly cookie; the state is stored only as a hash.
    expect(a.headers.get('set-cookie')).toMatch(/^__Host-kakunin_cw_connect=[^;]+;.*HttpOnly/);
    expect(a.headers.get('set-cookie')).toMatch(/SameSite=Lax/);
    const stored = rt.handle.sqlite.prepare('select state_hash, verifier from chatwork_oauth_states').all() as { state_hash: string; verifier: string }[];
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(url.searchParams.get('state')!);
  });
});

describe('GET /chatwork/connect under a flood', () => {
  it('at most MAX_OPEN_STATES open attempts: beyond, 429 and nothing stored; expired ones make room again', async () => {
    rt = await runtime();
    const insert = rt.handle.sqlite.prepare("insert into chatwork_oauth_states (state_hash, verifier, browser_hash, created_at, expires_at) values (?, 'x', 'y', '', ?)");
    const until = rt.clock.now().getTime() + 600_000;
    rt.handle.sqlite.transaction(() => {
      for (let i = 0; i < MAX_OPEN_STATES; i++) insert.run(`h${i}`, until);
    })();
    const res = await rt.app.request('/chatwork/connect');
    expect(res.status).toBe(429);
    expect(countRows(rt, 'chatwork_oauth_states')).toBe(MAX_OPEN_STATES);
    rt.clock.advance(600_001);
    expect((await rt.app.request('/chatwork/connect')).status).toBe(302);
    expect(countRows(rt, 'chatwork_oauth_states')).toBe(1);
  });
});

describe('GET /chatwork/oauth/callback', () => {
  it('exchanges the code with the PKCE verifier and HTTP Basic client auth, learns who connected from GET /me, stores the tokens sealed', async () => {
    rt = await runtime();
    const { callbackPath, cookie, authorize } = await startConnect(rt, oauth, 1000015);
    const res = await rt.app.request(callbackPath, { headers: { cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/chatwork/connected');
    const call = oauth.tokenCalls.at(-1)!;
    expect(call).toMatchObject({ grantType: 'authorization_code', status: 200, error: null });
    expect(call.basic).toBe(`Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`);
    expect(call.form.redirect_uri).toBe(CALLBACK);
    expect(call.form.client_secret).toBeUndefined(); // never in the body
    // The fake issued tokens only because SHA-256(verifier) matched the challenge of the consent URL.
    expect(s256(call.form.code_verifier!)).toBe(authorize.searchParams.get('code_challenge'));
    const [row] = connections(rt);
    expect(row).toMatchObject({ account_id: 1000015, name: '経理 花子', status: 'active', dm_room_id: '70015' });
    // At rest: neither token in the clear, not in the row and not anywhere in the file.
    const issued = [...fake.bearers.keys()].at(-1)!;
    expect(String(row!.access_token)).toMatch(/^v1\./);
    expect(String(row!.access_token)).not.toContain(issued);
    rt.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(rt.dir, 'kakunin.db'));
    expect(file.includes(Buffer.from(issued))).toBe(false);
    // … and they open with the chatwork-tokens subkey of kakunin's secret key, bound to their row.
    const key = loadSecretKey({ configured: null, databasePath: path.join(rt.dir, 'kakunin.db'), mayCreate: false });
    const box = createSecretBox(key.derive('chatwork-tokens'));
    expect(box.open(String(row!.access_token), 'chatwork-token:access:1000015')).toBe(issued);
    expect(() => createSecretBox(key.derive('audit-chain')).open(String(row!.access_token), 'chatwork-token:access:1000015')).toThrow();
    const page = await rt.app.request('/chatwork/connected');
    expect(await page.text()).toContain('連携しました');
  });

  it('a forged state is 400 and no code is exchanged', async () => {
    rt = await runtime();
    const { callbackPath, cookie } = await startConnect(rt, oauth, 1000015);
    const before = oauth.tokenCalls.length;
    const forged = callbackPath.replace(/state=[^&]+/, 'state=forged-state-of-an-attacker');
    const res = await rt.app.request(forged, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('kakunin が発行したものではありません');
    expect(oauth.tokenCalls.length).toBe(before);
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
  });

  it('a state used once is refused the second time (replayed callback): 400, one exchange only', async () => {
    rt = await runtime();
    const { callbackPath, cookie } = await startConnect(rt, oauth, 1000015);
    expect((await rt.app.request(callbackPath, { headers: { cookie } })).status).toBe(303);
    const before = oauth.tokenCalls.length;
    const again = await rt.app.request(callbackPath, { headers: { cookie } });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('すでに使われています');
    expect(oauth.tokenCalls.length).toBe(before);
  });

  it("a state from another browser (no or another cookie) is 400: a victim cannot be made to finish an attacker's flow", async () => {
    rt = await runtime();
    const mine = await startConnect(rt, oauth, 1000015);
    const theirs = await startConnect(rt, oauth, 1000015);
    expect((await rt.app.request(mine.callbackPath)).status).toBe(400);
    const mixed = await rt.app.request(theirs.callbackPath, { headers: { cookie: mine.cookie } });
    expect(mixed.status).toBe(400);
    expect(await mixed.text()).toContain('違うブラウザー');
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
  });

  it('a state older than 10 minutes is 400', async () => {
    rt = await runtime();
    const { callbackPath, cookie } = await startConnect(rt, oauth, 1000015);
    rt.clock.advance(10 * 60_000 + 1);
    const res = await rt.app.request(callbackPath, { headers: { cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('有効期限');
  });

  it('someone who is not a contact of the bot is refused (403) and nothing is kept; their token is revoked', async () => {
    rt = await runtime({ CHATWORK_OAUTH_REVOKE_URL: oauth.revokeUrl });
    fake.users.set(4_040_404, { name: '外部の人' });
    const revokedBefore = oauth.revoked.length;
    const res = await connect(rt, oauth, 4_040_404);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('コンタクトにいない');
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
    expect(oauth.revoked.length).toBe(revokedBefore + 1);
  });

  it('the employee cancelling in Chatwork (error=access_denied) is 400', async () => {
    rt = await runtime();
    const res = await rt.app.request('/chatwork/oauth/callback?error=access_denied&state=x');
    expect(res.status).toBe(400);
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
  });

  it('a wrong client secret is refused by Chatwork at the exchange: the page says so (400) and nothing is stored', async () => {
    rt = await runtime({ CHATWORK_OAUTH_CLIENT_SECRET: 'not-the-secret' });
    const res = await connect(rt, oauth, 1000015);
    expect(res.status).toBe(400);
    expect(oauth.tokenCalls.at(-1)).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(countRows(rt, 'chatwork_connections')).toBe(0);
    expect(chatworkOf(rt).guard).not.toBeNull();
  });
});
