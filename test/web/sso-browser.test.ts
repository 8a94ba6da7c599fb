/**
 * SSO end to end: a real OpenID provider (oidc-provider, in this process on 127.0.0.1) and the
 * real kakunin server (on 127.0.0.2, so every redirect between them is cross-site, as with a real
 * provider), driven by headless Chromium. People sign in with the provider's own login form;
 * roles come from their groups; attacks are performed, not described: a forged `state`, a callback
 * opened in another browser, a replayed callback, a used code injected into a fresh flow, an ID
 * token for another audience, an expired ID token.
 *
 * Time: the provider issues ID tokens valid for 60 s (real time). kakunin's clock is a ManualClock
 * set to real time before each test; openid-client validates `exp` at kakunin's clock (its
 * clockSkew is set from the injected clock), with its default 30 s tolerance. Moving kakunin's
 * clock 9 minutes ahead makes a fresh token expired without any sleep.
 */
import net from 'node:net';
import { chromium, type Browser as PwBrowser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.ts';
import { createUser, updateUser } from '../../src/auth/users.ts';
import { ManualClock } from '../../src/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { corpus, LogSink, tempDir, testConfig } from '../helpers.ts';
import { ARGS, CHROMIUM, haveChromium, runBrowserTests } from './chromium.ts';
import { PASSWORD } from './helpers.ts';
import { startTestProvider, type TestProvider } from './oidc-provider.ts';

const ROLE_MAP = 'kakunin-admins=admin,kakunin-legal=responder';

async function freePort(host: string): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, host, resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe.skipIf(!runBrowserTests)('SSO sign-in with a real OpenID provider in Chromium', { timeout: 90_000 }, () => {
  let idp: TestProvider;
  let server: RunningServer;
  let browser: PwBrowser;
  let kakunin: string;
  const clock = new ManualClock(new Date());
  const log = new LogSink();
  const cspErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (CI=true requires it)`);
    const port = await freePort('127.0.0.2');
    kakunin = `http://127.0.0.2:${port}`;
    idp = await startTestProvider({
      kakunin,
      people: {
        alice: { name: '法務 アリス', email: 'alice@example.co.jp', groups: ['staff', 'kakunin-admins'] },
        bob: { name: '情シス ボブ', email: 'bob@example.co.jp', groups: ['kakunin-legal'] },
        carol: { name: '営業 キャロル', email: 'carol@example.co.jp', groups: ['sales'] },
        dave: { name: '経理 デイブ', email: 'dave@example.co.jp', groups: ['kakunin-legal'] },
      },
    });
    const config = testConfig(tempDir(), {
      HOST: '127.0.0.2',
      PORT: String(port),
      PUBLIC_URL: kakunin,
      INBOX_NOTIFIER: 'on',
      NOTIFY_MIN_VERDICT: 'none',
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_ROLE_MAP: ROLE_MAP,
      OIDC_ALLOW_INSECURE_ISSUER: 'true',
    });
    server = await startServer(config, { clock, logger: createLogger('info', log) });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
  });

  beforeEach(() => {
    clock.set(new Date());
    idp.tamper = null;
  });

  /** A fresh browser (own cookies) that reaches nothing but the two local servers. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    await context.route(/^https?:\/\/(?!127\.0\.0\.[12][:/])/, (r) => r.abort());
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text()) && page.url().startsWith(kakunin)) cspErrors.push(m.text());
    });
    return page;
  }

  /** From kakunin's sign-in page to the provider's login form. */
  async function toProvider(page: Page): Promise<void> {
    await page.goto(`${kakunin}/signin`);
    expect(await page.locator('#sso').textContent()).toBe('会社のアカウントでサインイン');
    await Promise.all([page.waitForURL((u) => u.href.startsWith(idp.issuer)), page.click('#sso')]);
  }

  /** Submits the provider's login form and waits until the browser is back at kakunin. */
  async function login(page: Page, who: string): Promise<void> {
    await page.fill('input[name=login]', who);
    await page.fill('input[name=password]', 'any password');
    await Promise.all([page.waitForURL((u) => u.href.startsWith(kakunin)), page.click('button[type=submit]')]);
  }

  /** Signs in at the provider, which then shows its redirect back instead of following it; returns the callback URL. */
  async function heldCallback(page: Page, who: string): Promise<string> {
    idp.holdCallbacks = true;
    try {
      await toProvider(page);
      await page.fill('input[name=login]', who);
      await page.fill('input[name=password]', 'any password');
      await Promise.all([page.waitForSelector('#held'), page.click('button[type=submit]')]);
      return idp.held.at(-1)!;
    } finally {
      idp.holdCallbacks = false;
    }
  }

  async function cookie(page: Page, name: string) {
    const found = (await page.context().cookies(kakunin)).find((c) => c.name === name);
    if (!found) throw new Error(`no ${name} cookie`);
    return found;
  }

  async function signIn(who: string, page?: Page): Promise<Page> {
    const p = page ?? (await newPage());
    await toProvider(p);
    await login(p, who);
    return p;
  }

  const userRow = (sub: string) =>
    server.runtime.handle.sqlite.prepare('select id, name, display_name, email, role, oidc_issuer, disabled_at, password_hash from users where oidc_subject = ?').get(sub) as
      | { id: number; name: string; display_name: string; email: string; role: string; oidc_issuer: string; disabled_at: string | null; password_hash: string }
      | undefined;
  const sessionsOf = (userId: number) => (server.runtime.handle.sqlite.prepare('select count(*) n from sessions where user_id = ?').get(userId) as { n: number }).n;
  const refusals = () => log.lines.filter((l) => l.msg === 'SSO sign-in refused').map((l) => String(l.reason));
  /** Whether this page's browser holds a kakunin session: /cases answers the page rather than the sign-in. */
  async function signedIn(page: Page): Promise<boolean> {
    await page.goto(`${kakunin}/cases`);
    return new URL(page.url()).pathname === '/cases';
  }

  it('started with a loud warning for the http:// issuer; the sign-in page offers the company account first', async () => {
    const warning = log.lines.find((l) => l.level === 40 && String(l.msg).includes('OIDC_ALLOW_INSECURE_ISSUER=true'));
    expect(warning?.issuer).toBe(idp.issuer);
    const page = await newPage();
    await page.goto(`${kakunin}/signin`);
    const first = page.locator('main a, main button, main input').first();
    expect(await first.getAttribute('id')).toBe('sso');
    expect(await page.locator('#password').count()).toBe(1); // LOCAL_ACCOUNTS defaults to true
  });

  it('signs people in with the role of their group; the account is keyed by issuer and subject, with name and e-mail from the claims', async () => {
    const alice = await signIn('alice');
    expect(new URL(alice.url()).pathname).toBe('/cases');
    expect(await alice.locator('header .who a[href="/account"]').textContent()).toContain('法務 アリス');
    const a = userRow('alice')!;
    expect(a).toMatchObject({ display_name: '法務 アリス', email: 'alice@example.co.jp', role: 'admin', oidc_issuer: idp.issuer, password_hash: '' });
    expect(a.name).toMatch(/^sso:[0-9a-f]{24}$/);
    await alice.goto(`${kakunin}/admin`);
    expect(await alice.locator('h1').textContent()).toBe('管理');

    const bob = await signIn('bob');
    expect(userRow('bob')!.role).toBe('responder');
    const res = await bob.goto(`${kakunin}/admin`);
    expect(res?.status()).toBe(403);
    // The account page says where the password lives, and offers none to change.
    await bob.goto(`${kakunin}/account`);
    expect(await bob.locator('#sso-account').count()).toBe(1);
    expect(await bob.locator('input[name=current]').count()).toBe(0);
    // The session is an ordinary one: httpOnly cookie, hashed id, CSRF token.
    const cookie = (await bob.context().cookies(kakunin)).find((c) => c.name === 'kakunin_session')!;
    expect(cookie.httpOnly).toBe(true);
    const stored = server.runtime.handle.sqlite.prepare('select id, csrf_token from sessions where user_id = ?').get(userRow('bob')!.id) as { id: string; csrf_token: string };
    expect(stored.id).not.toBe(cookie.value);
    expect(stored.id).toMatch(/^[0-9a-f]{64}$/);
    expect(cspErrors).toEqual([]);
  });

  it('recomputes the role at the next sign-in; sign-out ends the kakunin session and continues at the end_session_endpoint', async () => {
    const page = await signIn('alice');
    expect(userRow('alice')!.role).toBe('admin');
    idp.people.get('alice')!.groups = ['staff', 'kakunin-legal']; // removed from the admins at the provider
    const before = sessionsOf(userRow('alice')!.id);

    // The header's sign-out form: kakunin ends its session, then the browser is at the provider (CSP form-action allows exactly it).
    await Promise.all([page.waitForURL((u) => u.href.startsWith(`${idp.issuer}/session/end`)), page.click('header form[action="/signout"] button')]);
    expect(sessionsOf(userRow('alice')!.id)).toBe(before - 1);
    const endSession = new URL(page.url());
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${kakunin}/signin`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^ey/);
    await Promise.all([page.waitForURL(`${kakunin}/signin**`), page.click('button[name=logout][value=yes]')]);
    expect(await signedIn(page)).toBe(false);

    // The provider's session ended too: it asks for the login again, and the new token carries the new group.
    await toProvider(page);
    expect(await page.locator('input[name=login]').count()).toBe(1);
    await login(page, 'alice');
    expect(userRow('alice')!.role).toBe('responder');
    expect((await page.goto(`${kakunin}/admin`))?.status()).toBe(403);
    expect(log.lines.some((l) => l.msg === 'console sign-in (SSO)' && l.subject === 'alice' && l.role === 'responder' && l.previousRole === 'admin')).toBe(true);
    idp.people.get('alice')!.groups = ['staff', 'kakunin-admins'];
    expect(cspErrors).toEqual([]);
  });

  it('refuses someone whose groups map to no role, with a clear page; their sessions end', async () => {
    const page = await signIn('carol');
    expect(await page.locator('#sso-refused .flash.err').textContent()).toContain('営業 キャロル さんには kakunin を使う権限がありません');
    expect(await signedIn(page)).toBe(false);
    expect(userRow('carol')).toBeUndefined();
    expect(refusals().at(-1)).toBe('no_role');

    // dave has a session, then leaves the group: his next sign-in is refused and his other sessions end.
    const daveBefore = await signIn('dave');
    expect(await signedIn(daveBefore)).toBe(true);
    idp.people.get('dave')!.groups = ['accounting'];
    const daveAgain = await signIn('dave');
    expect(await daveAgain.locator('#sso-refused').count()).toBe(1);
    expect(sessionsOf(userRow('dave')!.id)).toBe(0);
    expect(await signedIn(daveBefore)).toBe(false);
    idp.people.get('dave')!.groups = ['kakunin-legal'];
  });

  it('an account disabled in kakunin stays disabled, whatever the provider says', async () => {
    await signIn('bob');
    const bob = userRow('bob')!;
    await updateUser(server.runtime.handle.db, bob.id, { disabled: true }, clock.now());
    const page = await signIn('bob');
    expect(await page.locator('#sso-refused .flash.err').textContent()).toContain('無効にされています');
    expect(userRow('bob')!.disabled_at).not.toBeNull();
    expect(await signedIn(page)).toBe(false);
    await updateUser(server.runtime.handle.db, bob.id, { disabled: false }, clock.now());
    expect(await signedIn(await signIn('bob'))).toBe(true);
  });

  it('a forged state is refused by the library, and the flow is gone afterwards', async () => {
    const page = await newPage();
    const real = await heldCallback(page, 'alice');
    const flowCookie = await cookie(page, 'kakunin_oidc');
    const forged = new URL(real);
    forged.searchParams.set('state', 'forged-by-an-attacker');
    await page.goto(forged.href);
    expect(await page.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/state/);
    expect(await signedIn(page)).toBe(false);
    // The genuine callback cannot be used after that, even with the flow's cookie put back: the flow was single-use.
    await page.context().addCookies([flowCookie]);
    const tokenRequests = idp.tokenResponses.length;
    await page.goto(real);
    expect(await page.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/no flow/);
    expect(idp.tokenResponses.length).toBe(tokenRequests); // refused before the code went anywhere
    expect(await signedIn(page)).toBe(false);
  });

  it('the callback works only in the browser that started it, and only once; a used code injected into a fresh flow is refused', async () => {
    // Alice's browser reaches the provider and back, but the callback is held (as if copied out of the address bar).
    const page = await newPage();
    const callback = await heldCallback(page, 'alice');
    expect(callback).toContain('code=');
    const flowCookie = await cookie(page, 'kakunin_oidc');

    // In another browser (login CSRF, or a stolen link) it is refused.
    const other = await newPage();
    await other.goto(callback);
    expect(await other.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/no flow/);
    expect(await signedIn(other)).toBe(false);

    // In the browser that started it, it works once…
    await page.goto(callback);
    expect(new URL(page.url()).pathname).toBe('/cases');
    // …and a replay is refused, even by the same browser with the flow's cookie put back (a captured request replayed whole).
    await page.context().addCookies([flowCookie]);
    const tokenRequests = idp.tokenResponses.length;
    await page.goto(callback);
    expect(await page.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/no flow/);
    expect(idp.tokenResponses.length).toBe(tokenRequests); // kakunin refused it, not the provider

    // The used code pasted into a fresh flow of another browser (its own cookie and state): the provider refuses the code.
    const thief = await newPage();
    const fresh = await heldCallback(thief, 'carol');
    expect(fresh).toContain('state=');
    const injected = new URL(fresh);
    injected.searchParams.set('code', new URL(callback).searchParams.get('code')!);
    const before = idp.tokenResponses.length;
    await thief.goto(injected.href);
    expect(await thief.locator('#sso-refused').count()).toBe(1);
    expect(idp.tokenResponses.slice(before)).toEqual([{ status: 400, error: 'invalid_grant' }]);
    expect(refusals().at(-1)).toMatch(/invalid_grant/);
    expect(await signedIn(thief)).toBe(false);
  });

  it('an ID token issued for another audience is refused by the library', async () => {
    idp.tamper = { aud: 'some-other-application' };
    const page = await signIn('alice');
    expect(await page.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/"aud"/);
    expect(await signedIn(page)).toBe(false);
    // The same person, untampered: signed in (so it was the audience that was refused).
    idp.tamper = null;
    expect(await signedIn(await signIn('alice'))).toBe(true);
  });

  it('an expired ID token is refused by the library (kakunin’s clock moved past exp, no sleep)', async () => {
    const page = await newPage();
    await toProvider(page);
    // 9 minutes on: the 60 s token is expired (even if the provider took minutes on a loaded machine), past the 30 s
    // tolerance, while the 10-minute flow is still open, so it is the token's exp that refuses.
    clock.advance(9 * 60_000);
    await login(page, 'alice');
    expect(await page.locator('#sso-refused').count()).toBe(1);
    expect(refusals().at(-1)).toMatch(/"exp"/);
    expect(await signedIn(page)).toBe(false);
    // Within the tolerance it is accepted: the check is about time, not something else in the flow.
    clock.set(new Date());
    const ok = await newPage();
    await toProvider(ok);
    clock.advance(70_000); // 10 s past exp, inside the 30 s tolerance
    await login(ok, 'alice');
    expect(new URL(ok.url()).pathname).toBe('/cases');
  });

  it('case actions and the audit trail show the SSO identity: name, e-mail and issuer', async () => {
    const token = (await createToken(server.runtime.handle.db, 'sso-e2e', 'intake', clock.now())).token;
    const res = await fetch(`${kakunin}/api/reports`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(corpus()[0]!.report) });
    const { caseRef } = (await res.json()) as { caseRef: string };
    const page = await signIn('alice');
    await page.goto(`${kakunin}/cases/${caseRef}`);
    await Promise.all([page.waitForURL(/done=acknowledge/), page.click('button[name=action][value=acknowledge]')]);
    const last = (await page.locator('#timeline li').last().textContent()) ?? '';
    expect(last).toContain('法務 アリス');
    expect(last).toContain(`（alice@example.co.jp · SSO: ${idp.issuer}）`);
    const event = (await server.runtime.deps.cases.get(caseRef)).events.at(-1)!;
    expect(event.actor).toMatchObject({ platform: 'web', displayName: '法務 アリス', email: 'alice@example.co.jp', issuer: idp.issuer });
    expect((await server.runtime.deps.audit.verify()).ok).toBe(true);
    // The identity is part of the hash: changing the recorded e-mail breaks the chain.
    server.runtime.handle.sqlite.prepare("update case_events set actor_email = 'mallory@example.com' where id = ?").run(event.id);
    expect(await server.runtime.deps.audit.verify()).toMatchObject({ ok: false, brokenId: event.id });
    server.runtime.handle.sqlite.prepare("update case_events set actor_email = 'alice@example.co.jp' where id = ?").run(event.id);
    // And the JSON API gives it to tools.
    await page.goto(`${kakunin}/cases/${caseRef}?lang=en`);
    expect((await page.locator('#timeline li').last().textContent()) ?? '').toContain(`(alice@example.co.jp · SSO: ${idp.issuer})`);
    expect(cspErrors).toEqual([]);
  });

  it('a local account still signs in next to SSO (LOCAL_ACCOUNTS unset)', async () => {
    await createUser(server.runtime.handle.db, { name: 'breakglass', role: 'admin', password: PASSWORD }, clock.now());
    const page = await newPage();
    await page.goto(`${kakunin}/signin`);
    await page.fill('#name', 'breakglass');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/cases$/), page.click('form[action^="/signin"] button[type=submit]')]);
    expect(await signedIn(page)).toBe(true);
  });
});
