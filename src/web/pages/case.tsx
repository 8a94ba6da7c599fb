/**
 * GET /cases/:ref — everything about one case: each report's message verbatim with its evidence
 * highlighted, signals, observables with their ledger check, linked cases, the audit timeline,
 * deliveries (with a retry button), and the actions the user's role allows. POST
 * /cases/:ref/actions and /deliveries/:id/retry go through the case service as the web user.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { CaseService } from '../../cases/service.ts';
import { nextStatus } from '../../cases/state-machine.ts';
import { CASE_ACTIONS, RESOLUTIONS, type Actor, type CaseStatus } from '../../domain/case.ts';
import type { Bilingual, IdentityMatch, Signal } from '../../detection/types.ts';
import { AppError, validationError } from '../../errors.ts';
import { Csrf, DataTable, Flash, SeverityBadge, StatusBadge, Time } from '../components.tsx';
import type { WebEnv } from '../env.ts';
import { requireRole } from '../guards.ts';
import { HighlightedMessage } from '../highlight.tsx';
import { actionLabel, eventLabel, resolutionLabel, statusLabel, translator, type Lang, type T } from '../i18n.ts';
import { errorPage, page, render, type WebContext } from '../render.tsx';
import { roleAllows } from '../security.ts';

type Detail = ReturnType<CaseService['get']>;

/** Messages shown after a redirect; a closed list, so the query string cannot inject text. */
const DONE: Record<string, [string, string]> = {
  acknowledge: ['案件を受け付けました。', 'Case acknowledged.'],
  investigate: ['調査中にしました。', 'Marked as investigating.'],
  resolve: ['案件を解決しました。', 'Case resolved.'],
  reopen: ['案件を再開しました。', 'Case reopened.'],
  retry: ['配信を再試行します。', 'Delivery will be retried.'],
};

const bi = (lang: Lang, b: Bilingual | undefined | null) => (b ? (lang === 'en' ? b.en : b.ja) : '');

/** The audit actor of a signed-in web user. */
export function webActor(c: WebContext): Actor {
  const u = c.get('session')!.user;
  return { platform: 'web', userId: `user:${u.id}`, displayName: u.displayName };
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

function Identity(p: { id: IdentityMatch | null; t: T }) {
  if (!p.id) return null;
  const { t } = p;
  return (
    <p>
      {t('名乗っている相手: ', 'Claims to be: ')}
      <strong>{p.id.name}</strong>
      {p.id.role ? ` (${p.id.role})` : ''}
      {p.id.company ? ` — ${p.id.company}` : ''}{' '}
      {p.id.accountMatches ? <span class="yes">{t('台帳のアカウントと一致', 'matches the ledger account')}</span> : <span class="no">{t('台帳のアカウントと不一致', 'not the ledger account')}</span>}
      {p.id.verifyWith.phone || p.id.verifyWith.email ? (
        <span class="muted">
          {' '}
          · {t('台帳の連絡先で確認: ', 'Verify via the ledger contact: ')}
          {[p.id.verifyWith.phone, p.id.verifyWith.email].filter(Boolean).join(' / ')}
        </span>
      ) : null}
    </p>
  );
}

function Reports(p: { d: Detail; lang: Lang }) {
  const t = translator(p.lang);
  return (
    <>
      {p.d.reports.map((r, i) => {
        const rep = r.report as { message: { body: string; sender?: { name?: string | null; accountId?: number | null } | null; sentAt?: string | null }; reporter?: { name?: string | null; accountId?: number | null } | null; note?: string | null; context?: { contactApprovedAt?: string | null } | null };
        const sigs = p.d.signals.filter((s) => s.reportId === r.id);
        const marks = sigs.flatMap((s) => s.evidence.map((e) => ({ rule: bi(p.lang, s.title), evidence: e })));
        return (
          <section class="card" id={`report-${r.id}`}>
            <h3>
              {t(`報告 ${i + 1}`, `Report ${i + 1}`)} <SeverityBadge lang={p.lang} severity={r.verdict} /> <span class="muted">{t('スコア', 'score')} {r.score.toFixed(2)}</span>
            </h3>
            <dl class="kv">
              <dt>{t('送信者', 'Sender')}</dt>
              <dd>
                {rep.message.sender?.name ?? t('不明', 'unknown')}
                {rep.message.sender?.accountId != null ? <span class="muted"> (Chatwork ID {rep.message.sender.accountId})</span> : null}
              </dd>
              <dt>{t('報告者', 'Reporter')}</dt>
              <dd>
                {rep.reporter?.name ?? t('不明', 'unknown')} <span class="chip">{r.source}</span>
              </dd>
              <dt>{t('送信日時', 'Sent')}</dt>
              <dd>
                <Time at={rep.message.sentAt ?? null} />
              </dd>
              <dt>{t('受信日時', 'Received')}</dt>
              <dd>
                <Time at={r.receivedAt} />
              </dd>
              <dt>{t('コンタクト承認', 'Contact approved')}</dt>
              <dd>
                <Time at={rep.context?.contactApprovedAt ?? null} />
              </dd>
              {rep.note ? (
                <>
                  <dt>{t('報告者のメモ', 'Reporter note')}</dt>
                  <dd>{rep.note}</dd>
                </>
              ) : null}
            </dl>
            <p>
              <strong>{bi(p.lang, r.summary as Bilingual)}</strong>
            </p>
            <Identity id={r.identity as IdentityMatch | null} t={t} />
            <HighlightedMessage body={rep.message.body} marks={marks} label={t('元のメッセージ（原文のまま）', 'Original message (verbatim)')} />
          </section>
        );
      })}
    </>
  );
}

function Signals(p: { signals: (Signal & { reportId: number })[]; lang: Lang }) {
  const t = translator(p.lang);
  if (!p.signals.length) return <p class="muted">{t('検知された兆候はありません。', 'No signals.')}</p>;
  return (
    <ul>
      {p.signals.map((s) => (
        <li>
          <strong>{bi(p.lang, s.title)}</strong> <span class="chip">{s.category}</span> <span class="chip">{s.strength === 'strong' ? t('強', 'strong') : t('弱', 'weak')}</span>
          <div class="muted">{bi(p.lang, s.detail ?? s.explanation)}</div>
          {s.evidence.length ? (
            <div>
              {s.evidence.map((e) => (
                <>
                  <mark>{e.text}</mark>{' '}
                </>
              ))}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Observables(p: { d: Detail; lang: Lang }) {
  const t = translator(p.lang);
  if (!p.d.observables.length) return <p class="muted">{t('ありません。', 'None.')}</p>;
  return (
    <DataTable head={[t('種類', 'Kind'), t('値', 'Value'), t('台帳', 'Ledger')]}>
      {p.d.observables.map((o) => (
        <tr>
          <td>{o.kind}</td>
          <td>
            <a href={`/cases?observable=${encodeURIComponent(o.value)}`}>{o.display}</a>
          </td>
          <td>
            {o.inLedger === true ? (
              <span class="yes">{t('✓ 台帳に登録あり', '✓ in the ledger')}</span>
            ) : o.inLedger === false ? (
              <span class="no">{t('✗ 台帳に登録なし', '✗ not in the ledger')}</span>
            ) : (
              <span class="muted">{t('照合対象外', 'not checked')}</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function Timeline(p: { d: Detail; lang: Lang }) {
  const t = translator(p.lang);
  return (
    <ol class="timeline" id="timeline">
      {p.d.events.map((e) => (
        <li data-event={e.type}>
          <strong>{eventLabel(p.lang, e.type)}</strong>
          {e.fromStatus && e.fromStatus !== e.toStatus ? ` ${statusLabel(p.lang, e.fromStatus)} → ${statusLabel(p.lang, e.toStatus)}` : ''}
          {e.resolution ? ` (${resolutionLabel(p.lang, e.resolution)})` : ''}
          <div class="muted">
            {e.actor.displayName} · <span class="chip">{e.actor.platform}</span> · <Time at={e.at} /> ·{' '}
            <code title={t('監査チェーンのハッシュ', 'audit chain hash')}>{e.hash.slice(0, 12)}</code>
          </div>
          {e.note ? <div>{e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

function Deliveries(p: { d: Detail; lang: Lang; csrf: string | null }) {
  const t = translator(p.lang);
  if (!p.d.deliveries.length) return <p class="muted">{t('配信はありません。', 'No deliveries.')}</p>;
  return (
    <DataTable head={[t('宛先', 'Platform'), t('種類', 'Kind'), t('状態', 'State'), t('試行', 'Attempts'), t('エラー', 'Error'), '']}>
      {p.d.deliveries.map((x) => (
        <tr>
          <td>
            {x.platform} <span class="muted">{x.target}</span>
          </td>
          <td>{x.kind}</td>
          <td>
            <span class={x.status === 'dead' ? 'no' : x.status === 'sent' ? 'yes' : ''}>{x.status}</span>
            {x.status === 'pending' ? (
              <div class="muted">
                {t('次回: ', 'next: ')}
                <Time at={x.nextAttemptAt} />
              </div>
            ) : null}
          </td>
          <td>{x.attempts}</td>
          <td>{x.lastError ?? ''}</td>
          <td>
            {p.csrf && x.status !== 'sent' ? (
              <form method="post" action={`/deliveries/${x.id}/retry`}>
                <Csrf token={p.csrf} />
                <input type="hidden" name="ref" value={p.d.ref} />
                <button class="secondary">{t('再試行', 'Retry')}</button>
              </form>
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The case page; `error` is shown above (a 409 from an action). */
function casePage(c: WebContext, deps: AppDeps, ref: string, opts: { error?: AppError } = {}) {
  const lang = c.get('lang');
  const t = translator(lang);
  const d = deps.cases.get(ref);
  const session = c.get('session')!;
  const canAct = roleAllows(session.user.role, 'responder');
  const done = DONE[c.req.query('done') ?? ''];
  return render(
    c,
    d.ref,
    <>
      <h1>
        {d.ref} <StatusBadge lang={lang} status={d.status} resolution={d.resolution} /> <SeverityBadge lang={lang} severity={d.severity} />
      </h1>
      {done && !opts.error ? <Flash kind="ok">{t(...done)}</Flash> : null}
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
    page(deps.logger, (c) => casePage(c, deps, (c.req.param('ref') ?? ''))),
  );

  app.post(
    '/cases/:ref/actions',
    requireRole('responder'),
    page(deps.logger, async (c) => {
      const ref = (c.req.param('ref') ?? '');
      const parsed = actionForm.safeParse(await c.req.parseBody());
      if (!parsed.success) throw validationError(parsed.error);
      const f = parsed.data;
      try {
        const r = deps.cases.act(ref, f.action, webActor(c), { resolution: f.resolution ?? null, note: f.note ?? null, expectedVersion: f.expectedVersion ?? null });
        return c.redirect(f.back === 'inbox' ? `/inbox?done=${f.action}&ref=${r.ref}` : `/cases/${r.ref}?done=${f.action}#timeline`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed')) return casePage(c, deps, ref, { error: err });
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
      deps.cases.retryDelivery(id);
      const ref = typeof body.ref === 'string' && /^KKN-\d{6,}$/.test(body.ref) ? body.ref : null;
      return c.redirect(ref ? `/cases/${ref}?done=retry` : '/cases', 303);
    }),
  );
}
