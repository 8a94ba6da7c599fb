/**
 * Sign-in and sign-out. With SSO (OIDC_*) the page offers 「会社のアカウントでサインイン」 first
 * (signin-oidc.tsx); with LOCAL_ACCOUNTS=false it offers nothing else and refuses user name and
 * password posts. Signing out of an SSO session also sends the browser to the provider's
 * end_session_endpoint when it advertises one. A fresh install without SSO (no users) shows how to
 * create the first admin instead of a form that cannot work. Each attempt is reserved against the (name, address) pair and the
 * address before the password is checked (src/auth/rate-limit.ts), and waits for a free password
 * check slot or is answered 429 at once; unknown names cost the same scrypt time as known ones.
 */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps.ts';
import { decoyHash, tryPasswordSlot, verifyPassword } from '../../auth/passwords.ts';
import { reserveSignIn, signInSucceeded, type SignInReservation } from '../../auth/rate-limit.ts';
import { createSession, deleteSession } from '../../auth/sessions.ts';
import { activeUserCount, findUserForSignIn } from '../../auth/users.ts';
import { Csrf, Flash } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { translator, type T } from '../../ui/i18n.ts';
import { page, render, type WebContext } from '../../ui/render.tsx';
import { clientIp, cookieNames, formField } from '../../ui/security.ts';

/** The first-admin command shown on a fresh install (and logged by `serve`). */
export const FIRST_ADMIN_COMMAND = 'npx kakunin user create --name admin --role admin';

/**
 * The 429 text for a refused attempt (sign-in and /account alike), and its Retry-After seconds.
 * A full set of password check slots (`reservation` null) is "busy", not a limit.
 */
export function refusal(t: T, reservation: Extract<SignInReservation, { ok: false }> | null): { message: string; retryAfter: number } {
  if (!reservation) {
    return { message: t('サインインが混み合っています。数秒後にもう一度お試しください。', 'Sign-in is busy. Try again in a few seconds.'), retryAfter: 1 };
  }
  const minutes = Math.max(1, Math.ceil(reservation.retryAfterMs / 60_000));
  const message =
    reservation.limit === 'address'
      ? t(`この接続元からの失敗が多すぎます。${minutes}分後にもう一度お試しください。`, `Too many failed attempts from this address. Try again in ${minutes} min.`)
      : t(`このユーザー名での失敗が続いています。${minutes}分後にもう一度お試しください。`, `Too many failed attempts for this name. Try again in ${minutes} min.`);
  return { message, retryAfter: Math.ceil(reservation.retryAfterMs / 1000) };
}

/** Only same-site relative paths are followed after sign-in. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/cases';
}

function SignInForm(p: { c: WebContext; next: string; error?: string; name?: string; sso: boolean; local: boolean }) {
  const t = translator(p.c.get('lang'));
  return (
    <section class="card">
      <h1>{t('サインイン', 'Sign in')}</h1>
      {p.error ? <Flash kind="err">{p.error}</Flash> : null}
      {p.sso ? (
        <p>
          <a class="button" id="sso" href={`/signin/oidc?next=${encodeURIComponent(p.next)}`}>
            {t('会社のアカウントでサインイン', 'Sign in with your company account')}
          </a>
        </p>
      ) : null}
      {p.local ? <LocalForm {...p} /> : null}
    </section>
  );
}

function LocalForm(p: { c: WebContext; next: string; name?: string; sso: boolean }) {
  const t = translator(p.c.get('lang'));
  return (
    <>
      {p.sso ? <h2>{t('ユーザー名とパスワードでサインイン', 'Sign in with a user name and password')}</h2> : null}
      <form method="post" action={`/signin?next=${encodeURIComponent(p.next)}`}>
        <Csrf token={p.c.get('preCsrf')} />
        <label for="name">{t('ユーザー名', 'User name')}</label>
        <input id="name" name="name" autocomplete="username" required value={p.name ?? ''} />
        <label for="password">{t('パスワード', 'Password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit" class={p.sso ? 'secondary' : undefined}>
            {t('サインイン', 'Sign in')}
          </button>
        </p>
      </form>
    </>
  );
}

function FreshInstall(p: { c: WebContext }) {
  const t = translator(p.c.get('lang'));
  return (
    <section class="card">
      <h1>{t('最初の管理者を作成してください', 'Create the first admin')}</h1>
      <p>{t('まだユーザーがいません。サーバーで次のコマンドを実行し、表示されたパスワードでサインインしてください。', 'There are no users yet. Run this on the server, then sign in with the password it prints.')}</p>
      <p>
        <code>{FIRST_ADMIN_COMMAND}</code>
      </p>
      <p class="muted">
        {t('パスワードを指定する場合は環境変数 KAKUNIN_PASSWORD を設定してください。', 'To choose the password, set KAKUNIN_PASSWORD in the environment.')}
      </p>
    </section>
  );
}

/** Registers GET/POST /signin and POST /signout. */
export function registerSignIn(app: Hono<WebEnv>, deps: AppDeps): void {
  const names = cookieNames(deps.config);

  const sso = deps.sso !== null;
  const local = deps.config.web.localAccounts;
  const show = async (c: WebContext, status: 200 | 401 | 403 | 429, error?: string, name?: string) => {
    const t = translator(c.get('lang'));
    const body =
      !sso && (await activeUserCount(deps.db)) === 0 ? (
        <FreshInstall c={c} />
      ) : (
        <SignInForm c={c} next={safeNext(c.req.query('next'))} error={error} name={name} sso={sso} local={local} />
      );
    return render(c, t('サインイン', 'Sign in'), body, { status });
  };

  app.get(
    '/signin',
    page(deps.logger, async (c) => (c.get('session') ? c.redirect(safeNext(c.req.query('next')), 303) : (await show(c, 200)))),
  );

  app.post(
    '/signin',
    page(deps.logger, async (c) => {
      const t = translator(c.get('lang'));
      if (!local) {
        deps.logger.warn({ ip: clientIp(c, deps.config.web.trustProxy) }, 'local sign-in refused: LOCAL_ACCOUNTS=false');
        return await show(c, 403, t('ユーザー名とパスワードでのサインインは無効です。会社のアカウントでサインインしてください。', 'Sign-in with a user name and password is turned off. Sign in with your company account.'));
      }
      const name = (await formField(c, 'name')).slice(0, 200);
      const password = (await formField(c, 'password')).slice(0, 1024);
      const now = deps.clock.now();
      const ip = clientIp(c, deps.config.web.trustProxy);
      const refuse = async (r: Extract<SignInReservation, { ok: false }> | null) => {
        deps.logger.warn({ ip, user: name, limit: r?.limit ?? 'busy' }, 'console sign-in refused (rate limit)');
        const { message, retryAfter } = refusal(t, r);
        c.header('Retry-After', String(retryAfter));
        return await show(c, 429, message, name);
      };
      const slot = tryPasswordSlot();
      if (!slot) return await refuse(null);
      let user: Awaited<ReturnType<typeof findUserForSignIn>>;
      try {
        const reservation = await reserveSignIn(deps.db, { name, ip, now });
        if (!reservation.ok) return await refuse(reservation);
        user = await findUserForSignIn(deps.db, name);
        const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await decoyHash()), false);
        if (!user || !ok || user.disabledAt) {
          deps.logger.info({ ip, user: name }, 'console sign-in failed');
          return await show(c, 401, t('ユーザー名またはパスワードが違います。', 'Wrong user name or password.'), name);
        }
        await signInSucceeded(deps.db, reservation);
      } finally {
        slot.release();
      }
      const { token } = await createSession(deps.db, { userId: user.id, now, ttlMs: deps.config.web.sessionTtlMs, ip, userAgent: c.req.header('user-agent') ?? null });
      setCookie(c, names.session, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.web.secureCookies,
        maxAge: Math.floor(deps.config.web.sessionTtlMs / 1000),
      });
      deps.logger.info({ ip, user: user.name }, 'console sign-in');
      return c.redirect(safeNext(c.req.query('next')), 303);
    }),
  );

  app.post(
    '/signout',
    page(deps.logger, async (c) => {
      const s = c.get('session');
      if (s) await deleteSession(deps.db, s.id);
      deleteCookie(c, names.session, { path: '/', secure: deps.config.web.secureCookies });
      // The kakunin session is over either way; an SSO session then ends at the provider too, when it offers a way.
      const provider = s?.user.issuer && deps.sso ? deps.sso.endSessionUrl(s.idToken) : null;
      if (provider) deps.logger.info({ user: s!.user.name }, 'console sign-out, continuing at the provider');
      return c.redirect(provider ? provider.href : '/signin', 303);
    }),
  );
}
