/** GET /cases: filters, sorting, counts per status and keyset pagination. */
import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { CASE_STATUSES } from '../../domain/case.ts';
import { VERDICTS } from '../../domain/detection.ts';
import { formError } from '../form-error.ts';
import { SeverityBadge, StatusBadge, Time } from '../../ui/components.tsx';
import { caseSearchSchema, searchCases, SORTS, type CaseSearch } from '../data/case-search.ts';
import type { WebEnv } from '../../ui/env.ts';
import { paren, statusLabel, translator, unknownLabel, verdictLabel, type Lang } from '../../ui/i18n.ts';
import { page, render } from '../../ui/render.tsx';
import { requireRole } from '../guards.ts';

const SORT_LABEL: Record<(typeof SORTS)[number], [string, string]> = {
  newest: ['新しい順', 'Newest'],
  oldest: ['古い順', 'Oldest'],
  last_report: ['最新の報告順', 'Latest report'],
  severity: ['重大度順', 'Severity'],
  reports: ['報告数順', 'Most reports'],
};

/** The query string of the current filters with some parameters replaced. */
function link(q: CaseSearch, change: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, cursor: undefined, ...change })) {
    if (v !== undefined && v !== '' && !(k === 'limit' && v === 50) && !(k === 'sort' && v === 'newest')) p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `/cases?${s}` : '/cases';
}

/** How many filters beyond the text search are set (shown on the collapsed filter box). */
function activeFilters(q: CaseSearch): number {
  return [q.status, q.severity, q.from, q.to, q.sender, q.reporter, q.observable].filter((v) => v !== undefined).length + (q.sort !== 'newest' ? 1 : 0);
}

/**
 * A text search always in view, and the other filters folded into a <details> (no script): on a
 * phone the list starts on the first screen. The box is open while any of its filters is set.
 */
function Filters(p: { q: CaseSearch; lang: Lang }) {
  const t = translator(p.lang);
  const q = p.q;
  const n = activeFilters(q);
  return (
    <>
      <form method="get" action="/cases" class="quick-search" role="search" aria-label={t('本文で検索', 'Search text')}>
        <input type="search" name="q" value={q.q ?? ''} placeholder={t('本文・送信者・口座番号などで検索', 'Search messages')} aria-label={t('本文', 'Text')} />
        {Object.entries({ status: q.status, severity: q.severity, from: q.from, to: q.to, sender: q.sender, reporter: q.reporter, observable: q.observable }).map(([k, v]) =>
          v ? <input type="hidden" name={k} value={v} /> : null,
        )}
        <button type="submit">{t('検索', 'Search')}</button>
      </form>
      <details class="filter-box" open={n > 0 ? true : undefined}>
        <summary>{n > 0 ? t(`絞り込み・並び替え（${n} 件の条件）`, `Filters and sort (${n} set)`) : t('絞り込み・並び替え', 'Filters and sort')}</summary>
        <FilterForm q={q} lang={p.lang} />
      </details>
    </>
  );
}

function FilterForm(p: { q: CaseSearch; lang: Lang }) {
  const t = translator(p.lang);
  const q = p.q;
  return (
    <form method="get" action="/cases" class="panel filters" role="search">
      <label>
        {t('状態', 'Status')}
        <select name="status">
          <option value="">{t('すべて', 'All')}</option>
          {CASE_STATUSES.map((s) => (
            <option value={s} selected={q.status === s}>
              {statusLabel(p.lang, s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('重大度', 'Severity')}
        <select name="severity">
          <option value="">{t('すべて', 'All')}</option>
          {[...VERDICTS].reverse().map((v) => (
            <option value={v} selected={q.severity === v}>
              {verdictLabel(p.lang, v)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('期間（から）', 'From')}
        <input type="date" name="from" value={q.from ?? ''} />
      </label>
      <label>
        {t('期間（まで）', 'To')}
        <input type="date" name="to" value={q.to ?? ''} />
      </label>
      <label>
        {t('本文', 'Text')}
        <input type="search" name="q" value={q.q ?? ''} />
      </label>
      <label>
        {t('送信者（名前・ID）', 'Sender (name or id)')}
        <input type="search" name="sender" value={q.sender ?? ''} />
      </label>
      <label>
        {t('報告者（名前・ID）', 'Reporter (name or id)')}
        <input type="search" name="reporter" value={q.reporter ?? ''} />
      </label>
      <label>
        {t('口座・電話・URLなど', 'Account, phone, URL…')}
        <input type="search" name="observable" value={q.observable ?? ''} />
      </label>
      <label>
        {t('並び順', 'Sort')}
        <select name="sort">
          {SORTS.map((s) => (
            <option value={s} selected={q.sort === s}>
              {t(...SORT_LABEL[s])}
            </option>
          ))}
        </select>
      </label>
      <div>
        <button type="submit">{t('検索', 'Search')}</button> <a href="/cases">{t('クリア', 'Clear')}</a>
      </div>
    </form>
  );
}

export function registerCasesPage(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/cases',
    requireRole('viewer'),
    page(deps.logger, async (c) => {
      const lang = c.get('lang');
      const t = translator(lang);
      const parsed = caseSearchSchema.safeParse(c.req.query());
      if (!parsed.success) throw formError(c.get('lang'), parsed.error);
      const q = parsed.data;
      const result = await searchCases(deps.db, q);
      return render(
        c,
        t('案件', 'Cases'),
        <>
          <h1>{t('案件', 'Cases')}</h1>
          <Filters q={q} lang={lang} />
          <div class="counts" aria-label={t('件数', 'Counts')}>
            <a class="chip" href={link(q, { status: undefined })}>
              {t('すべて', 'All')}: {Object.values(result.counts).reduce((a, b) => a + b, 0)}
            </a>
            {CASE_STATUSES.map((s) => (
              <a class="chip" href={link(q, { status: s })}>
                {statusLabel(lang, s)}: {result.counts[s]}
              </a>
            ))}
          </div>
          <p class="muted">
            {t(`${result.total} 件`, `${result.total} case(s)`)}
          </p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t('案件', 'Case')}</th>
                  <th>{t('状態', 'Status')}</th>
                  <th>{t('重大度', 'Severity')}</th>
                  <th>{t('送信者', 'Sender')}</th>
                  <th class="hide-sm">{t('本文', 'Message')}</th>
                  <th>{t('報告', 'Reports')}</th>
                  <th class="hide-sm">{t('最新の報告', 'Last report')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr>
                    <td>
                      <a href={`/cases/${r.ref}`}>{r.ref}</a>
                    </td>
                    <td>
                      <StatusBadge lang={lang} status={r.status} resolution={r.resolution} />
                    </td>
                    <td>
                      <SeverityBadge lang={lang} severity={r.severity} bare />
                    </td>
                    <td>
                      {r.senderName ?? unknownLabel(lang)}
                      {r.senderAccountId != null ? <span class="muted">{paren(lang, String(r.senderAccountId))}</span> : null}
                    </td>
                    <td class="hide-sm">{r.excerpt}</td>
                    <td>{r.reportCount}</td>
                    <td class="hide-sm">
                      <Time at={r.lastReportAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.rows.length === 0 ? <p>{t('該当する案件はありません。', 'No cases match.')}</p> : null}
          <div class="pager">
            {q.cursor ? <a href={link(q, {})}>{t('« 最初のページ', '« First page')}</a> : null}
            {result.nextCursor ? (
              <a href={`${link(q, {})}${link(q, {}).includes('?') ? '&' : '?'}cursor=${encodeURIComponent(result.nextCursor)}`} rel="next">
                {t('次のページ »', 'Next page »')}
              </a>
            ) : null}
          </div>
        </>,
        { current: '/cases' },
      );
    }),
  );
}
