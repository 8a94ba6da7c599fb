/**
 * /account — the signed-in user's own page: who they are, and changing their own password (the
 * current one first). The current password is checked under the sign-in rate limit (reserved
 * before the check, one of the few password check slots), so this form is no side door for guessing. A change ends every session of the user, this one included:
 * whoever else held a session (a lost laptop) is out, and the user signs in again.
 */
import type { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import type { AppDeps } from '../../deps.ts';
import { MIN_PASSWORD_LENGTH, tryPasswordSlot, verifyPassword } from '../../auth/passwords.ts';
import { reserveSignIn, signInSucceeded, type SignInReservation } from '../../auth/rate-limit.ts';
import { findUserForSignIn, updateUser } from '../../auth/users.ts';
import { AppError } from '../../errors.ts';
import { Csrf, Flash, SsoIdentity } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { paren, roleLabel, translator } from '../../ui/i18n.ts';
import { page, render, type WebContext } from '../../ui/render.tsx';
import { clientIp, cookieNames, formField } from '../../ui/security.ts';
import { refusal } from './signin.tsx';

function AccountPage(p: { c: WebContext; error?: string }) {
  const lang = p.c.get('lang');
  const t = translator(lang);
  const s = p.c.get('session')!;
  return (
    <>
      <section class="card">
        <h1>{t('アカウント', 'Account')}</h1>
        <p>
          {s.user.issuer ? s.user.displayName : <>{s.user.displayName}{paren(lang, s.user.name)}</>}
          <SsoIdentity lang={lang} who={s.user} /> <span class="chip">{roleLabel(lang, s.user.role)}</span>
        </p>
        {s.user.issuer ? (
          <p class="muted" id="sso-account">
            {t(
              '会社のアカウント（SSO）でサインインしています。パスワードは ID プロバイダーで管理され、権限はサインインのたびにグループから決まります。',
              'You signed in with your company account (SSO). Your password is managed by the identity provider, and your role comes from your groups at every sign-in.',
            )}
          </p>
        ) : null}
      </section>
      {s.user.issuer ? null : <section class="card">
        <h2>{t('パスワードの変更', 'Change password')}</h2>
        {p.error ? <Flash kind="err">{p.error}</Flash> : null}
        <form method="post" action="/account/password">
          <Csrf token={s.csrfToken} />
          <label for="current">{t('現在のパスワード', 'Current password')}</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required />
          <label for="next">{t(`新しいパスワード（${MIN_PASSWORD_LENGTH}文字以上）`, `New password (at least ${MIN_PASSWORD_LENGTH} characters)`)}</label>
          <input id="next" name="next" type="password" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
          <label for="confirm">{t('新しいパスワード（確認）', 'New password, again')}</label>
          <input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength={MIN_PASSWORD_LENGTH} required />
          <p class="muted">{t('変更すると、すべての端末でサインアウトされます。', 'Changing it signs you out everywhere.')}</p>
          <p>
            <button type="submit">{t('パスワードを変更', 'Change password')}</button>
          </p>
        </form>
      </section>}
    </>
  );
}

/** Registers GET /account and POST /account/password (any signed-in role). */
export function registerAccountPages(app: Hono<WebEnv>, deps: AppDeps): void {
  const names = cookieNames(deps.config);
  const show = (c: WebContext, status: 200 | 401 | 409 | 422 | 429, error?: string) =>
    render(c, translator(c.get('lang'))('アカウント', 'Account'), <AccountPage c={c} error={error} />, { status, current: '/account' });

  app.get('/account', requireRole('viewer'), page(deps.logger, (c) => show(c, 200)));

  app.post(
    '/account/password',
    requireRole('viewer'),
    page(deps.logger, async (c) => {
      const t = translator(c.get('lang'));
      const session = c.get('session')!;
      if (session.user.issuer) return show(c, 409, t('SSO のアカウントにはパスワードがありません。パスワードは ID プロバイダーで変更してください。', 'An SSO account has no password here; change it at your identity provider.'));
      const current = (await formField(c, 'current')).slice(0, 1024);
      const next = await formField(c, 'next');
      const now = deps.clock.now();
      const ip = clientIp(c, deps.config.web.trustProxy);
      const name = session.user.name;
      const refuse = (r: Extract<SignInReservation, { ok: false }> | null) => {
        deps.logger.warn({ ip, user: name, limit: r?.limit ?? 'busy' }, 'password change refused (rate limit)');
        const { message, retryAfter } = refusal(t, r);
        c.header('Retry-After', String(retryAfter));
        return show(c, 429, message);
      };
      const slot = tryPasswordSlot();
      if (!slot) return refuse(null);
      let user: Awaited<ReturnType<typeof findUserForSignIn>>;
      try {
        const reservation = await reserveSignIn(deps.db, { name, ip, now });
        if (!reservation.ok) return refuse(reservation);
        user = await findUserForSignIn(deps.db, name);
        if (!user || !(await verifyPassword(current, user.passwordHash))) {
          deps.logger.info({ ip, user: name }, 'password change refused: wrong current password');
          return show(c, 401, t('現在のパスワードが違います。', 'The current password is wrong.'));
        }
        await signInSucceeded(deps.db, reservation);
      } finally {
        slot.release();
      }
      if (next !== (await formField(c, 'confirm'))) return show(c, 422, t('新しいパスワードが一致しません。', 'The new passwords do not match.'));
      if (next === current) return show(c, 422, t('新しいパスワードは現在のものと違うものにしてください。', 'The new password must differ from the current one.'));
      try {
        await updateUser(deps.db, user.id, { password: next }, now);
      } catch (err) {
        if (err instanceof AppError && err.code === 'validation_failed') {
          return show(c, 422, t(`新しいパスワードは${MIN_PASSWORD_LENGTH}文字以上にしてください。`, `The new password needs at least ${MIN_PASSWORD_LENGTH} characters.`));
        }
        throw err;
      }
      deleteCookie(c, names.session, { path: '/', secure: deps.config.web.secureCookies });
      deps.logger.info({ ip, user: name }, 'console user changed their password');
      return render(
        c,
        t('パスワードを変更しました', 'Password changed'),
        <section class="card">
          <Flash kind="ok">{t('パスワードを変更しました。すべての端末でサインアウトしました。', 'Your password was changed and every session was signed out.')}</Flash>
          <p>
            <a href="/signin">{t('新しいパスワードでサインイン', 'Sign in with the new password')}</a>
          </p>
        </section>,
      );
    }),
  );
}
