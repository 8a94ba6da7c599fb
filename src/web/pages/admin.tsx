/**
 * /admin — users (create, change role, disable/enable, new password), API tokens (create, revoke)
 * and the organisation's report link (rotate, revoke). Secrets (a generated password, a token, a
 * report link) are shown once, on the page answering the POST, and never stored in clear.
 */
import { asc, eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../../deps.ts';
import { generatePassword } from '../../auth/passwords.ts';
import { currentReportLink, revokeReportLinks, rotateReportLink } from '../../auth/report-links.ts';
import { createToken } from '../../auth/tokens.ts';
import { createUser, listUsers, updateUser } from '../../auth/users.ts';
import { apiTokens, TOKEN_SCOPES } from '../../db/schema/index.ts';
import { USER_ROLES } from '../../domain/user.ts';
import { AppError } from '../../errors.ts';
import { formError } from '../form-error.ts';
import { Csrf, DataTable, Flash, SsoIdentity, Time } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { roleLabel, scopeLabel, translator } from '../../ui/i18n.ts';
import { page, render, type WebContext } from '../../ui/render.tsx';
import { confirmed, confirmPage } from '../confirm.tsx';
import { TeamsBindingsSection } from './admin-teams.tsx';
import { ChatworkSection } from './admin-chatwork.tsx';

type Secret = { label: string; value: string };

async function adminPage(c: WebContext, deps: AppDeps, opts: { secret?: Secret; ok?: string; error?: string; status?: 200 | 201 | 409 | 422 } = {}) {
  const lang = c.get('lang');
  const t = translator(lang);
  const session = c.get('session')!;
  const users = await listUsers(deps.db);
  const tokens = await deps.db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all();
  const link = await currentReportLink(deps.db);
  const csrf = <Csrf token={session.csrfToken} />;
  return render(
    c,
    t('管理', 'Admin'),
    <>
      <h1>{t('管理', 'Admin')}</h1>
      {opts.ok ? <Flash kind="ok">{opts.ok}</Flash> : null}
      {opts.error ? <Flash kind="err">{opts.error}</Flash> : null}
      {opts.secret ? (
        <Flash kind="warn">
          <p>{t(`${opts.secret.label}（この画面でのみ表示されます。今すぐ控えてください）`, `${opts.secret.label} (shown only now; copy it)`)}</p>
          <p class="secret" id="secret">
            {opts.secret.value}
          </p>
        </Flash>
      ) : null}
      <h2>{t('ユーザー', 'Users')}</h2>
      <DataTable id="users" head={[t('ユーザー名', 'User'), t('表示名', 'Display name'), t('権限', 'Role'), t('状態', 'State'), '']}>
        {users.map((u) => (
          <tr data-user={u.name}>
            <td>{u.issuer ? <SsoIdentity lang={lang} who={u} /> : u.name}</td>
            <td>{u.displayName}</td>
            <td>
              {u.issuer ? (
                <>
                  {roleLabel(lang, u.role)} <span class="muted">{t('（ID プロバイダーのグループで決定）', ' (from the identity provider’s groups)')}</span>
                </>
              ) : (
              <form method="post" action={`/admin/users/${u.id}`} class="actions">
                {csrf}
                <select name="role" aria-label={t('権限', 'Role')}>
                  {USER_ROLES.map((r) => (
                    <option value={r} selected={u.role === r}>
                      {roleLabel(lang, r)}
                    </option>
                  ))}
                </select>
                <button class="secondary" name="op" value="role">{t('変更', 'Change')}</button>
              </form>
              )}
            </td>
            <td>{u.disabledAt ? <span class="no">{t('無効', 'disabled')}</span> : <span class="yes">{t('有効', 'active')}</span>}</td>
            <td>
              <div class="actions">
                <form method="post" action={`/admin/users/${u.id}`}>
                  {csrf}
                  <button class="secondary" name="op" value={u.disabledAt ? 'enable' : 'disable'}>
                    {u.disabledAt ? t('有効にする', 'Enable') : t('無効にする', 'Disable')}
                  </button>
                </form>
                {u.issuer ? null : (
                  <form method="post" action={`/admin/users/${u.id}`}>
                    {csrf}
                    <button class="secondary" name="op" value="password">{t('パスワード再発行', 'New password')}</button>
                  </form>
                )}
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action="/admin/users" class="panel actions">
        {csrf}
        <label>
          {t('ユーザー名', 'User name')} <input name="name" required maxlength={64} pattern="[A-Za-z0-9._@\-]+" />
        </label>
        <label>
          {t('表示名', 'Display name')} <input name="displayName" maxlength={100} />
        </label>
        <label>
          {t('権限', 'Role')}
          <select name="role">
            {USER_ROLES.map((r) => (
              <option value={r}>{roleLabel(lang, r)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('ユーザーを作成（パスワードは自動生成）', 'Create user (password generated)')}</button>
      </form>

      <h2>{t('API トークン', 'API tokens')}</h2>
      <DataTable id="tokens" head={[t('名前', 'Name'), t('範囲', 'Scope'), t('先頭', 'Prefix'), t('作成', 'Created'), '']}>
        {tokens.map((k) => (
          <tr>
            <td>{k.name}</td>
            <td>{scopeLabel(lang, k.scope)}</td>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>
              <Time at={k.createdAt} />
            </td>
            <td>
              {k.revokedAt ? (
                <span class="muted">
                  {t('失効 ', 'revoked ')}
                  <Time at={k.revokedAt} />
                </span>
              ) : (
                <form method="post" action={`/admin/tokens/${k.id}/revoke`}>
                  {csrf}
                  <button class="danger">{t('失効させる', 'Revoke')}</button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action="/admin/tokens" class="panel actions">
        {csrf}
        <label>
          {t('名前', 'Name')} <input name="name" required maxlength={100} />
        </label>
        <label>
          {t('範囲', 'Scope')}
          <select name="scope">
            {TOKEN_SCOPES.map((s) => (
              <option value={s}>{scopeLabel(lang, s)}</option>
            ))}
          </select>
        </label>
        <button type="submit">{t('トークンを作成', 'Create token')}</button>
      </form>

      <h2>{t('報告リンク', 'Report link')}</h2>
      <section class="panel">
        <p>
          {link ? (
            <>
              {t('有効なリンクがあります（作成: ', 'A link is active (created ')}
              <Time at={link.createdAt} /> {link.createdBy}
              {t('）。リンクを知っている人は誰でも /report から報告できます。', '). Anyone holding it can report through /report.')}
            </>
          ) : (
            t('有効な報告リンクはありません（報告にはサインインが必要です）。', 'No report link is active (reporting needs a sign-in).')
          )}
        </p>
        <div class="actions">
          <form method="post" action="/admin/report-link/rotate">
            {csrf}
            <button>{link ? t('リンクを再発行（古いリンクは無効）', 'Rotate (the old link stops working)') : t('リンクを発行', 'Create link')}</button>
          </form>
          {link ? (
            <form method="post" action="/admin/report-link/revoke">
              {csrf}
              <button class="danger">{t('リンクを無効にする', 'Revoke')}</button>
            </form>
          ) : null}
        </div>
      </section>
      <TeamsBindingsSection deps={deps} lang={lang} csrfToken={session.csrfToken} />
      <ChatworkSection deps={deps} lang={lang} csrfToken={session.csrfToken} />
    </>,
    { current: '/admin', status: opts.status ?? 200 },
  );
}

const newUserForm = z.object({
  name: z.string().trim().min(1).max(64),
  displayName: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(100).optional()),
  role: z.enum(USER_ROLES),
});
const userOp = z.object({ op: z.enum(['role', 'disable', 'enable', 'password']), role: z.enum(USER_ROLES).optional() });
const tokenForm = z.object({ name: z.string().trim().min(1).max(100), scope: z.enum(TOKEN_SCOPES) });

export function registerAdminPages(app: Hono<WebEnv>, deps: AppDeps): void {
  const admin = requireRole('admin');
  const handle = (fn: (c: WebContext) => Promise<Response> | Response) =>
    page(deps.logger, async (c) => {
      try {
        return await fn(c);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'conflict' || err.code === 'validation_failed')) return await adminPage(c, deps, { error: err.messageIn(c.get('lang')), status: err.status as 409 | 422 });
        throw err;
      }
    });

  app.get('/admin', admin, page(deps.logger, async (c) => await adminPage(c, deps)));

  app.post(
    '/admin/users',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      const f = newUserForm.safeParse(await c.req.parseBody());
      if (!f.success) throw formError(c.get('lang'), f.error);
      const password = generatePassword();
      const u = await createUser(deps.db, { ...f.data, password }, deps.clock.now());
      deps.logger.info({ by: c.get('session')!.user.name, user: u.name, role: u.role }, 'console user created');
      return await adminPage(c, deps, { secret: { label: t(`${u.name} の初期パスワード`, `Password for ${u.name}`), value: password }, status: 201 });
    }),
  );

  app.post(
    '/admin/users/:id',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      const id = Number(c.req.param('id') ?? '');
      const body = await c.req.parseBody();
      const f = userOp.safeParse(body);
      if (!f.success || !Number.isInteger(id)) throw formError(c.get('lang'), f.error ?? new z.ZodError([]));
      const now = deps.clock.now();
      const by = c.get('session')!.user.name;
      if ((f.data.op === 'disable' || f.data.op === 'password') && !confirmed(body)) {
        const target = (await listUsers(deps.db)).find((u) => u.id === id);
        if (!target) throw new AppError('not_found', t(`ユーザー ${id} はいません。`, `No user ${id}.`));
        const disabling = f.data.op === 'disable';
        return confirmPage(c, {
          action: `/admin/users/${id}`,
          fields: { op: f.data.op },
          back: '/admin',
          title: disabling ? t(`${target.name} を無効にしますか？`, `Disable ${target.name}?`) : t(`${target.name} のパスワードを再発行しますか？`, `Issue a new password for ${target.name}?`),
          message: disabling
            ? t(`${target.displayName}（${target.name}）はサインインできなくなり、すべての端末でサインアウトされます。あとで「有効にする」で戻せます。`, `${target.displayName} (${target.name}) can no longer sign in and is signed out everywhere. You can enable the user again later.`)
            : t(`今のパスワードは使えなくなり、すべての端末でサインアウトされます。新しいパスワードは次の画面で一度だけ表示されます。`, 'The current password stops working and every session ends. The new password is shown once on the next page.'),
          button: disabling ? t('無効にする', 'Disable') : t('再発行する', 'Issue a new password'),
        });
      }
      if (f.data.op === 'password') {
        const password = generatePassword();
        const u = await updateUser(deps.db, id, { password }, now);
        deps.logger.info({ by, user: u.name }, 'console user password reset');
        return await adminPage(c, deps, { secret: { label: t(`${u.name} の新しいパスワード`, `New password for ${u.name}`), value: password } });
      }
      const change = f.data.op === 'role' ? { role: f.data.role } : { disabled: f.data.op === 'disable' };
      const u = await updateUser(deps.db, id, change, now);
      deps.logger.info({ by, user: u.name, change }, 'console user changed');
      if (u.id === c.get('session')!.user.id) return c.redirect('/signin', 303); // own sessions ended
      return await adminPage(c, deps, { ok: t(`${u.name} を更新しました。`, `${u.name} updated.`) });
    }),
  );

  app.post(
    '/admin/tokens',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      const f = tokenForm.safeParse(await c.req.parseBody());
      if (!f.success) throw formError(c.get('lang'), f.error);
      const { token } = await createToken(deps.db, f.data.name, f.data.scope, deps.clock.now());
      deps.logger.info({ by: c.get('session')!.user.name, name: f.data.name, scope: f.data.scope }, 'API token created from the console');
      return await adminPage(c, deps, { secret: { label: t(`API トークン「${f.data.name}」`, `API token "${f.data.name}"`), value: token }, status: 201 });
    }),
  );

  app.post(
    '/admin/tokens/:id/revoke',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      const id = Number(c.req.param('id') ?? '');
      const body = await c.req.parseBody();
      if (!confirmed(body)) {
        const token = Number.isInteger(id) ? (await deps.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get()) : undefined;
        if (!token || token.revokedAt) throw new AppError('not_found', t(`有効なトークン ${id} はありません。`, `No active token ${id}.`));
        return confirmPage(c, {
          action: `/admin/tokens/${id}/revoke`,
          back: '/admin',
          title: t(`トークン「${token.name}」を失効させますか？`, `Revoke the token "${token.name}"?`),
          message: t('このトークンを使うシステム（Chatwork 連携、CRM など）はすぐに報告や操作ができなくなります。元に戻せません。', 'Systems using this token (a CRM, scripts) stop working at once. This cannot be undone.'),
          button: t('失効させる', 'Revoke'),
        });
      }
      const changed = await deps.db.update(apiTokens).set({ revokedAt: deps.clock.now().toISOString() }).where(eq(apiTokens.id, id)).run();
      if (changed.changes !== 1) throw new AppError('not_found', `No token ${id}`);
      deps.logger.info({ by: c.get('session')!.user.name, tokenId: id }, 'API token revoked from the console');
      return await adminPage(c, deps, { ok: t('トークンを失効させました。', 'Token revoked.') });
    }),
  );

  app.post(
    '/admin/report-link/rotate',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      const user = c.get('session')!.user;
      if ((await currentReportLink(deps.db)) && !confirmed(await c.req.parseBody())) {
        return confirmPage(c, {
          action: '/admin/report-link/rotate',
          back: '/admin',
          title: t('報告リンクを再発行しますか？', 'Rotate the report link?'),
          message: t('今のリンクはすぐに使えなくなります。従業員に新しいリンクを知らせてください。', 'The current link stops working at once; tell employees the new one.'),
          button: t('再発行する', 'Rotate'),
        });
      }
      const token = await rotateReportLink(deps.db, user.name, deps.clock.now());
      deps.logger.info({ by: user.name }, 'report link rotated');
      return await adminPage(c, deps, { secret: { label: t('新しい報告リンク', 'New report link'), value: `${deps.config.publicUrl}/report?t=${token}` }, status: 201 });
    }),
  );

  app.post(
    '/admin/report-link/revoke',
    admin,
    handle(async (c) => {
      const t = translator(c.get('lang'));
      if (!confirmed(await c.req.parseBody())) {
        return confirmPage(c, {
          action: '/admin/report-link/revoke',
          back: '/admin',
          title: t('報告リンクを無効にしますか？', 'Disable the report link?'),
          message: t('サインインしていない従業員は Web フォームから報告できなくなります（Chatwork と API からの報告は続きます）。', 'Employees who are not signed in can no longer report through the web form (Chatwork and API reports go on).'),
          button: t('無効にする', 'Disable'),
        });
      }
      await revokeReportLinks(deps.db, deps.clock.now());
      deps.logger.info({ by: c.get('session')!.user.name }, 'report link revoked');
      return await adminPage(c, deps, { ok: t('報告リンクを無効にしました。', 'Report link revoked.') });
    }),
  );
}
