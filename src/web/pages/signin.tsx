/**
 * Sign-in and sign-out. A fresh install (no users) shows how to create the first admin instead of
 * a form that cannot work. Failed sign-ins count against the user name and the client address
 * (src/auth/rate-limit.ts); unknown names cost the same scrypt time as known ones.
 */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../app.ts';
import { decoyHash, verifyPassword } from '../../auth/passwords.ts';
import { clearUserFailures, DEFAULT_SIGN_IN_LIMITS, recordSignInFailure, signInBlocked } from '../../auth/rate-limit.ts';
import { createSession, deleteSession } from '../../auth/sessions.ts';
import { activeUserCount, findUserForSignIn } from '../../auth/users.ts';
import { Csrf, Flash } from '../components.tsx';
import type { WebEnv } from '../env.ts';
import { translator } from '../i18n.ts';
import { page, render, type WebContext } from '../render.tsx';
import { clientIp, cookieNames, formField } from '../security.ts';

/** The first-admin command shown on a fresh install (and logged by `serve`). */
export const FIRST_ADMIN_COMMAND = 'npx kakunin user create --name admin --role admin';

/** Only same-site relative paths are followed after sign-in. */
export function safeNext(next: string | undefined | null): string {
  return next && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) ? next : '/cases';
}

function SignInForm(p: { c: WebContext; next: string; error?: string; name?: string }) {
  const t = translator(p.c.get('lang'));
  return (
    <section class="card">
      <h1>{t('サインイン', 'Sign in')}</h1>
      {p.error ? <Flash kind="err">{p.error}</Flash> : null}
      <form method="post" action={`/signin?next=${encodeURIComponent(p.next)}`}>
        <Csrf token={p.c.get('preCsrf')} />
        <label for="name">{t('ユーザー名', 'User name')}</label>
        <input id="name" name="name" autocomplete="username" required value={p.name ?? ''} />
        <label for="password">{t('パスワード', 'Password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <p>
          <button type="submit">{t('サインイン', 'Sign in')}</button>
        </p>
      </form>
    </section>
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

  const show = (c: WebContext, status: 200 | 401 | 429, error?: string, name?: string) => {
    const t = translator(c.get('lang'));
    const body = activeUserCount(deps.db) === 0 ? <FreshInstall c={c} /> : <SignInForm c={c} next={safeNext(c.req.query('next'))} error={error} name={name} />;
    return render(c, t('サインイン', 'Sign in'), body, { status });
  };

  app.get(
    '/signin',
    page(deps.logger, (c) => (c.get('session') ? c.redirect(safeNext(c.req.query('next')), 303) : show(c, 200))),
  );

  app.post(
    '/signin',
    page(deps.logger, async (c) => {
      const t = translator(c.get('lang'));
      const name = (await formField(c, 'name')).slice(0, 200);
      const password = (await formField(c, 'password')).slice(0, 1024);
      const now = deps.clock.now();
      const ip = clientIp(c, deps.config.web.trustProxy);
      const blocked = signInBlocked(deps.db, { name, ip, now, limits: DEFAULT_SIGN_IN_LIMITS });
      if (blocked) {
        deps.logger.warn({ ip, user: name, blocked }, 'console sign-in rate limited');
        return show(c, 429, t('サインインの失敗が多すぎます。15分後にもう一度お試しください。', 'Too many failed sign-ins. Try again in 15 minutes.'), name);
      }
      const user = findUserForSignIn(deps.db, name);
      const ok = user ? await verifyPassword(password, user.passwordHash) : (await verifyPassword(password, await decoyHash()), false);
      if (!user || !ok || user.disabledAt) {
        recordSignInFailure(deps.db, { name, ip, now });
        deps.logger.info({ ip, user: name }, 'console sign-in failed');
        return show(c, 401, t('ユーザー名またはパスワードが違います。', 'Wrong user name or password.'), name);
      }
      clearUserFailures(deps.db, name);
      const { token } = createSession(deps.db, { userId: user.id, now, ttlMs: deps.config.web.sessionTtlMs, ip, userAgent: c.req.header('user-agent') ?? null });
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
    page(deps.logger, (c) => {
      const s = c.get('session');
      if (s) deleteSession(deps.db, s.id);
      deleteCookie(c, names.session, { path: '/', secure: deps.config.web.secureCookies });
      return c.redirect('/signin', 303);
    }),
  );
}
