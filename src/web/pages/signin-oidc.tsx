/**
 * Sign-in with the company's identity provider (OpenID Connect, authorization code + PKCE).
 *
 * `GET /signin/oidc` starts a flow: fresh state, nonce and PKCE verifier stored server-side under
 * a random token that only this browser holds (cookie, SameSite=Lax so it comes back with the
 * provider's redirect), then the browser goes to the provider. `GET /signin/oidc/callback` (the
 * redirect URI, PUBLIC_URL + /signin/oidc/callback) takes that flow out of the database (single
 * use), lets openid-client check the response and the ID token, creates or updates the account
 * from the claims with the role from OIDC_ROLE_MAP, and opens an ordinary console session.
 * Every refusal is a page in Japanese and English; the reason goes to the log, not to the page.
 */
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../deps.ts';
import { SsoError, type Sso, type SsoIdentity } from '../../auth/oidc.ts';
import { roleFor } from '../../domain/role-map.ts';
import { createSession } from '../../auth/sessions.ts';
import { FLOW_TTL_MS, startFlow, takeFlow } from '../../auth/sign-in-flows.ts';
import { signInSsoUser } from '../../auth/sso-users.ts';
import { Flash } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { translator } from '../../ui/i18n.ts';
import { page, render, type WebContext } from '../../ui/render.tsx';
import { clientIp, cookieNames } from '../../ui/security.ts';
import { safeNext } from './signin.tsx';

/** The refusal page: what happened and a way back to the sign-in page. */
function refused(c: WebContext, status: ContentfulStatusCode, message: string) {
  const t = translator(c.get('lang'));
  return render(
    c,
    t('サインインできませんでした', 'Sign-in failed'),
    <section class="card" id="sso-refused">
      <h1>{t('サインインできませんでした', 'Sign-in failed')}</h1>
      <Flash kind="err">{message}</Flash>
      <p>
        <a href="/signin">{t('サインイン画面へ戻る', 'Back to sign-in')}</a>
      </p>
    </section>,
    { status },
  );
}

/** Registers GET /signin/oidc and GET /signin/oidc/callback. */
export function registerSsoSignIn(app: Hono<WebEnv>, deps: AppDeps, sso: Sso): void {
  const names = cookieNames(deps.config);
  const secure = deps.config.web.secureCookies;

  app.get(
    '/signin/oidc',
    page(deps.logger, async function startSsoSignIn(c) {
      const next = safeNext(c.req.query('next'));
      if (c.get('session')) return c.redirect(next, 303);
      const t = translator(c.get('lang'));
      const ip = clientIp(c, deps.config.web.trustProxy);
      const start = await sso.begin();
      const flow = await startFlow(deps.db, { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, next, ip, now: deps.clock.now() });
      if (!flow) {
        deps.logger.warn({ ip }, 'SSO sign-in refused: too many flows open from this address');
        c.header('Retry-After', String(FLOW_TTL_MS / 1000));
        return refused(c, 429, t('この接続元からのサインインの開始が多すぎます。しばらくしてからもう一度お試しください。', 'Too many sign-ins started from this address. Try again later.'));
      }
      setCookie(c, names.oidc, flow.token, { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: FLOW_TTL_MS / 1000 });
      return c.redirect(start.url.href, 302);
    }),
  );

  app.get(
    '/signin/oidc/callback',
    page(deps.logger, async function finishSsoSignIn(c) {
      const t = translator(c.get('lang'));
      const now = deps.clock.now();
      const ip = clientIp(c, deps.config.web.trustProxy);
      // Taken (deleted) before anything is checked: whatever happens next, this flow cannot be used again.
      const flow = await takeFlow(deps.db, getCookie(c, names.oidc), now);
      deleteCookie(c, names.oidc, { path: '/', secure });
      if (!flow) {
        deps.logger.warn({ ip, reason: 'no flow for this browser (not started here, already used, or expired)' }, 'SSO sign-in refused');
        return refused(
          c,
          400,
          t(
            'このブラウザで始めたサインインの手続きが見つからないか、使用済みか、期限切れです。「会社のアカウントでサインイン」からやり直してください。',
            'No sign-in started in this browser is waiting (it was never started here, was already used, or expired). Start again with “Sign in with your company account”.',
          ),
        );
      }
      let who: SsoIdentity;
      try {
        who = await sso.finish(new URL(c.req.url).search, flow, now);
      } catch (err) {
        if (!(err instanceof SsoError)) throw err;
        deps.logger.warn({ ip, kind: err.kind, reason: err.message }, 'SSO sign-in refused');
        return err.kind === 'denied'
          ? refused(c, 403, t('ID プロバイダーがサインインを許可しませんでした。', 'The identity provider did not allow the sign-in.'))
          : refused(
              c,
              401,
              t(
                'ID プロバイダーからの応答を確認できなかったため、サインインを中止しました。もう一度お試しください。続く場合は管理者に連絡してください。',
                'The identity provider’s answer could not be verified, so the sign-in was stopped. Try again; if it keeps happening, tell an admin.',
              ),
            );
      }
      const role = roleFor(sso.config.roleMap, who.roleValues);
      const result = await signInSsoUser(deps.db, { issuer: who.issuer, subject: who.subject, displayName: who.displayName, email: who.email, role }, now);
      const logged = { ip, issuer: who.issuer, subject: who.subject, email: who.email };
      if (!result.ok) {
        deps.logger.warn({ ...logged, reason: result.reason, claim: sso.config.roleClaim, values: who.roleValues.slice(0, 20) }, 'SSO sign-in refused');
        return result.reason === 'disabled'
          ? refused(c, 403, t('このアカウントは kakunin の管理者によって無効にされています。', 'This account has been disabled by a kakunin admin.'))
          : refused(
              c,
              403,
              t(
                `${who.displayName} さんには kakunin を使う権限がありません（どのグループも権限に対応していません）。必要な場合は、管理者にグループへの追加を依頼してください。`,
                `${who.displayName} has no access to kakunin (none of their groups maps to a role). Ask an admin to add you to the right group if you need it.`,
              ),
            );
      }
      const { token } = await createSession(deps.db, { userId: result.user.id, now, ttlMs: deps.config.web.sessionTtlMs, ip, userAgent: c.req.header('user-agent') ?? null, idToken: who.idToken });
      setCookie(c, names.session, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure, maxAge: Math.floor(deps.config.web.sessionTtlMs / 1000) });
      deps.logger.info({ ...logged, user: result.user.name, role: result.user.role, previousRole: result.previousRole, created: result.created }, 'console sign-in (SSO)');
      return c.redirect(flow.next, 303);
    }),
  );
}
