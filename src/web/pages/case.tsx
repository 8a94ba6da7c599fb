/**
 * GET /cases/:ref — everything about one case: its reports (a page at a time, `?after=<report id>`)
 * with each message verbatim and its evidence highlighted, signals, observables with their ledger check, linked cases, the audit timeline,
 * deliveries (with a retry button), and the actions the user's role allows. POST
 * /cases/:ref/actions and /deliveries/:id/retry go through the case service as the web user.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { nextStatus } from '../../cases/state-machine.ts';
import { ssoOf } from '../../cases/caller.ts';
import { CASE_ACTIONS, RESOLUTIONS, type Actor, type CaseStatus } from '../../domain/case.ts';
import { AppError } from '../../errors.ts';
import { formError } from '../form-error.ts';
import { Csrf, Flash, SeverityBadge, StatusBadge, Time } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { actionDoneMessage, actionLabel, resolutionLabel, translator, type Lang } from '../../ui/i18n.ts';
import { errorPage, page, render, type WebContext } from '../../ui/render.tsx';
import { roleAllows } from '../../ui/security.ts';
import { bi, Deliveries, Identity, Observables, Reports, Signals, Timeline } from './case-sections.tsx';


/** The note after a redirect: only codes from closed lists reach the page, so the query cannot inject text. */
function doneNote(c: WebContext, ref: string): string | null {
  const lang = c.get('lang');
  const done = c.req.query('done') ?? '';
  if (done === 'retry') return translator(lang)('配信を再試行します。', 'The delivery will be retried.');
  if (!(CASE_ACTIONS as readonly string[]).includes(done)) return null;
  return actionDoneMessage(lang, ref, done, c.req.query('resolution'));
}


/** The audit actor of a signed-in web user. */
export function webActor(c: WebContext): Actor {
  const u = c.get('session')!.user;
  return { platform: 'web', userId: `user:${u.id}`, displayName: u.displayName, ...ssoOf(u) };
}

/** Forms for the actions allowed from `status`. `back` is where to return (the case or the inbox). */
export function ActionForms(p: { ref: string; status: CaseStatus; version: number; csrf: string; lang: Lang; back?: string; compact?: boolean }) {
  const t = translator(p.lang);
  const allowed = CASE_ACTIONS.filter((a) => nextStatus(p.status, a).ok);
  const hidden = (
    <>
      <Csrf token={p.csrf} />
      <input type="hidden" name="expectedVersion" value={String(p.version)} />
      {p.back ? <input type="hidden" name="back" value={p.back} /> : null}
    </>
  );
  if (p.compact) {
    // The chat cards' three buttons: Acknowledge / Confirm fraud / False positive.
    return (
      <div class="actions">
        {allowed.includes('acknowledge') ? (
          <form method="post" action={`/cases/${p.ref}/actions`}>
            {hidden}
            <button name="action" value="acknowledge">{actionLabel(p.lang, 'acknowledge')}</button>
          </form>
        ) : null}
        {allowed.includes('resolve') ? (
          <>
            <form method="post" action={`/cases/${p.ref}/actions`}>
              {hidden}
              <input type="hidden" name="resolution" value="fraud_confirmed" />
              <button name="action" value="resolve" class="danger">{t('詐欺と確定', 'Confirm fraud')}</button>
            </form>
            <form method="post" action={`/cases/${p.ref}/actions`}>
              {hidden}
              <input type="hidden" name="resolution" value="false_positive" />
              <button name="action" value="resolve" class="secondary">{t('誤検知', 'False positive')}</button>
            </form>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <div class="actions">
      {allowed
        .filter((a) => a !== 'resolve')
        .map((a) => (
          <form method="post" action={`/cases/${p.ref}/actions`}>
            {hidden}
            <input type="text" name="note" placeholder={t('メモ（任意）', 'Note (optional)')} maxlength={4000} aria-label={t('メモ', 'Note')} />
            <button name="action" value={a}>{actionLabel(p.lang, a)}</button>
          </form>
        ))}
      {allowed.includes('resolve') ? (
        <form method="post" action={`/cases/${p.ref}/actions`}>
          {hidden}
          <select name="resolution" aria-label={t('解決区分', 'Resolution')} required>
            {RESOLUTIONS.map((r) => (
              <option value={r}>{resolutionLabel(p.lang, r)}</option>
            ))}
          </select>
          <input type="text" name="note" placeholder={t('メモ（任意）', 'Note (optional)')} maxlength={4000} aria-label={t('メモ', 'Note')} />
          <button name="action" value="resolve" class="danger">{actionLabel(p.lang, 'resolve')}</button>
        </form>
      ) : null}
    </div>
  );
}

async function casePage(c: WebContext, deps: AppDeps, ref: string, opts: { error?: AppError } = {}) {
  const lang = c.get('lang');
  const t = translator(lang);
  const after = Number(c.req.query('after') ?? '');
  const d = await deps.cases.get(ref, Number.isSafeInteger(after) && after > 0 ? { reportsCursor: after } : {});
  const session = c.get('session')!;
  const canAct = roleAllows(session.user.role, 'responder');
  const done = doneNote(c, d.ref);
  return render(
    c,
    d.ref,
    <>
      <h1>
        {d.ref} <StatusBadge lang={lang} status={d.status} resolution={d.resolution} /> <SeverityBadge lang={lang} severity={d.severity} />
      </h1>
      {done && !opts.error ? <Flash kind="ok">{done}</Flash> : null}
      {opts.error ? <Flash kind="err">{opts.error.message}</Flash> : null}
      <section class="panel">
        <dl class="kv">
          <dt>{t('報告数', 'Reports')}</dt>
          <dd>{d.reportCount}</dd>
          <dt>{t('最初の報告', 'First report')}</dt>
          <dd>
            <Time at={d.firstReportAt} />
          </dd>
          <dt>{t('最新の報告', 'Last report')}</dt>
          <dd>
            <Time at={d.lastReportAt} />
          </dd>
          <dt>{t('更新', 'Updated')}</dt>
          <dd>
            <Time at={d.updatedAt} />
          </dd>
        </dl>
        {canAct ? (
          <>
            <h2>{t('対応', 'Actions')}</h2>
            <ActionForms ref={d.ref} status={d.status} version={d.version} csrf={session.csrfToken} lang={lang} />
          </>
        ) : (
          <p class="muted">{t('閲覧のみの権限です。', 'You can view this case (viewer role).')}</p>
        )}
      </section>
      <div class="grid2">
        <div>
          <h2>{t('監査タイムライン', 'Audit timeline')}</h2>
          <Timeline d={d} lang={lang} />
        </div>
        <div>
          <h2>{t('関連する案件', 'Linked cases')}</h2>
          {d.linkedCases.length ? (
            <ul>
              {d.linkedCases.map((l) => (
                <li>
                  <a href={`/cases/${l.ref}`}>{l.ref}</a> — {bi(lang, l.reason)} <StatusBadge lang={lang} status={l.status} resolution={l.resolution} />
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('ありません。', 'None.')}</p>
          )}
          <h2>{t('検出された連絡先・口座など', 'Observables')}</h2>
          <Observables d={d} lang={lang} />
        </div>
      </div>
      <h2>{t('報告されたメッセージ', 'Reported messages')}</h2>
      <Reports d={d} lang={lang} />
      {d.reportsSkipped > 0 || d.nextReportsCursor !== null ? (
        <p class="actions">
          {d.reportsSkipped > 0 ? <a href={`/cases/${d.ref}`}>{t('最初の報告へ', 'First reports')}</a> : null}{' '}
          {d.nextReportsCursor !== null ? <a href={`/cases/${d.ref}?after=${d.nextReportsCursor}`}>{t('次の報告', 'Next reports')}</a> : null}
        </p>
      ) : null}
      <h2>{t('検知された兆候', 'Signals')}</h2>
      <Signals signals={d.signals} lang={lang} />
      <h2>{t('配信', 'Deliveries')}</h2>
      <Deliveries d={d} lang={lang} csrf={canAct ? session.csrfToken : null} />
    </>,
    { current: '/cases', status: opts.error ? opts.error.status : 200 },
  );
}

const actionForm = z.object({
  action: z.enum(CASE_ACTIONS),
  resolution: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RESOLUTIONS).optional()),
  note: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().max(4000).optional()),
  expectedVersion: z.coerce.number().int().min(1).optional(),
  back: z.enum(['inbox', 'case']).optional().catch(undefined),
});

export function registerCasePage(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/cases/:ref',
    requireRole('viewer'),
    page(deps.logger, async (c) => await casePage(c, deps, (c.req.param('ref') ?? ''))),
  );

  app.post(
    '/cases/:ref/actions',
    requireRole('responder'),
    page(deps.logger, async (c) => {
      const ref = (c.req.param('ref') ?? '');
      const parsed = actionForm.safeParse(await c.req.parseBody());
      if (!parsed.success) throw formError(c.get('lang'), parsed.error);
      const f = parsed.data;
      try {
        const r = await deps.cases.act(ref, f.action, webActor(c), { resolution: f.resolution ?? null, note: f.note ?? null, expectedVersion: f.expectedVersion ?? null });
        const resolution = f.action === 'resolve' && f.resolution ? `&resolution=${f.resolution}` : '';
        return c.redirect(f.back === 'inbox' ? `/inbox?done=${f.action}&ref=${r.ref}${resolution}` : `/cases/${r.ref}?done=${f.action}${resolution}#timeline`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed')) return await casePage(c, deps, ref, { error: err });
        throw err;
      }
    }),
  );

  app.post(
    '/deliveries/:id/retry',
    requireRole('responder'),
    page(deps.logger, async (c) => {
      const id = Number(c.req.param('id') ?? '');
      if (!Number.isInteger(id) || id < 1) return errorPage(c, 404, 'No such delivery');
      const body = await c.req.parseBody();
      await deps.cases.retryDelivery(id);
      const ref = typeof body.ref === 'string' && /^KKN-\d{6,}$/.test(body.ref) ? body.ref : null;
      return c.redirect(ref ? `/cases/${ref}?done=retry` : '/cases', 303);
    }),
  );
}
