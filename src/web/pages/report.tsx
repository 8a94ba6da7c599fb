/**
 * /report — the employee's report form: paste the message, who sent it (name and Chatwork id),
 * when the contact was approved, a note. Open to signed-in users and to anyone holding the
 * organisation's report link (`/report?t=…`, rotated by admins). A hidden submission id makes a
 * double submit return the same case. Afterwards a signed-in employee sees the case ref; someone
 * using the link sees only a receipt number (never whether the report joined a known case, nor
 * its verdict), and the link is rate-limited per address and in all. Both get Chatwork's immediate
 * steps (Chatwork's FAQ on impersonation, January 2026).
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { reportLinkId, reserveLinkReport } from '../../auth/report-links.ts';
import { formatReceipt } from '../../domain/ref.ts';
import { MAX_MESSAGE_BODY_BYTES, MESSAGE_BODY_TOO_LARGE, withinBodyCap, type Report } from '../../domain/report.ts';
import { formError } from '../form-error.ts';
import { Csrf, Flash, SeverityBadge } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { translator, type Lang } from '../../ui/i18n.ts';
import { contactLine, generalAdvice, type Advice } from '../../domain/advice.ts';
import type { Signal } from '../../domain/detection.ts';
import type { Bilingual } from '../../domain/detection.ts';
import { errorPage, page, render, type WebContext } from '../../ui/render.tsx';
import { clientIp } from '../../ui/security.ts';

const APPROVED = ['today', 'this_week', 'earlier', 'unknown'] as const;

/**
 * When the contact was approved, as the time detection uses: today → one hour ago (a brand-new
 * contact), this week → 72 hours ago (recent), earlier → 30 days ago (established), unknown → none.
 */
export function contactApprovedAt(answer: (typeof APPROVED)[number], now: Date): string | null {
  const hoursAgo = { today: 1, this_week: 72, earlier: 30 * 24, unknown: null }[answer];
  return hoursAgo === null ? null : new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * The sender's account id as an employee can find it: digits, or pasted Chatwork notation that
 * carries it (「[To:1234567]」 from the TO button, 「[rp aid=1234567 …]」, 「[qtmeta aid=1234567 …]」
 * from 引用). Anything else stays as typed, so validation names the field.
 */
export function senderIdOf(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim().normalize('NFKC');
  if (s === '') return undefined;
  if (/^\d{1,15}$/.test(s)) return s;
  return /(?:\[To:|aid=)(\d{1,15})/.exec(s.slice(0, 200))?.[1] ?? s;
}

/** A sender id in a message pasted from 「引用」 (「[qtmeta aid=1234567 time=…]」), when the form has none. */
function quotedSenderId(body: string): number | null {
  const m = /\[qtmeta aid=(\d{1,15})[ \]]/.exec(body);
  return m ? Number(m[1]) : null;
}
const reportForm = z.object({
  body: z.string().refine((s) => s.trim().length > 0, 'required').refine(withinBodyCap, MESSAGE_BODY_TOO_LARGE),
  senderName: z.preprocess(blank, z.string().trim().max(200).optional()),
  senderId: z.preprocess(senderIdOf, z.coerce.number().int().min(1).max(99_999_999_999).optional()),
  approved: z.enum(APPROVED).default('unknown'),
  note: z.preprocess(blank, z.string().max(4000).optional()),
  reporterName: z.preprocess(blank, z.string().trim().max(200).optional()),
  submissionId: z.uuid(),
});

function ReportForm(p: { c: WebContext; action: string; anonymous: boolean; error?: string }) {
  const lang = p.c.get('lang');
  const t = translator(lang);
  const session = p.c.get('session');
  return (
    <section class="card">
      <h1>{t('不審なメッセージを報告する', 'Report a suspicious message')}</h1>
      {p.error ? <Flash kind="err">{p.error}</Flash> : null}
      <p class="muted">{t('返信や送金はせず、まずここに貼り付けてください。', 'Do not reply or pay; paste the message here first.')}</p>
      <form method="post" action={p.action}>
        <Csrf token={session ? session.csrfToken : p.c.get('preCsrf')} />
        <input type="hidden" name="submissionId" value={randomUUID()} />
        <label for="body">{t('メッセージ（画面に表示されているとおりに貼り付け）', 'The message (paste it as you see it)')}</label>
        <p class="muted hint" id="body-hint">
          {t(
            'Chatwork でメッセージを選んでコピーし、そのまま貼り付けてください。名前や日時の行が入っていても、「引用」でコピーしたものでもかまいません。',
            'Copy the message in Chatwork and paste it here as it is. Name or time lines are fine, and so is text copied with Quote.',
          )}
        </p>
        <textarea id="body" name="body" required maxlength={MAX_MESSAGE_BODY_BYTES} aria-describedby="body-hint"></textarea>
        <div class="grid2">
          <div>
            <label for="senderName">{t('送信者の表示名', "Sender's display name")}</label>
            <input id="senderName" name="senderName" maxlength={200} />
          </div>
          <div>
            <label for="senderId">{t('送信者のアカウント番号（わかれば・任意）', "Sender's account number (optional)")}</label>
            <input id="senderId" name="senderId" maxlength={200} aria-describedby="senderId-hint" autocomplete="off" />
            <p class="muted hint" id="senderId-hint">
              {t(
                'わからなければ空欄で大丈夫です。メッセージの「TO」ボタンを押すと入力欄に出る [To:1234567] をそのまま貼り付けてもかまいません。',
                'Leave it empty if you don’t know it. You may paste the [To:1234567] that the message’s TO button puts in the input box.',
              )}
            </p>
          </div>
        </div>
        <label for="approved">{t('この相手のコンタクトを承認したのは', 'You approved this contact')}</label>
        <select id="approved" name="approved">
          <option value="today">{t('今日', 'today')}</option>
          <option value="this_week">{t('今週', 'this week')}</option>
          <option value="earlier">{t('それより前', 'earlier')}</option>
          <option value="unknown" selected>
            {t('わからない', "don't know")}
          </option>
        </select>
        {p.anonymous ? (
          <>
            <label for="reporterName">{t('あなたの名前', 'Your name')}</label>
            <input id="reporterName" name="reporterName" maxlength={200} />
          </>
        ) : null}
        <label for="note">{t('メモ（任意）', 'Note (optional)')}</label>
        <textarea id="note" name="note" maxlength={4000}></textarea>
        <p>
          <button type="submit">{t('報告する', 'Report')}</button>
        </p>
      </form>
    </section>
  );
}

/** The reasons a signed-in reporter is shown: what pointed to fraud (not context or mitigations). */
const reasonsOf = (signals: Signal[]): Bilingual[] => signals.filter((s) => s.category !== 'mitigating' && s.category !== 'context').slice(0, 5).map((s) => s.title);

/** The advice for the report (src/domain/advice.ts, the same as the Chatwork reply), with the ledger contact. */
function AdviceView(p: { lang: Lang; advice: Advice; reasons: Bilingual[] }) {
  const pick = (b: Bilingual) => (p.lang === 'en' ? b.en : b.ja);
  const t = translator(p.lang);
  const a = p.advice;
  const fill = (b: Bilingual) => {
    const [before, after] = pick(b).split('{contact}');
    return after === undefined || !a.contact ? (
      before
    ) : (
      <>
        {before}
        <strong class="contact">{contactLine(a.contact, p.lang)}</strong>
        {after}
      </>
    );
  };
  return (
    <>
      <p class={a.alarming ? 'no' : 'yes'} id="verdict">
        {pick(a.verdict)}
      </p>
      {p.reasons.length ? (
        <>
          <h2>{t('理由', 'Why')}</h2>
          <ul id="reasons">
            {p.reasons.map((r) => (
              <li>{pick(r)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {!a.alarming ? (
        <>
          <h2>{t('確認したこと', 'What was checked')}</h2>
          <ul id="checked">
            {a.checked.map((c) => (
              <li>{pick(c)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {a.notified ? <p id="notified">{pick(a.notified)}</p> : null}
      <h2>{pick(a.stepsTitle)}</h2>
      <ol id="steps">
        {a.steps.map((s) => (
          <li>{fill(s)}</li>
        ))}
      </ol>
      {a.contact && (a.contact.phone || a.contact.email) ? (
        <p class="panel" id="contact">
          {t('台帳の連絡先: ', 'Ledger contact: ')}
          <strong>{contactLine(a.contact, p.lang)}</strong>
        </p>
      ) : null}
    </>
  );
}

export function registerReportForm(app: Hono<WebEnv>, deps: AppDeps): void {
  /** Who may use the form: a signed-in user, or the current report link. */
  const access = async (c: WebContext): Promise<{ ok: boolean; anonymous: boolean; action: string; linkId: number | null }> => {
    if (c.get('session')) return { ok: true, anonymous: false, action: '/report', linkId: null };
    const token = c.req.query('t');
    const linkId = await reportLinkId(deps.db, token);
    if (linkId !== null) return { ok: true, anonymous: true, action: `/report?t=${encodeURIComponent(token!)}`, linkId };
    return { ok: false, anonymous: true, action: '', linkId: null };
  };
  const denied = (c: WebContext) => {
    const t = translator(c.get('lang'));
    return errorPage(c, 403, t('この報告リンクは無効です。サインインするか、管理者から最新の報告リンクを受け取ってください。', 'This report link is not valid. Sign in, or ask an admin for the current report link.'));
  };

  app.get(
    '/report',
    page(deps.logger, async (c) => {
      const a = await access(c);
      if (!a.ok) return c.req.query('t') ? denied(c) : c.redirect('/signin?next=%2Freport', 303);
      return render(c, translator(c.get('lang'))('報告', 'Report'), <ReportForm c={c} action={a.action} anonymous={a.anonymous} />, { current: '/report' });
    }),
  );

  app.post(
    '/report',
    page(deps.logger, async (c) => {
      const a = await access(c);
      if (!a.ok) return denied(c);
      const lang = c.get('lang');
      const t = translator(lang);
      if (a.linkId !== null) {
        const ip = clientIp(c, deps.config.web.trustProxy);
        const r = await reserveLinkReport(deps.db, { linkId: a.linkId, ip, now: deps.clock.now() });
        if (!r.ok) {
          deps.logger.warn({ ip, limit: r.limit }, 'report link rate limited');
          const minutes = Math.max(1, Math.ceil(r.retryAfterMs / 60_000));
          c.header('Retry-After', String(Math.ceil(r.retryAfterMs / 1000)));
          return errorPage(
            c,
            429,
            r.limit === 'address'
              ? t(`この接続元からの報告が多すぎます。${minutes}分後にもう一度お試しいただくか、サインインして報告してください。`, `Too many reports from this address. Try again in ${minutes} min, or sign in to report.`)
              : t(`この報告リンクへの報告が多すぎます。${minutes}分後にもう一度お試しいただくか、サインインして報告してください。`, `Too many reports through this link. Try again in ${minutes} min, or sign in to report.`),
          );
        }
      }
      const parsed = reportForm.safeParse(await c.req.parseBody());
      if (!parsed.success) {
        const err = formError(c.get('lang'), parsed.error);
        return render(c, t('報告', 'Report'), <ReportForm c={c} action={a.action} anonymous={a.anonymous} error={err.message} />, { status: 422, current: '/report' });
      }
      const f = parsed.data;
      const session = c.get('session');
      const now = deps.clock.now();
      const report: Report = {
        message: { body: f.body, sender: { name: f.senderName ?? null, accountId: f.senderId ?? quotedSenderId(f.body) }, sentAt: null },
        context: { contactApprovedAt: contactApprovedAt(f.approved, now) },
        reporter: { name: session ? session.user.displayName : (f.reporterName ?? null), accountId: null },
        note: f.note ?? null,
      };
      const caller = { kind: 'web', user: session ? { id: session.user.id, displayName: session.user.displayName, email: session.user.email, issuer: session.user.issuer } : null } as const;
      const { result } = await deps.cases.submit(report, { caller, externalId: `web:${f.submissionId}` });
      deps.logger.info({ caseRef: result.caseRef, via: session ? 'session' : 'report-link' }, 'web report submitted');
      return render(
        c,
        t('報告を受け付けました', 'Report received'),
        <section class="card">
          <h1>{t('報告を受け付けました', 'Report received')}</h1>
          {session ? (
            <>
              <p>
                {t('案件番号: ', 'Case: ')}
                <a href={`/cases/${result.caseRef}`}>{result.caseRef}</a> <SeverityBadge lang={lang} severity={result.verdict} />
              </p>
              <AdviceView lang={lang} advice={await deps.cases.advice(result.reportId)} reasons={reasonsOf(result.signals)} />
            </>
          ) : (
            // Through the link, nothing about the case: its ref, verdict, reasons or a ledger contact would tell an
            // outsider that a sender or account is already known (or give out an executive's phone number).
            <>
              <p>
                {t('受付番号: ', 'Receipt number: ')}
                <strong>{formatReceipt(result.reportId)}</strong>
              </p>
              <AdviceView lang={lang} advice={generalAdvice()} reasons={[]} />
            </>
          )}
          <p class="muted">{t('出典: Chatwork「なりすましアカウントに関するQ&A」（2026年1月）', 'Source: Chatwork, impersonation accounts Q&A (January 2026)')}</p>
          <p>
            <a href={a.action}>{t('別のメッセージを報告する', 'Report another message')}</a>
          </p>
        </section>,
        { status: 201, current: '/report' },
      );
    }),
  );
}
