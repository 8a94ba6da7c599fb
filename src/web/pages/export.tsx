/** /export — cases for a time range as CSV or JSON, with the audit chain's verification result. */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { formError } from '../form-error.ts';
import { exportCases, exportCasesCsv } from '../data/export.ts';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { translator } from '../../ui/i18n.ts';
import { page, render } from '../../ui/render.tsx';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const rangeSchema = z.object({ from: day, to: day }).refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });

export function registerExport(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/export',
    requireRole('viewer'),
    page(deps.logger, (c) => {
      const t = translator(c.get('lang'));
      const today = new Date(deps.clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
      const monthAgo = new Date(deps.clock.now().getTime() - 30 * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
      const form = (action: string, label: string) => (
        <form method="get" action={action} class="actions">
          <label>
            {t('から', 'From')} <input type="date" name="from" value={monthAgo} required />
          </label>
          <label>
            {t('まで', 'To')} <input type="date" name="to" value={today} required />
          </label>
          <button type="submit">{label}</button>
        </form>
      );
      return render(
        c,
        t('書き出し', 'Export'),
        <>
          <h1>{t('案件の書き出し', 'Export cases')}</h1>
          <p>{t('銀行や警察に提出するための記録です。監査チェーン（ハッシュ連鎖）の検証結果が含まれます。', 'For handing to a bank or the police. Includes the verification result of the audit hash chain.')}</p>
          <section class="panel">{form('/export/cases.csv', t('CSV で書き出す', 'Export CSV'))}</section>
          <section class="panel">{form('/export/cases.json', t('JSON で書き出す', 'Export JSON'))}</section>
        </>,
        { current: '/export' },
      );
    }),
  );

  for (const format of ['csv', 'json'] as const) {
    app.get(
      `/export/cases.${format}`,
      requireRole('viewer'),
      page(deps.logger, async (c) => {
        const parsed = rangeSchema.safeParse(c.req.query());
        if (!parsed.success) throw formError(c.get('lang'), parsed.error);
        const user = c.get('session')!.user;
        const doc = await exportCases(deps, { ...parsed.data, now: deps.clock.now(), by: `${user.displayName} (${user.name})` });
        deps.logger.info({ user: user.name, from: parsed.data.from, to: parsed.data.to, cases: doc.cases.length, format }, 'cases exported');
        const name = `kakunin-cases-${parsed.data.from}-${parsed.data.to}.${format}`;
        c.header('Content-Disposition', `attachment; filename="${name}"`);
        const chain = doc.auditChain;
        c.header('X-Kakunin-Audit-Chain', chain.ok ? `ok; events=${chain.rows}${chain.head ? `; head=${chain.head.lastHash}` : ''}` : `broken; row=${chain.brokenId ?? 'head'}`);
        return format === 'csv'
          ? c.body(`\uFEFF${exportCasesCsv(doc)}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
          : c.body(JSON.stringify(doc, null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
      }),
    );
  }
}
