/**
 * A second step for destructive console buttons, without scripts (the console's CSP allows none):
 * the button's POST without `confirm=yes` answers a page that says what will happen and re-posts
 * the same fields with `confirm=yes`, or goes back. Only the second POST changes anything.
 */
import type { Child } from 'hono/jsx';
import { Csrf } from '../ui/components.tsx';
import { translator } from '../ui/i18n.ts';
import { render, type WebContext } from '../ui/render.tsx';

/** True when the form carries the confirmation of the second step. */
export function confirmed(body: Record<string, unknown>): boolean {
  return body.confirm === 'yes';
}

/**
 * The confirmation page for a POST to `action`. `fields` are re-posted as hidden inputs (never
 * `_csrf` or `confirm`, which the page sets itself).
 */
export function confirmPage(
  c: WebContext,
  opts: { action: string; title: string; message: Child; button: string; back: string; fields?: Record<string, string> },
): Promise<Response> {
  const t = translator(c.get('lang'));
  const session = c.get('session')!;
  const fields = Object.entries(opts.fields ?? {}).filter(([k]) => k !== '_csrf' && k !== 'confirm');
  return render(
    c,
    opts.title,
    <section class="card confirm">
      <h1>{opts.title}</h1>
      <p>{opts.message}</p>
      <form method="post" action={opts.action} class="actions">
        <Csrf token={session.csrfToken} />
        {fields.map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" class="danger">
          {opts.button}
        </button>
        <a href={opts.back}>{t('やめる（何も変更しません）', 'Cancel (change nothing)')}</a>
      </form>
    </section>,
  );
}
