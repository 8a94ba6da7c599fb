/** GET /stats — the metrics page: reports per day, verdict and resolution mix, time to acknowledge/resolve, top impersonated people. */
import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { DayBars, HBars } from '../charts.tsx';
import { computeMetrics } from '../data/metrics.ts';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { resolutionLabel, statusLabel, translator, verdictLabel, type T } from '../../ui/i18n.ts';
import { page, render } from '../../ui/render.tsx';

const SEV_COLOR: Record<string, string> = { high: '#a50e0e', medium: '#c98a00', low: '#0b57d0', none: '#8a94a6' };

/** Minutes as "3 h 20 min" / "45 min". */
function duration(t: T, m: number | null): string {
  if (m === null) return '—';
  const mins = Math.round(m);
  if (mins < 60) return t(`${mins}分`, `${mins} min`);
  const h = Math.floor(mins / 60);
  if (h < 48) return t(`${h}時間${mins % 60}分`, `${h} h ${mins % 60} min`);
  return t(`${Math.round(h / 24)}日`, `${Math.round(h / 24)} days`);
}

export function registerMetrics(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/stats',
    requireRole('viewer'),
    page(deps.logger, async (c) => {
      const lang = c.get('lang');
      const t = translator(lang);
      const days = [7, 30, 90, 365].includes(Number(c.req.query('days'))) ? Number(c.req.query('days')) : 30;
      const m = await computeMetrics(deps.db, deps.clock.now(), days);
      return render(
        c,
        t('指標', 'Metrics'),
        <>
          <h1>{t('指標', 'Metrics')}</h1>
          <p>
            {[7, 30, 90, 365].map((d) => (
              <>
                {d === days ? <strong>{t(`${d}日`, `${d} days`)}</strong> : <a href={`/stats?days=${d}`}>{t(`${d}日`, `${d} days`)}</a>}{' '}
              </>
            ))}
          </p>
          <section class="card">
            <h2>{t(`1日あたりの報告数（合計 ${m.totalReports}）`, `Reports per day (total ${m.totalReports})`)}</h2>
            <DayBars data={m.perDay} label={t('1日あたりの報告数', 'Reports per day')} />
          </section>
          <div class="grid2">
            <section class="card">
              <h2>{t('判定の内訳（案件）', 'Verdict mix (cases)')}</h2>
              <HBars data={['high', 'medium', 'low', 'none'].map((k) => ({ label: verdictLabel(lang, k), n: m.verdicts.find((v) => v.k === k)?.n ?? 0, color: SEV_COLOR[k] }))} label={t('判定の内訳', 'Verdict mix')} />
              <h2>{t('結果', 'Outcome')}</h2>
              <HBars data={m.resolutions.map((r) => ({ label: r.k.includes('_') || r.k === 'benign' ? resolutionLabel(lang, r.k) : statusLabel(lang, r.k), n: r.n }))} label={t('結果', 'Outcome')} />
            </section>
            <section class="card">
              <h2>{t('対応までの時間', 'Time to respond')}</h2>
              <dl class="kv">
                <dt>{t('受付まで（中央値）', 'To acknowledge (median)')}</dt>
                <dd>{duration(t, m.timeToAcknowledge.median)}</dd>
                <dt>{t('受付まで（90%）', 'To acknowledge (90th pct)')}</dt>
                <dd>{duration(t, m.timeToAcknowledge.p90)}</dd>
                <dt>{t('解決まで（中央値）', 'To resolve (median)')}</dt>
                <dd>{duration(t, m.timeToResolve.median)}</dd>
                <dt>{t('解決まで（90%）', 'To resolve (90th pct)')}</dt>
                <dd>{duration(t, m.timeToResolve.p90)}</dd>
                <dt>{t('対象案件', 'Cases measured')}</dt>
                <dd>
                  {m.timeToAcknowledge.n} / {m.timeToResolve.n}
                </dd>
              </dl>
              <h2>{t('なりすまされた人（上位）', 'Most impersonated')}</h2>
              {m.impersonated.length ? <HBars data={m.impersonated.map((r) => ({ label: r.name, n: r.n, color: '#a50e0e' }))} label={t('なりすまされた人', 'Most impersonated')} /> : <p class="muted">{t('まだありません。', 'None yet.')}</p>}
            </section>
          </div>
        </>,
        { current: '/stats' },
      );
    }),
  );
}
