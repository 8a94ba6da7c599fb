/**
 * The web console, mounted on the app by `registerWeb(app, deps)`: server-rendered Hono JSX
 * pages (one file per page in pages/), Japanese first with an English switch, no scripts, a strict
 * CSP, sessions and CSRF (security.ts), roles (guards.ts). The console's guards apply only to its
 * own paths, so the JSON API and the platforms' webhooks are untouched.
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { limitBody } from '../http/body-limit.ts';
import type { AppEnv } from '../http/env.ts';
import type { WebEnv } from '../ui/env.ts';
import { translator } from '../ui/i18n.ts';
import { registerAccountPages } from './pages/account.tsx';
import { registerAdminPages } from './pages/admin.tsx';
import { registerTeamsAdmin } from './pages/admin-teams.tsx';
import { registerChatworkAdmin } from './pages/admin-chatwork.tsx';
import { registerCasePage } from './pages/case.tsx';
import { registerCasesPage } from './pages/cases.tsx';
import { registerExport } from './pages/export.tsx';
import { registerInbox } from './pages/inbox.tsx';
import { registerLedgerPages } from './pages/ledger.tsx';
import { registerMetrics } from './pages/metrics.tsx';
import { registerReportForm } from './pages/report.tsx';
import { registerSignIn } from './pages/signin.tsx';
import { registerSsoSignIn } from './pages/signin-oidc.tsx';
import { errorPage } from '../ui/render.tsx';
import { consoleHeaders, csrf, language, loadSession } from '../ui/security.ts';

/** Paths the console owns (each gets the console's headers, session and CSRF check). */
export const CONSOLE_PATHS = [
  '/',
  '/signin',
  // Not '/signin/*': Hono's wildcard also matches '/signin' itself, and the guards would run twice on its POST.
  '/signin/oidc',
  '/signin/oidc/callback',
  '/signout',
  '/account',
  '/account/*',
  '/cases',
  '/cases/*',
  '/deliveries/*',
  '/inbox',
  '/report',
  '/ledger',
  '/ledger/*',
  '/stats',
  '/export',
  '/export/*',
  '/admin',
  '/admin/*',
] as const;

/** Largest console form (a ledger file upload). */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;

/** Mounts every console page on `app`. */
export function registerWeb(appIn: Hono<AppEnv>, deps: AppDeps): void {
  const app = appIn as unknown as Hono<WebEnv>;
  const forbidden = (c: Parameters<typeof errorPage>[0], why: string) => {
    deps.logger.warn({ requestId: c.get('requestId'), path: c.req.path, why }, 'console form refused (CSRF)');
    const t = translator(c.get('lang') ?? 'ja');
    return errorPage(c, 403, t('フォームの有効期限が切れたか、不正な送信です。ページを再読み込みしてやり直してください。', 'The form expired or was not sent from this site. Reload the page and try again.'));
  };
  const guards = [
    consoleHeaders(deps.sso?.endSessionOrigin ? [deps.sso.endSessionOrigin] : []),
    limitBody(MAX_FORM_BYTES, `Form is larger than ${MAX_FORM_BYTES} bytes`),
    language(deps.config),
    loadSession(deps),
    csrf(deps.config, forbidden),
  ];
  for (const path of CONSOLE_PATHS) app.use(path, ...guards);

  app.get('/', (c) => c.redirect(c.get('session') ? '/cases' : '/signin', 303));
  registerSignIn(app, deps);
  if (deps.sso) registerSsoSignIn(app, deps, deps.sso);
  registerAccountPages(app, deps);
  registerCasesPage(app, deps);
  registerCasePage(app, deps);
  registerInbox(app, deps);
  registerReportForm(app, deps);
  registerLedgerPages(app, deps);
  registerMetrics(app, deps);
  registerExport(app, deps);
  registerAdminPages(app, deps);
  registerTeamsAdmin(app, deps);
  registerChatworkAdmin(app, deps);
}
