/**
 * /ledger — the ledger (people, executives, partners, their registered bank accounts). Admins
 * import CSV or JSON: the upload is parsed into a pending import and previewed with per-row
 * errors; nothing is replaced until the admin confirms, and a confirmation is refused if the
 * ledger changed meanwhile. Export as CSV or JSON (admins).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { ledgerImports, organization } from '../../db/schema/index.ts';
import type { Directory } from '../../domain/directory.ts';
import { AppError } from '../../errors.ts';
import { Csrf, DataTable, Flash } from '../../ui/components.tsx';
import { ledgerToCsv, LEDGER_COLUMNS, parseLedgerFile, type RowError } from '../../ledger/io.ts';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { translator, type Lang } from '../../ui/i18n.ts';
import { page, render } from '../../ui/render.tsx';
import { roleAllows } from '../../ui/security.ts';

/** A preview older than this cannot be confirmed. */
const IMPORT_TTL_MS = 60 * 60_000;

const revisionOf = async (deps: AppDeps) => (await deps.db.select({ r: organization.revision }).from(organization).where(eq(organization.id, 1)).get())?.r ?? 0;

function LedgerTables(p: { dir: Directory; lang: Lang }) {
  const t = translator(p.lang);
  return (
    <>
      <h2>
        {t('社員・役員', 'People and executives')} ({p.dir.people.length})
      </h2>
      <DataTable id="people" nowrap head={[t('氏名', 'Name'), t('役職', 'Role'), t('役員', 'Executive'), 'Chatwork ID', t('電話', 'Phone'), t('メール', 'E-mail')]}>
        {p.dir.people.map((x) => (
          <tr>
            <td>
              {x.name} {x.kana ? <span class="muted">{x.kana}</span> : null}
            </td>
            <td>{x.role ?? ''}</td>
            <td>{x.executive ? '✓' : ''}</td>
            <td>{x.chatworkAccountId ?? ''}</td>
            <td>{x.phone ?? ''}</td>
            <td>{x.email ?? ''}</td>
          </tr>
        ))}
      </DataTable>
      <h2>
        {t('取引先と登録口座', 'Partners and registered bank accounts')} ({p.dir.counterparties.length})
      </h2>
      <DataTable id="partners" nowrap head={[t('会社', 'Company'), t('担当者', 'Contact'), 'Chatwork ID', t('電話・メール', 'Phone, e-mail'), t('登録口座', 'Registered accounts')]}>
        {p.dir.counterparties.map((x) => (
          <tr>
            <td>{x.company}</td>
            <td>{x.contactName ?? ''}</td>
            <td>{x.chatworkAccountId ?? ''}</td>
            <td>{[x.phone, x.email].filter(Boolean).join(' / ')}</td>
            <td>
              {x.bankAccounts.map((a) => (
                <div>
                  {a.bank} {a.branch} {a.type} {a.number} {a.holder}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

function Errors(p: { errors: RowError[]; lang: Lang }) {
  const t = translator(p.lang);
  return (
    <DataTable id="import-errors" head={[t('行', 'Row'), t('項目', 'Field'), t('内容', 'Problem')]}>
      {p.errors.map((e) => (
        <tr>
          <td>{e.row}</td>
          <td>{e.field}</td>
          <td>{p.lang === 'en' ? e.message : (e.ja ?? e.message)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const count = (d: Directory) => ({ people: d.people.length, executives: d.people.filter((p) => p.executive).length, partners: d.counterparties.length, accounts: d.counterparties.reduce((n, c) => n + c.bankAccounts.length, 0) });

export function registerLedgerPages(app: Hono<WebEnv>, deps: AppDeps): void {
  app.get(
    '/ledger',
    requireRole('viewer'),
    page(deps.logger, async (c) => {
      const lang = c.get('lang');
      const t = translator(lang);
      const session = c.get('session')!;
      const dir = await deps.directory.get();
      const isAdmin = roleAllows(session.user.role, 'admin');
      const done = c.req.query('done');
      return render(
        c,
        t('台帳', 'Ledger'),
        <>
          <h1>
            {t('台帳', 'Ledger')} {dir.organization.name ? `— ${dir.organization.name}` : ''}
          </h1>
          {done === 'replaced' ? <Flash kind="ok">{t('台帳を置き換えました。', 'The ledger was replaced.')}</Flash> : null}
          {isAdmin ? (
            <section class="panel">
              <h2>{t('取り込み（CSV / JSON）', 'Import (CSV or JSON)')}</h2>
              <form method="post" action="/ledger/import" enctype="multipart/form-data">
                <Csrf token={session.csrfToken} />
                <input type="file" name="file" accept=".csv,.json,text/csv,application/json" required aria-label={t('ファイル', 'File')} />{' '}
                <button type="submit">{t('プレビュー', 'Preview')}</button>
              </form>
              <p class="muted">
                {t('CSV の列: ', 'CSV columns: ')}
                <code>{LEDGER_COLUMNS.join(',')}</code>
                {t('。type は organization / person / partner / bank_account。確認するまで台帳は変わりません。', '. type is organization, person, partner or bank_account. Nothing changes until you confirm.')}
              </p>
              <p>
                {t('書き出し: ', 'Export: ')}
                <a href="/ledger/export.csv">CSV</a> · <a href="/ledger/export.json">JSON</a>
              </p>
            </section>
          ) : null}
          <LedgerTables dir={dir} lang={lang} />
        </>,
        { current: '/ledger' },
      );
    }),
  );

  app.post(
    '/ledger/import',
    requireRole('admin'),
    page(deps.logger, async (c) => {
      const lang = c.get('lang');
      const t = translator(lang);
      const session = c.get('session')!;
      const body = await c.req.parseBody();
      const file = body.file;
      if (!(file instanceof File) || file.size === 0) throw new AppError('validation_failed', t('ファイルを選んでください。', 'Choose a file.'));
      const current = await deps.directory.get();
      const parsed = parseLedgerFile(new Uint8Array(await file.arrayBuffer()), file.name, current, file.type);
      const isJson = parsed.format === 'json';
      const now = deps.clock.now();
      const row = await deps.db
        .insert(ledgerImports)
        .values({ userId: session.user.id, format: isJson ? 'json' : 'csv', directory: JSON.stringify(parsed.directory), errors: JSON.stringify(parsed.errors), baseRevision: await revisionOf(deps), createdAt: now.toISOString() })
        .returning({ id: ledgerImports.id })
        .get();
      const before = count(current);
      const after = count(parsed.directory);
      const canConfirm = parsed.directory.organization.name !== '' && !parsed.errors.some((e) => e.field === '(file)' || e.field === '(header)');
      return render(
        c,
        t('取り込みのプレビュー', 'Import preview'),
        <>
          <h1>{t('取り込みのプレビュー', 'Import preview')}</h1>
          <Flash kind="warn">{t('まだ台帳は変更されていません。内容を確認してから置き換えてください。', 'The ledger has not changed yet. Check the preview, then confirm.')}</Flash>
          <p id="import-format">
            {t('ファイル形式: ', 'Format: ')}
            {parsed.format.toUpperCase()} · {t('文字コード: ', 'Encoding: ')}
            {parsed.encoding ?? t('判別できません', 'unreadable')}
          </p>
          <table>
            <thead>
              <tr>
                <th></th>
                <th>{t('社員', 'People')}</th>
                <th>{t('うち役員', 'Executives')}</th>
                <th>{t('取引先', 'Partners')}</th>
                <th>{t('登録口座', 'Bank accounts')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>{t('現在', 'Now')}</td>
                <td>{before.people}</td>
                <td>{before.executives}</td>
                <td>{before.partners}</td>
                <td>{before.accounts}</td>
              </tr>
              <tr>
                <td>{t('取り込み後', 'After import')}</td>
                <td>{after.people}</td>
                <td>{after.executives}</td>
                <td>{after.partners}</td>
                <td>{after.accounts}</td>
              </tr>
            </tbody>
          </table>
          {parsed.errors.length ? (
            <>
              <h2>{t(`エラーのある行（${parsed.errors.length}）— 取り込まれません`, `Rows with errors (${parsed.errors.length}) — these will not be imported`)}</h2>
              <Errors errors={parsed.errors} lang={lang} />
            </>
          ) : (
            <p class="yes">{t('エラーはありません。', 'No errors.')}</p>
          )}
          {canConfirm ? (
            <form method="post" action={`/ledger/import/${row.id}/confirm`} class="panel">
              <Csrf token={session.csrfToken} />
              <button type="submit" class="danger">
                {parsed.errors.length
                  ? t(`エラーの行を除いて台帳を置き換える`, `Replace the ledger, skipping the rows with errors`)
                  : t('台帳を置き換える', 'Replace the ledger')}
              </button>{' '}
              <a href="/ledger">{t('やめる', 'Cancel')}</a>
            </form>
          ) : (
            <p>
              <a href="/ledger">{t('戻る', 'Back')}</a>
            </p>
          )}
          <LedgerTables dir={parsed.directory} lang={lang} />
        </>,
        { current: '/ledger' },
      );
    }),
  );

  app.post(
    '/ledger/import/:id/confirm',
    requireRole('admin'),
    page(deps.logger, async (c) => {
      const t = translator(c.get('lang'));
      const session = c.get('session')!;
      const id = Number(c.req.param('id') ?? '');
      const now = deps.clock.now();
      // Check and replace in one write transaction: no other writer (a CLI import, a second
      // confirm) can change the ledger between "unchanged since the preview" and the replacement.
      const revision = await deps.db.transaction(
        async () => {
          const imp = Number.isInteger(id)
            ? (await deps.db
                .select()
                .from(ledgerImports)
                .where(and(eq(ledgerImports.id, id), eq(ledgerImports.userId, session.user.id), isNull(ledgerImports.appliedAt)))
                .get())
            : undefined;
          if (!imp) throw new AppError('not_found', t('この取り込みは見つからないか、適用済みです。', 'No such pending import (or it was already applied).'));
          if (now.getTime() - Date.parse(imp.createdAt) > IMPORT_TTL_MS) throw new AppError('conflict', t('プレビューの有効期限が切れました。もう一度アップロードしてください。', 'The preview expired; upload the file again.'));
          if ((await revisionOf(deps)) !== imp.baseRevision) throw new AppError('conflict', t('プレビューの後に台帳が変更されました。もう一度アップロードしてください。', 'The ledger changed after this preview; upload the file again.'));
          const replaced = await deps.directory.replace(JSON.parse(imp.directory) as Directory, now);
          await deps.db.update(ledgerImports).set({ appliedAt: now.toISOString() }).where(eq(ledgerImports.id, imp.id)).run();
          return replaced;
        },
        { behavior: 'immediate' },
      );
      deps.logger.info({ user: session.user.name, importId: id, revision }, 'ledger replaced from the console');
      return c.redirect('/ledger?done=replaced', 303);
    }),
  );

  app.get(
    '/ledger/export.csv',
    requireRole('admin'),
    page(deps.logger, async (c) => {
      c.header('Content-Disposition', 'attachment; filename="kakunin-ledger.csv"');
      return c.body(`\uFEFF${ledgerToCsv(await deps.directory.get())}`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }),
  );
  app.get(
    '/ledger/export.json',
    requireRole('admin'),
    page(deps.logger, async (c) => {
      c.header('Content-Disposition', 'attachment; filename="kakunin-ledger.json"');
      return c.body(JSON.stringify(await deps.directory.get(), null, 2), 200, { 'Content-Type': 'application/json; charset=utf-8' });
    }),
  );
}
