/**
 * Rendering helpers: a page inside the layout, the HTML error page, and `page(handler)` which turns
 * an AppError thrown by the case service (404, 409, 422) into that error page instead of the API's
 * JSON, so a console user always sees a readable message.
 */
import type { Context, Handler } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { Flash } from './components.tsx';
import type { WebEnv } from './env.ts';
import { translator } from './i18n.ts';
import { Layout } from './layout.tsx';

export type WebContext = Context<WebEnv>;

/** Path and query of the request, for the language switch. */
export function pathOf(c: WebContext): string {
  const u = new URL(c.req.url);
  return `${u.pathname}${u.search}`;
}

/** Answers `body` inside the layout. */
export function render(c: WebContext, title: string, body: Child, opts: { current?: string; status?: ContentfulStatusCode } = {}): Response | Promise<Response> {
  return c.html(
    <Layout title={title} lang={c.get('lang')} nonce={c.get('secureHeadersNonce')} session={c.get('session')} path={pathOf(c)} current={opts.current}>
      {body}
    </Layout>,
    opts.status ?? 200,
  );
}

/** The HTML error page. */
export function errorPage(c: WebContext, status: ContentfulStatusCode, message: string): Response | Promise<Response> {
  const t = translator(c.get('lang'));
  return render(
    c,
    t('エラー', 'Error'),
    <>
      <h1>{t('エラー', 'Error')}</h1>
      <Flash kind="err">{message}</Flash>
      <p>
        <a href="/cases">{t('案件一覧へ戻る', 'Back to cases')}</a>
      </p>
    </>,
    { status },
  );
}

/** Wraps a console handler: AppErrors become the error page with their status; others are logged and 500. */
export function page(logger: Logger, handler: (c: WebContext) => Response | Promise<Response>): Handler<WebEnv> {
  return async function consolePage(c) {
    try {
      return await handler(c);
    } catch (err) {
      if (err instanceof AppError) return errorPage(c, err.status, err.message);
      logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'console page failed');
      return errorPage(c, 500, translator(c.get('lang'))('内部エラーが発生しました。', 'Internal error.'));
    }
  };
}
