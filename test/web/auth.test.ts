import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.ts';
import { main } from '../../src/main.ts';
import { countRows, tempDir, testRuntime, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, PASSWORD, submit } from './helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

describe('passwords', () => {
  it('scrypt with a fresh salt each time; verifies the right password only; malformed hashes are false', async () => {
    const a = await hashPassword('pässword-123456');
    const b = await hashPassword('pässword-123456');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('pässword-123456', a)).toBe(true);
    expect(await verifyPassword('pässword-123457', a)).toBe(false);
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$AA==$AA==')).toBe(false);
  });
});

describe('fresh install', () => {
  it('tells the operator how to create the first admin; pages redirect to sign-in', async () => {
    rt = await testRuntime();
    const b = new Browser(rt.app);
    const res = await b.get('/signin');
    expect(res.status).toBe(200);
    expect(b.last).toContain('npx kakunin user create --name admin --role admin');
    expect(b.last).not.toContain('type="password"');
    const cases = await b.get('/cases');
    expect(cases.status).toBe(303);
    expect(cases.headers.get('location')).toBe('/signin?next=%2Fcases');
  });

  it('kakunin user create: password from KAKUNIN_PASSWORD, or generated and printed once; bad role exits 2, duplicate 1', async () => {
    const dir = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = (env: Record<string, string>) => ({ env: { DATABASE_URL: `file:${dir}/kakunin.db`, ...env }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
    expect(await main(['migrate'], io({}))).toBe(0);
    out.length = 0;
    expect(await main(['user', 'create', '--name', 'Admin', '--role', 'admin'], io({}))).toBe(0);
    const generated = out.at(-1)!;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await main(['user', 'create', '--name', 'ops', '--role', 'responder'], io({ KAKUNIN_PASSWORD: PASSWORD }))).toBe(0);
    expect(out).toHaveLength(1); // a given password is never echoed
    expect(await main(['user', 'create', '--name', 'x', '--role', 'root'], io({}))).toBe(2);
    expect(await main(['user', 'create', '--name', 'admin', '--role', 'viewer'], io({}))).toBe(1);
    expect(err.join('\n')).toContain('already exists');

    rt = await testRuntime({ dir });
    const b = new Browser(rt.app);
    expect((await b.signIn('ADMIN', generated)).status).toBe(303);
    const b2 = new Browser(rt.app);
    expect((await b2.signIn('ops')).status).toBe(303);
  });
});

describe('sign-in and sessions', () => {
  it('sets an HttpOnly SameSite=Lax cookie whose value is stored only as a hash; sign-out deletes the session', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.get('/signin');
    const res = await b.post('/signin', { name: 'admin', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/cases');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kakunin_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const value = b.cookies.get('kakunin_session')!;
    const row = rt.handle.sqlite.prepare('select id from sessions').get() as { id: string };
    expect(row.id).toBe(createHash('sha256').update(value).digest('hex'));
    expect(JSON.stringify(rt.handle.sqlite.prepare('select * from sessions').all())).not.toContain(value);

    expect((await b.get('/cases')).status).toBe(200);
    await b.post('/signout', {});
    expect(countRows(rt, 'sessions')).toBe(0);
    expect((await b.get('/cases')).status).toBe(303);
  });

  it('Secure, __Host- cookies when PUBLIC_URL is https', async () => {
    rt = await consoleRuntime({ PUBLIC_URL: 'https://kakunin.example.co.jp' });
    const b = new Browser(rt.app);
    const first = await b.get('/signin');
    expect(first.headers.getSetCookie().find((c) => c.startsWith('__Host-kakunin_csrf='))).toMatch(/Secure.*|.*Secure/);
    const res = await b.post('/signin', { name: 'admin', password: PASSWORD });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-kakunin_session='))!;
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/Path=\//);
  });

  it('an expired session is refused', async () => {
    rt = await consoleRuntime({ SESSION_TTL_HOURS: '1' });
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    expect((await b.get('/cases')).status).toBe(200);
    rt.clock.advance(3_600_001);
    expect((await b.get('/cases')).status).toBe(303);
  });

  it('wrong password is 401; five failures lock the name (429) even for the right password', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.get('/signin');
    for (let i = 0; i < 5; i++) expect((await b.post('/signin', { name: 'admin', password: `wrong-${i}` })).status).toBe(401);
    const locked = await b.post('/signin', { name: 'admin', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(b.cookies.has('kakunin_session')).toBe(false);
    expect(countRows(rt, 'sessions')).toBe(0);
    rt.clock.advance(15 * 60_000 + 1);
    expect((await b.post('/signin', { name: 'admin', password: PASSWORD })).status).toBe(303);
  });

  it('twenty failures from one address block it for every name (addresses from X-Forwarded-For only with TRUST_PROXY)', async () => {
    rt = await consoleRuntime({ TRUST_PROXY: 'true' });
    const b = new Browser(rt.app);
    await b.get('/signin');
    const post = (name: string, password: string, ip: string) =>
      rt!.app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ name, password, _csrf: b.csrf() }),
        headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': `10.0.0.9, ${ip}` },
      });
    for (let i = 0; i < 20; i++) expect((await post(`nobody${i}`, 'x', '192.0.2.1')).status).toBe(401);
    expect((await post('viewer', PASSWORD, '192.0.2.1')).status).toBe(429);
    expect((await post('viewer', PASSWORD, '192.0.2.2')).status).toBe(303);
  });

  it('follows only local paths after sign-in', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.get('/signin?next=//evil.example/x');
    const res = await b.post('/signin?next=//evil.example/x', { name: 'viewer', password: PASSWORD });
    expect(res.headers.get('location')).toBe('/cases');
  });
});

describe('CSRF and roles', () => {
  it('a form without the session CSRF token, with another token, or from another origin is 403 and changes nothing', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    const b = new Browser(rt.app);
    await b.signIn('responder');
    await b.get(`/cases/${ref}`);
    const good = b.csrf();
    expect((await b.post(`/cases/${ref}/actions`, { action: 'acknowledge' }, { csrf: null })).status).toBe(403);
    expect((await b.post(`/cases/${ref}/actions`, { action: 'acknowledge' }, { csrf: 'x'.repeat(43) })).status).toBe(403);
    expect((await b.post(`/cases/${ref}/actions`, { action: 'acknowledge' }, { csrf: good, origin: 'https://evil.example' })).status).toBe(403);
    expect((await rt.deps.cases.get(ref)).status).toBe('new');
    // another user's token does not work either (tokens are per session)
    const other = new Browser(rt.app);
    await other.signIn('admin');
    await other.get('/cases');
    expect((await b.post(`/cases/${ref}/actions`, { action: 'acknowledge' }, { csrf: other.csrf() })).status).toBe(403);
    expect((await b.post(`/cases/${ref}/actions`, { action: 'acknowledge' }, { csrf: good })).status).toBe(303);
    expect((await rt.deps.cases.get(ref)).status).toBe('acknowledged');
  });

  it('sign-in itself needs the double-submit token', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.get('/signin');
    expect((await b.post('/signin', { name: 'admin', password: PASSWORD }, { csrf: 'y'.repeat(43) })).status).toBe(403);
    expect(countRows(rt, 'sessions')).toBe(0);
  });

  it('viewer reads but cannot act; responder acts but cannot administer; admin can', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    const viewer = new Browser(rt.app);
    await viewer.signIn('viewer');
    expect((await viewer.get(`/cases/${ref}`)).status).toBe(200);
    expect(viewer.last).not.toContain('name="action"');
    expect((await viewer.post(`/cases/${ref}/actions`, { action: 'acknowledge' })).status).toBe(403);
    expect((await rt.deps.cases.get(ref)).status).toBe('new');
    expect((await viewer.get('/admin')).status).toBe(403);

    const responder = new Browser(rt.app);
    await responder.signIn('responder');
    await responder.get(`/cases/${ref}`);
    expect(responder.last).toContain('name="action"');
    expect((await responder.get('/admin')).status).toBe(403);
    expect((await responder.get('/ledger/export.csv')).status).toBe(403);

    const admin = new Browser(rt.app);
    await admin.signIn('admin');
    expect((await admin.get('/admin')).status).toBe(200);
  });

  it('secure headers: strict CSP with a style nonce, no inline script, no framing, no referrer', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    const res = await b.get('/signin');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)![1]!;
    expect(b.last).toContain(`<style nonce="${nonce}">`);
    // The stylesheet is served as written: an escaped quote (&quot;) would make the browser drop the rule.
    const css = /<style nonce="[^"]+">([^<]*)<\/style>/.exec(b.last)![1]!;
    expect(css).toContain('font:15px/1.6 system-ui,"Hiragino Sans"');
    expect(css).not.toMatch(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i);
    expect(b.last.startsWith('<!DOCTYPE html>')).toBe(true); // standards mode
    expect(b.last).not.toContain('<script');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // the JSON API is not touched by the console's middleware
    const api = await rt.app.request('/healthz');
    expect(api.headers.get('content-security-policy')).toBeNull();
  });
});

describe('changing your own password (/account)', () => {
  const NEW = 'a brand new passphrase 2026';

  it('needs the current password and matching new ones; a change ends every session, the new password signs in, the old does not', async () => {
    rt = await consoleRuntime();
    const me = new Browser(rt.app);
    const myOtherLaptop = new Browser(rt.app);
    await me.signIn('viewer');
    await myOtherLaptop.signIn('viewer');
    expect((await me.get('/account')).status).toBe(200);
    expect(me.last).toContain('autocomplete="current-password"');
    expect(me.last).toContain('href="/account"'); // the header links the page

    expect((await me.post('/account/password', { current: 'wrong password!!', next: NEW, confirm: NEW })).status).toBe(401);
    await me.get('/account');
    expect((await me.post('/account/password', { current: PASSWORD, next: NEW, confirm: `${NEW}x` })).status).toBe(422);
    await me.get('/account');
    expect((await me.post('/account/password', { current: PASSWORD, next: 'short', confirm: 'short' })).status).toBe(422);
    await me.get('/account');
    expect((await me.post('/account/password', { current: PASSWORD, next: PASSWORD, confirm: PASSWORD })).status).toBe(422);
    await me.get('/account');
    expect((await me.post('/account/password', {}, { csrf: null })).status).toBe(403);
    expect(countRows(rt, 'sessions')).toBe(2); // nothing above changed anything

    await me.get('/account');
    expect((await me.post('/account/password', { current: PASSWORD, next: NEW, confirm: NEW })).status).toBe(200);
    expect(me.last).toContain('/signin');
    expect(countRows(rt, 'sessions')).toBe(0);
    expect((await myOtherLaptop.get('/cases')).status).toBe(303); // signed out there too
    expect((await new Browser(rt.app).signIn('viewer')).status).toBe(401);
    expect((await new Browser(rt.app).signIn('viewer', NEW)).status).toBe(303);
  });

  it('wrong current passwords count against the sign-in limit: the sixth try is refused even with the right one', async () => {
    rt = await consoleRuntime();
    const me = new Browser(rt.app);
    await me.signIn('responder');
    for (let i = 0; i < 5; i++) {
      await me.get('/account');
      expect((await me.post('/account/password', { current: `guess number ${i}`, next: NEW, confirm: NEW })).status).toBe(401);
    }
    await me.get('/account');
    expect((await me.post('/account/password', { current: PASSWORD, next: NEW, confirm: NEW })).status).toBe(429);
    expect((await new Browser(rt.app).signIn('responder')).status).toBe(429); // the same budget as sign-in
  });

  it('is for signed-in users only', async () => {
    rt = await consoleRuntime();
    const anon = new Browser(rt.app);
    const res = await anon.get('/account');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/signin?next=%2Faccount');
  });
});
