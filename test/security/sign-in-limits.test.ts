/**
 * Issue 15, items 3 and 8, performed against a listening server (real sockets, so the address is
 * the socket's) or the app with X-Forwarded-For addresses, on a SQLite file:
 *   3. parallel wrong passwords raced the sign-in limit (40 × 401, none 429; 93 checks from one
 *      address), and /account/password the same;
 *   8. failures from other addresses locked the real user out of their own name.
 * A 401 means the password was checked (and was wrong); a 429 means it was not checked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD_CHECK_SLOTS } from '../../src/auth/passwords.ts';
import { DEFAULT_SIGN_IN_LIMITS } from '../../src/auth/rate-limit.ts';
import { createUser } from '../../src/auth/users.ts';
import { ManualClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { countRows, LogSink, tempDir, testConfig, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, PASSWORD } from '../web/helpers.ts';

let server: RunningServer | null = null;
let rt: TestRuntime | null = null;
afterEach(async () => {
  await server?.close();
  await rt?.close();
  server = null;
  rt = null;
});

const PAIR = DEFAULT_SIGN_IN_LIMITS.pair.free;
const ADDRESS = DEFAULT_SIGN_IN_LIMITS.address.free;

/** A listening server with one user, and a sign-in form POST over the socket (CSRF cookie + field). */
async function listening(): Promise<{ signIn: (name: string, password: string) => Promise<number> }> {
  const clock = new ManualClock('2026-01-07T00:00:00.000Z');
  server = await startServer(testConfig(tempDir(), { HOST: '127.0.0.1' }), { logger: createLogger('silent', new LogSink()), clock });
  await createUser(server.runtime.handle.db, { name: 'admin', displayName: '管理者', role: 'admin', password: PASSWORD }, clock.now());
  const form = await fetch(`${server.url}/signin`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
  const url = `${server.url}/signin`;
  return {
    async signIn(name, password) {
      const res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ name, password, _csrf: csrf }) });
      await res.arrayBuffer();
      return res.status;
    },
  };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

describe('item 3: the attempt is reserved before the password check', { timeout: 90_000 }, () => {
  it('40 parallel wrong passwords for one name over real sockets: at most the limit are checked, the rest are 429', async () => {
    const { signIn } = await listening();
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn('admin', `wrong-${i}`)));
    const t = tally(statuses);
    expect(t[401] ?? 0).toBeGreaterThan(0);
    expect(t[401] ?? 0).toBeLessThanOrEqual(PAIR);
    expect(t[429]).toBe(40 - (t[401] ?? 0));
  });

  it('waves of parallel wrong passwords, each within the password check slots: exactly the limit are checked in all', async () => {
    const { signIn } = await listening();
    const statuses: number[] = [];
    for (let wave = 0; wave < 10; wave++) {
      statuses.push(...(await Promise.all(Array.from({ length: PASSWORD_CHECK_SLOTS }, (_, i) => signIn('admin', `wrong-${wave}-${i}`)))));
    }
    expect(tally(statuses)).toEqual({ 401: PAIR, 429: 10 * PASSWORD_CHECK_SLOTS - PAIR });
    expect(await signIn('admin', PASSWORD)).toBe(429); // the limit holds for the right password too, from here
  });

  it('200 parallel sign-ins from one address (any names): at most the address limit are ever checked', async () => {
    const { signIn } = await listening();
    const burst = tally(await Promise.all(Array.from({ length: 200 }, (_, i) => signIn(`nobody${i}`, 'x'))));
    expect(burst[401] ?? 0).toBeGreaterThan(0);
    expect(burst[401] ?? 0).toBeLessThanOrEqual(ADDRESS);
    expect(burst[429]).toBe(200 - (burst[401] ?? 0));
    // Keep going in waves the slots can take: the address's budget, not the slots, is what stops it.
    const statuses: number[] = [];
    for (let wave = 0; wave < 10; wave++) {
      statuses.push(...(await Promise.all(Array.from({ length: PASSWORD_CHECK_SLOTS }, (_, i) => signIn(`other${wave}-${i}`, 'x')))));
    }
    expect((burst[401] ?? 0) + (tally(statuses)[401] ?? 0)).toBe(ADDRESS);
    expect(countRows(server!.runtime, 'sign_in_attempts', "key = 'ip:127.0.0.1'")).toBe(ADDRESS);
  });

  it('/account/password: 40 parallel wrong current passwords from a session are checked at most the limit times', async () => {
    rt = await consoleRuntime();
    const me = new Browser(rt.app);
    expect((await me.signIn('responder')).status).toBe(303);
    await me.get('/account');
    const csrf = me.csrf();
    const cookie = [...me.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const tryOnce = async (i: number) =>
      (
        await rt!.app.request('/account/password', {
          method: 'POST',
          headers: { cookie },
          body: new URLSearchParams({ current: `guess ${i}`, next: 'a brand new password', confirm: 'a brand new password', _csrf: csrf }),
        })
      ).status;
    const statuses: number[] = [];
    statuses.push(...(await Promise.all(Array.from({ length: 40 }, (_, i) => tryOnce(i)))));
    for (let wave = 0; wave < 5; wave++) statuses.push(...(await Promise.all(Array.from({ length: PASSWORD_CHECK_SLOTS }, (_, i) => tryOnce(100 + wave * 10 + i)))));
    const t = tally(statuses);
    expect(t[401]).toBe(PAIR);
    expect(t[429]).toBe(statuses.length - PAIR);
    expect(t[200]).toBeUndefined();
  });
});

describe('item 8: limits per (name, address) and per address, with growing delays; no lock on a name from everywhere', { timeout: 90_000 }, () => {
  async function viaProxy() {
    rt = await consoleRuntime({ TRUST_PROXY: 'true' });
    const b = new Browser(rt.app);
    await b.get('/signin');
    const csrf = b.csrf();
    const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return async (name: string, password: string, ip: string) => {
      const res = await rt!.app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ name, password, _csrf: csrf }),
        headers: { cookie, 'x-forwarded-for': `10.0.0.9, ${ip}` },
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    };
  }

  it('after many failures for a name from other addresses, the right password from a new address signs in', async () => {
    const post = await viaProxy();
    for (let a = 1; a <= 3; a++) {
      for (let i = 0; i < PAIR; i++) expect((await post('admin', `guess-${a}-${i}`, `198.51.100.${a}`)).status).toBe(401);
      expect((await post('admin', PASSWORD, `198.51.100.${a}`)).status).toBe(429); // that address must wait
    }
    expect((await post('admin', PASSWORD, '203.0.113.7')).status).toBe(303);
  });

  it('one name from one address waits 1, then 2, then 4 minutes between further tries; the right password then starts it over', async () => {
    const post = await viaProxy();
    const ip = '198.51.100.20';
    for (let i = 0; i < PAIR; i++) expect((await post('admin', `guess-${i}`, ip)).status).toBe(401);
    expect(await post('admin', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '60' });
    rt!.clock.advance(60_000);
    expect((await post('admin', 'guess-6', ip)).status).toBe(401);
    expect(await post('admin', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '120' });
    rt!.clock.advance(60_000);
    expect(await post('admin', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '60' });
    rt!.clock.advance(60_000);
    expect((await post('admin', 'guess-7', ip)).status).toBe(401);
    expect(await post('admin', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '240' });
    rt!.clock.advance(240_000);
    expect((await post('admin', PASSWORD, ip)).status).toBe(303);
    // Started over: a typo right after is an ordinary 401, not a wait.
    expect((await post('admin', 'typo', ip)).status).toBe(401);
    expect((await post('admin', PASSWORD, ip)).status).toBe(303);
  });

  it('one address guessing many names is held back for all of them, with growing delays too', async () => {
    const post = await viaProxy();
    const ip = '198.51.100.30';
    for (let i = 0; i < ADDRESS; i++) expect((await post(`nobody${i}`, 'x', ip)).status).toBe(401);
    expect(await post('viewer', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '60' });
    expect((await post('viewer', PASSWORD, '198.51.100.31')).status).toBe(303);
    rt!.clock.advance(60_000);
    expect((await post('nobody-more', 'x', ip)).status).toBe(401);
    expect(await post('viewer', PASSWORD, ip)).toEqual({ status: 429, retryAfter: '120' });
  });
});
