/**
 * The Teams part of /admin: every channel binding with its state, and the two things an admin does
 * with one: approve a pending binding (a team that installed the app gets cards only after this,
 * unless TEAMS_ALLOWED_IDS lists it) and remove one. Self-contained: admin.tsx renders
 * `<TeamsBindingsSection>` and web/index.ts mounts `registerTeamsAdmin`. The forms post back and
 * land on /admin again (303), so the page itself stays as it is.
 */
import type { Hono } from 'hono';
import { createBindingStore, type TeamsBinding } from '../../../adapters/teams/store.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { Csrf, DataTable, Time } from '../../ui/components.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { translator, type Lang } from '../../ui/i18n.ts';
import { page } from '../../ui/render.tsx';

function state(t: ReturnType<typeof translator>, b: TeamsBinding) {
  if (b.removedAt) return <span class="muted">{t('解除済み', 'removed')}</span>;
  if (!b.approvedAt) return <span class="no">{t('承認待ち（カードは届きません）', 'pending (no cards)')}</span>;
  return (
    <span class="yes">
      {t('承認済み ', 'approved ')}
      <Time at={b.approvedAt} /> {b.approvedBy}
    </span>
  );
}

/** The bindings table with approve / remove buttons; nothing when Teams is off and none exist. */
export async function TeamsBindingsSection(p: { deps: AppDeps; lang: Lang; csrfToken: string }) {
  const bindings = await createBindingStore(p.deps.db).list({ includeRemoved: false });
  if (!p.deps.notifiers.teams && bindings.length === 0) return null;
  const t = translator(p.lang);
  const pendingFirst = [...bindings].sort((a, b) => Number(a.approvedAt !== null) - Number(b.approvedAt !== null) || a.id - b.id);
  return (
    <>
      <h2 id="teams">{t('Teams のチャネル', 'Teams channels')}</h2>
      <p class="muted">
        {t(
          'アプリを追加したチームのチャネルは、ここで承認するまでカードを受け取らず、ボタンも使えません。心当たりのない登録は解除してください。',
          'A team channel that installed the app gets no cards and no buttons until it is approved here. Remove any you do not recognise.',
        )}
      </p>
      <DataTable id="teams-bindings" head={[t('チーム / チャネル', 'Team / channel'), t('テナント', 'Tenant'), t('登録者', 'Bound by'), t('登録', 'Bound'), t('状態', 'State'), '']}>
        {pendingFirst.map((b) => (
          <tr>
            <td>
              {b.teamName ?? '—'} / {b.channelName ?? '—'}
              <br />
              <code>{b.conversationId}</code>
            </td>
            <td>
              <code>{b.tenantId ?? '—'}</code>
            </td>
            <td>{b.boundByName ?? '—'}</td>
            <td>
              <Time at={b.createdAt} />
            </td>
            <td>{state(t, b)}</td>
            <td>
              <div class="actions">
                {b.approvedAt ? null : (
                  <form method="post" action={`/admin/teams/${b.id}/approve`}>
                    <Csrf token={p.csrfToken} />
                    <button>{t('承認する', 'Approve')}</button>
                  </form>
                )}
                <form method="post" action={`/admin/teams/${b.id}/remove`}>
                  <Csrf token={p.csrfToken} />
                  <button class="danger">{t('解除する', 'Remove')}</button>
                </form>
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

/** POST /admin/teams/:id/approve and /admin/teams/:id/remove (admins). */
export function registerTeamsAdmin(app: Hono<WebEnv>, deps: AppDeps): void {
  const store = createBindingStore(deps.db);
  const admin = requireRole('admin');
  for (const op of ['approve', 'remove'] as const) {
    app.post(
      `/admin/teams/:id/${op}`,
      admin,
      page(deps.logger, async (c) => {
        const id = Number(c.req.param('id'));
        const by = `console:${c.get('session')!.user.name}`;
        const now = deps.clock.now();
        const done = Number.isInteger(id) && (op === 'approve' ? (await store.approve(id, by, now)) : (await store.remove(id, now)));
        if (!done) throw new AppError('not_found', translator(c.get('lang'))('該当する Teams の登録がありません。', 'No such Teams binding.'));
        deps.logger.info({ bindingId: id, by }, op === 'approve' ? 'teams binding approved in the console' : 'teams binding removed in the console');
        return c.redirect('/admin#teams', 303);
      }),
    );
  }
}
