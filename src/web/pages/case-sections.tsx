/**
 * The sections of the case page (src/web/pages/case.tsx): who is impersonated, every report with
 * its message highlighted, signals, observables with their ledger check, the audit timeline and
 * the deliveries. Pure JSX over the case detail; all text is rendered as text.
 */
import { formatReceipt } from '../../domain/ref.ts';
import type { CaseService } from '../../cases/service.ts';
import type { Bilingual, IdentityMatch, Signal } from '../../domain/detection.ts';
import { Csrf, DataTable, SeverityBadge, SsoIdentity, Time } from '../../ui/components.tsx';
import { HighlightedMessage } from '../highlight.tsx';
import {
  actorName,
  actorPlatformLabel,
  categoryLabel,
  deliveryKindLabel,
  deliveryStatusLabel,
  eventLabel,
  observableLabel,
  paren,
  platformLabel,
  resolutionLabel,
  sourceLabel,
  statusLabel,
  translator,
  unknownLabel,
  type Lang,
  type T,
} from '../../ui/i18n.ts';

/** Everything about one case, as the case service returns it. */
export type Detail = Awaited<ReturnType<CaseService['get']>>;

/** The text of `b` in the page's language. */
export const bi = (lang: Lang, b: Bilingual | undefined | null) => (b ? (lang === 'en' ? b.en : b.ja) : '');

/** The case page's identity section. */
export function Identity(p: { id: IdentityMatch | null; t: T; lang: Lang }) {
  if (!p.id) return null;
  const { t } = p;
  return (
    <p>
      {t('名乗っている相手: ', 'Claims to be: ')}
      <strong>{p.id.name}</strong>
      {p.id.role ? paren(p.lang, p.id.role) : ''}
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

/** The case page's reports section. */
export function Reports(p: { d: Detail; lang: Lang }) {
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
              {t(`報告 ${p.d.reportsSkipped + i + 1}`, `Report ${p.d.reportsSkipped + i + 1}`)} <SeverityBadge lang={p.lang} severity={r.verdict} /> <span class="muted">{t('スコア', 'score')} {Math.round(r.score)} · {t('受付番号', 'receipt')} {formatReceipt(r.id)}</span>
            </h3>
            <dl class="kv">
              <dt>{t('送信者', 'Sender')}</dt>
              <dd>
                {rep.message.sender?.name ?? unknownLabel(p.lang)}
                {rep.message.sender?.accountId != null ? <span class="muted"> (Chatwork ID {rep.message.sender.accountId})</span> : null}
              </dd>
              <dt>{t('報告者', 'Reporter')}</dt>
              <dd>
                {rep.reporter?.name ?? unknownLabel(p.lang)} <span class="chip">{sourceLabel(p.lang, r.source)}</span>
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
            <Identity id={r.identity as IdentityMatch | null} t={t} lang={p.lang} />
            <HighlightedMessage body={rep.message.body} marks={marks} label={t('元のメッセージ（原文のまま）', 'Original message (verbatim)')} />
          </section>
        );
      })}
    </>
  );
}

/** The case page's signals section. */
export function Signals(p: { signals: (Signal & { reportId: number })[]; lang: Lang }) {
  const t = translator(p.lang);
  if (!p.signals.length) return <p class="muted">{t('検知された兆候はありません。', 'No signals.')}</p>;
  return (
    <ul>
      {p.signals.map((s) => (
        <li>
          <strong>{bi(p.lang, s.title)}</strong> <span class="chip">{categoryLabel(p.lang, s.category)}</span> <span class="chip">{s.strength === 'strong' ? t('強い兆候', 'strong') : t('補助的な兆候', 'supporting')}</span>
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

/** The case page's observables section. */
export function Observables(p: { d: Detail; lang: Lang }) {
  const t = translator(p.lang);
  if (!p.d.observables.length) return <p class="muted">{t('ありません。', 'None.')}</p>;
  return (
    <DataTable head={[t('種類', 'Kind'), t('値', 'Value'), t('台帳', 'Ledger')]}>
      {p.d.observables.map((o) => (
        <tr>
          <td>{observableLabel(p.lang, o.kind)}</td>
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

/** The case page's timeline section. */
export function Timeline(p: { d: Detail; lang: Lang }) {
  const t = translator(p.lang);
  return (
    <ol class="timeline" id="timeline">
      {p.d.events.map((e) => (
        <li data-event={e.type}>
          <strong>{eventLabel(p.lang, e.type)}</strong>
          {e.fromStatus && e.fromStatus !== e.toStatus ? ` ${statusLabel(p.lang, e.fromStatus)} → ${statusLabel(p.lang, e.toStatus)}` : ''}
          {e.resolution ? ` (${resolutionLabel(p.lang, e.resolution)})` : ''}
          <div class="muted">
            {actorName(p.lang, e.actor)}
            <SsoIdentity lang={p.lang} who={e.actor} /> · <span class="chip">{actorPlatformLabel(p.lang, e.actor.platform)}</span> · <Time at={e.at} /> ·{' '}
            <code title={t('監査チェーンのハッシュ', 'audit chain hash')}>{e.hash.slice(0, 12)}</code>
          </div>
          {e.note ? <div>{e.note}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** The case page's deliveries section. */
export function Deliveries(p: { d: Detail; lang: Lang; csrf: string | null }) {
  const t = translator(p.lang);
  if (!p.d.deliveries.length) return <p class="muted">{t('配信はありません。', 'No deliveries.')}</p>;
  return (
    <DataTable head={[t('宛先', 'Platform'), t('種類', 'Kind'), t('状態', 'State'), t('試行', 'Attempts'), t('エラー', 'Error'), '']}>
      {p.d.deliveries.map((x) => (
        <tr>
          <td>
            {platformLabel(p.lang, x.platform)} {x.platform === 'console' || x.platform === 'inbox' ? null : <span class="muted">{x.target}</span>}
          </td>
          <td>{deliveryKindLabel(p.lang, x.kind)}</td>
          <td>
            <span class={x.status === 'dead' ? 'no' : x.status === 'sent' ? 'yes' : ''}>{deliveryStatusLabel(p.lang, x.status)}</span>
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
