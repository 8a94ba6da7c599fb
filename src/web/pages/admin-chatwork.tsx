/**
 * The Chatwork part of /admin: employees who connected their account to the contact-request guard
 * (state, when, last check), with a button to disconnect one (tokens revoked where Chatwork offers
 * it, and deleted), and the watched rooms with since when they are watched (earlier messages are
 * history). Self-contained like admin-teams.tsx: admin.tsx renders `<ChatworkSection>` and
 * web/index.ts mounts `registerChatworkAdmin`.
 */
import type { Hono } from 'hono';
import type { ChatworkBinding } from '../../../adapters/chatwork/index.ts';
import { deleteConnection, listConnections, type Connection } from '../../../adapters/chatwork/guard/store.ts';
import { listWatchedRooms } from '../../../adapters/chatwork/watch/rooms.ts';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { Csrf, DataTable, Time } from '../../ui/components.tsx';
import { confirmed, confirmPage } from '../confirm.tsx';
import type { WebEnv } from '../../ui/env.ts';
import { requireRole } from '../guards.ts';
import { translator, type Lang } from '../../ui/i18n.ts';
import { page } from '../../ui/render.tsx';

const chatworkOf = (deps: AppDeps) => deps.notifiers.chatwork as ChatworkBinding | undefined;

function state(t: ReturnType<typeof translator>, c: Connection) {
  if (c.status === 'reconnect') return <span class="no">{t('再連携待ち（本人に依頼済み）', 'waiting for the employee to reconnect')}</span>;
  return <span class="yes">{t('確認中', 'checking')}</span>;
}

/** Connected employees and watched rooms; nothing when neither feature is on and nothing is stored. */
export async function ChatworkSection(p: { deps: AppDeps; lang: Lang; csrfToken: string }) {
  const t = translator(p.lang);
  const binding = chatworkOf(p.deps);
  const connections = await listConnections(p.deps.db);
  const rooms = binding?.watchFor ? (await listWatchedRooms(p.deps.db)) : [];
  if (!binding?.guard && connections.length === 0 && rooms.length === 0) return null;
  return (
    <>
      <h2 id="chatwork">{t('Chatwork のコンタクト申請チェック', 'Chatwork contact-request guard')}</h2>
      <p class="muted">
        {t(
          '自分の Chatwork アカウントを連携した従業員です。届いたコンタクト申請を台帳と照合し、なりすましの疑いがあれば本人に知らせます。',
          'Employees who connected their Chatwork account. kakunin checks the contact requests they receive against the ledger and warns them about look-alikes.',
        )}
      </p>
      {binding?.guard ? (
        <p>
          {t('連携用リンク: ', 'Link to connect: ')}
          <code>{binding.guard.connectUrl}</code>
          {t('（従業員は kakunin とのチャットで「連携」と送っても受け取れます）', ' (employees also get it by writing 「連携」 to kakunin)')}
        </p>
      ) : null}
      <DataTable id="chatwork-connections" head={[t('従業員', 'Employee'), t('アカウント', 'Account'), t('連携', 'Connected'), t('状態', 'State'), t('最終確認', 'Last check'), '']}>
        {connections.map((c) => (
          <tr>
            <td>{c.name || '—'}</td>
            <td>
              <code>{c.accountId}</code>
            </td>
            <td>
              <Time at={c.connectedAt} />
            </td>
            <td>{state(t, c)}</td>
            <td>
              <Time at={c.lastPolledAt} />
            </td>
            <td>
              <form method="post" action={`/admin/chatwork/connections/${c.accountId}/disconnect`}>
                <Csrf token={p.csrfToken} />
                <button class="danger">{t('連携を解除', 'Disconnect')}</button>
              </form>
            </td>
          </tr>
        ))}
      </DataTable>
      {binding?.watchFor ? (
        <>
          <h2 id="chatwork-watch">{t('見守り中の Chatwork ルーム', 'Watched Chatwork rooms')}</h2>
          <p class="muted">
            {t(
              'kakunin のボットがこれらのルームの新しいメッセージを確認し、送金などの依頼に注意が必要なときだけ、ルームに一度お知らせします。見守り開始より前のメッセージは対象外です。基準に満たないメッセージは保存しません。',
              'The kakunin bot reads new messages in these rooms and posts one note only when a request (for money, above all) needs care. Messages from before the start are not looked at; messages below the threshold are not stored.',
            )}
          </p>
          <DataTable id="chatwork-rooms" head={[t('ルーム', 'Room'), t('見守り開始', 'Watched since'), t('最終確認', 'Last check'), t('状態', 'State')]}>
            {rooms.map((r) => (
              <tr>
                <td>
                  <code>{r.roomId}</code>
                </td>
                <td>
                  <Time at={r.since} />
                </td>
                <td>
                  <Time at={r.lastPolledAt} />
                </td>
                <td>{r.lastError ? <span class="no">{t('読めませんでした（ログを確認してください）', 'could not be read (see the log)')}</span> : <span class="yes">{t('正常', 'OK')}</span>}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </>
  );
}

/** POST /admin/chatwork/connections/:id/disconnect (admins), with a confirmation step. */
export function registerChatworkAdmin(app: Hono<WebEnv>, deps: AppDeps): void {
  app.post(
    '/admin/chatwork/connections/:id/disconnect',
    requireRole('admin'),
    page(deps.logger, async (c) => {
      const t = translator(c.get('lang'));
      const id = Number(c.req.param('id'));
      const conn = Number.isSafeInteger(id) ? (await listConnections(deps.db)).find((x) => x.accountId === id) : undefined;
      if (!conn) throw new AppError('not_found', t('該当する連携はありません。', 'No such connection.'));
      if (!confirmed(await c.req.parseBody())) {
        return confirmPage(c, {
          action: `/admin/chatwork/connections/${id}/disconnect`,
          back: '/admin#chatwork',
          title: t(`${conn.name || id} さんの連携を解除しますか？`, `Disconnect ${conn.name || id}?`),
          message: t(
            'kakunin はこの従業員のコンタクト申請を確認しなくなり、保存しているトークンを削除します。本人はもう一度連携できます。',
            'kakunin stops checking this employee’s contact requests and deletes the stored tokens. They can connect again.',
          ),
          button: t('連携を解除', 'Disconnect'),
        });
      }
      const by = `console:${c.get('session')!.user.name}`;
      const guard = chatworkOf(deps)?.guard;
      const done = guard ? await guard.disconnect(id, by) : (await deleteConnection(deps.db, id));
      if (!done) throw new AppError('not_found', t('該当する連携はありません。', 'No such connection.'));
      deps.logger.info({ accountId: id, by }, 'chatwork connection removed in the console');
      return c.redirect('/admin#chatwork', 303);
    }),
  );
}
