/**
 * GET /inbox — the cards the `inbox` notifier received (adapters/inbox), newest-needing-attention
 * first, each with the chat cards' three actions (Acknowledge / Confirm fraud / False positive),
 * taken through cases.act as the web user. With Slack or Teams configured the inbox is off and
 * the page says where cards go.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { inboxEnabled } from '../../../adapters/inbox/index.ts';
import type { AppDeps } from '../../deps.ts';
import { formatCaseRef } from '../../domain/ref.ts';
import type { CaseStatus } from '../../domain/case.ts';
import { cases, inboxCards } from '../../db/schema/index.ts';
import { Flash, SeverityBadge, SsoIdentity, StatusBadge, Time } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { actionDone, actionDoneMessage, actorName, actorPlatformLabel, paren, translator, unknownLabel } from '../../ui/i18n.ts';
import { page, render } from '../../ui/render.tsx';
import { roleAllows } from '../../ui/security.ts';
import { ActionForms } from './case.tsx';

const EXCERPT = 280;

export function registerInbox(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/inbox',
    requireRole('viewer'),
    page(deps.logger, async (c) => {
      const lang = c.get('lang');
      const t = translator(lang);
      const session = c.get('session')!;
      const canAct = roleAllows(session.user.role, 'responder');
      const rows = await deps.db
        .select({ card: inboxCards, version: cases.version })
        .from(inboxCards)
        .innerJoin(cases, eq(cases.id, inboxCards.caseId))
        .orderBy(sql`case ${cases.status} when 'new' then 0 when 'resolved' then 2 else 1 end`, desc(inboxCards.updatedAt), desc(inboxCards.id))
        .limit(100)
        .all();
      const shown = [];
      for (const { card: row, version } of rows) {
        const ref = formatCaseRef(row.caseId);
        shown.push({ row, version, ref, card: await deps.cases.card(ref) });
      }
      const done = c.req.query('done');
      const doneRef = c.req.query('ref');
      return render(
        c,
        t('受信箱', 'Inbox'),
        <>
          <h1>{t('受信箱', 'Inbox')}</h1>
          {!inboxEnabled(deps.config) ? (
            <Flash kind="warn">{t('Slack または Teams が設定されているため、新しいカードはそちらに届きます。', 'Slack or Teams is configured: new cards go there.')}</Flash>
          ) : (
            <p class="muted">{t('Slack / Teams が未設定のため、エスカレーションのカードはここに届きます。', 'Neither Slack nor Teams is configured, so escalation cards arrive here.')}</p>
          )}
          {done && doneRef && /^KKN-\d{6,}$/.test(doneRef) && ['acknowledge', 'resolve'].includes(done) ? (
            <Flash kind="ok">{actionDoneMessage(lang, doneRef, done, c.req.query('resolution'))}</Flash>
          ) : null}
          {rows.length === 0 ? <p>{t('カードはまだありません。', 'No cards yet.')}</p> : null}
          {shown.map(({ row, version, ref, card }) => {
            const body = card.message.body.length > EXCERPT ? `${card.message.body.slice(0, EXCERPT)}…` : card.message.body;
            return (
              <section class="card" data-ref={ref}>
                <h2>
                  <a href={`/cases/${ref}`}>{ref}</a> <StatusBadge lang={lang} status={card.status} resolution={card.resolution} /> <SeverityBadge lang={lang} severity={card.severity} />
                  {row.reminders > 0 ? <span class="chip">{t(`リマインド ${row.reminders} 回`, `${row.reminders} reminder(s)`)}</span> : null}
                </h2>
                {card.impersonated ? (
                  <p>
                    {t('なりすまされている可能性: ', 'Possibly impersonating: ')}
                    <strong>{card.impersonated.name}</strong>
                    {card.impersonated.role ? paren(lang, card.impersonated.role) : ''}
                  </p>
                ) : null}
                <p>
                  {t('送信者: ', 'Sender: ')}
                  {card.sender.name ?? unknownLabel(lang)}
                  {card.sender.accountId != null ? paren(lang, `Chatwork ID ${card.sender.accountId}`) : ''} · {t('報告', 'reports')} {card.reportCount} · <Time at={row.postedAt} />
                </p>
                <div class="message">{body}</div>
                {card.signals.length ? <p class="muted">{card.signals.map((s) => (lang === 'en' ? s.title.en : s.title.ja)).join(' · ')}</p> : null}
                {card.lastAction ? (
                  <p class="muted">
                    {actorName(lang, card.lastAction.actor)}
                    <SsoIdentity lang={lang} who={card.lastAction.actor} />
                    {paren(lang, actorPlatformLabel(lang, card.lastAction.actor.platform))}: {actionDone(lang, card.lastAction.action)} <Time at={card.lastAction.at} />
                  </p>
                ) : null}
                {canAct ? <ActionForms ref={ref} status={card.status as CaseStatus} version={version} csrf={session.csrfToken} lang={lang} back="inbox" compact /> : null}
              </section>
            );
          })}
        </>,
        { current: '/inbox' },
      );
    }),
  );
}
