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

// Bidi embeddings, overrides, isolates and marks. None is in kakunin's own templates, so any in a
// page came from stored text: a fraudster's U+202E can make "exe.gnp" read "png.exe".
const BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * Shows every bidi control character of a rendered page as visible text (「⟦U+202E⟧」), so hostile
 * text can't reorder what an admin reads, and the trick itself stays visible as evidence.
 */
export function showBidiControls(html: string): string {
  return html.replace(BIDI_CONTROL, (ch) => `⟦U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

/** Answers `body` inside the layout. */
export async function render(c: WebContext, title: string, body: Child, opts: { current?: string; status?: ContentfulStatusCode } = {}): Promise<Response> {
  const page = (
    <Layout title={title} lang={c.get('lang')} nonce={c.get('secureHeadersNonce')} session={c.get('session')} path={pathOf(c)} current={opts.current}>
      {body}
    </Layout>
  );
  // The doctype keeps browsers in standards mode (in quirks mode tables don't inherit the font).
  return c.html(`<!DOCTYPE html>${showBidiControls(await page.toString())}`, opts.status ?? 200);
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
      if (err instanceof AppError) return errorPage(c, err.status, err.messageIn(c.get('lang')));
      logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'console page failed');
      return errorPage(c, 500, translator(c.get('lang'))('内部エラーが発生しました。', 'Internal error.'));
    }
  };
}
