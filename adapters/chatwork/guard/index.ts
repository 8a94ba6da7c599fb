/**
 * The contact-request guard, assembled: the store (tokens sealed under the `chatwork-tokens`
 * subkey), the OAuth client, the connect routes, the poller (per app, under the
 * `chatwork.requests` lease), the bot's commands (`連携` sends the link, `連携解除` disconnects),
 * and disconnecting (revoke where Chatwork offers it, then delete).
 */
import type { Hono } from 'hono';
import type { AppDeps } from '../../../src/deps.ts';
import type { ChatworkGuardConfig } from '../../../src/config.ts';
import { createLease, type Lease } from '../../../src/db/lease.ts';
import type { AppEnv } from '../../../src/http/env.ts';
import { createSecretBox } from '../../../src/secret-box.ts';
import type { NotifierDeps } from '../../../src/deps.ts';
import type { ChatworkCommands } from '../intake.ts';
import type { NoticeQueue } from '../notices.ts';
import { createOAuthClient, type OAuthClient } from '../oauth.ts';
import type { ParsedMessage } from '../parse.ts';
import { replyHeader } from '../reply.ts';
import type { ChatworkTransport } from '../transport.ts';
import { createChatworkUserApi } from '../user-api.ts';
import { createGuardPoller, type GuardPoller } from './poller.ts';
import { CONNECT_PATH, registerGuardRoutes } from './routes.tsx';
import { createGuardStore, type GuardStore } from './store.ts';

export interface ChatworkGuard {
  store: GuardStore;
  oauth: OAuthClient;
  connectUrl: string;
  commands: ChatworkCommands;
  routes(app: Hono<AppEnv>, deps: AppDeps): void;
  /** The poller of an app (created once per app deps). */
  pollerFor(deps: AppDeps): GuardPoller;
  /** Revokes (when CHATWORK_OAUTH_REVOKE_URL is set) and deletes a connection; false when there was none. */
  disconnect(accountId: number, by: string): Promise<boolean>;
  /** The bot's direct chat with `accountId`, from the connection or the bot's contacts. */
  directRoom(accountId: number, fresh: boolean): Promise<string | null>;
  /** Releases the poller's lease. */
  stop(): Promise<void>;
}

/** How often the poller's lease must be renewed at the latest (a dead holder is replaced after this). */
export const leaseTtl = (pollMs: number) => Math.max(2 * pollMs, 60_000);

const CONNECT_WORDS = ['連携', '連携する', '連携したい', '連携して', 'connect'];
const DISCONNECT_WORDS = ['連携解除', '連携を解除', '連携を解除する', '連携解除する', 'disconnect'];

/** The command a note is, if any: the whole note, give or take width, case and a final 。/！. */
export function commandOf(parsed: Pick<ParsedMessage, 'note'>): 'connect' | 'disconnect' | null {
  if (parsed.note.length > 40) return null; // a command is a word, not a message
  let word = [...parsed.note.normalize('NFKC').toLowerCase()].filter((ch) => ch.trim() !== '').join('');
  while (word.length > 0 && '。.!！'.includes(word.at(-1)!)) word = word.slice(0, -1);
  if (CONNECT_WORDS.includes(word)) return 'connect';
  if (DISCONNECT_WORDS.includes(word)) return 'disconnect';
  return null;
}

export function createChatworkGuard(o: {
  cfg: ChatworkGuardConfig;
  deps: NotifierDeps;
  transport: ChatworkTransport;
  notices: NoticeQueue;
  fetch?: typeof fetch;
}): ChatworkGuard {
  const { cfg, deps, transport, notices } = o;
  const logger = deps.logger.child({ component: 'chatwork-guard' });
  const now = () => deps.clock.now().getTime();
  const store = createGuardStore(deps.db, createSecretBox(deps.secretKey.derive('chatwork-tokens')));
  const oauth = createOAuthClient(cfg, { now, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const userApi = createChatworkUserApi({ apiUrl: deps.config.chatwork.apiUrl, now, ...(o.fetch ? { fetch: o.fetch } : {}) });
  const connectUrl = `${deps.config.publicUrl}${CONNECT_PATH}`;
  const lease: Lease = createLease(deps.db, 'chatwork.requests', { ttlMs: leaseTtl(cfg.pollMs) });
  const pollers = new WeakMap<AppDeps, GuardPoller>();

  async function disconnect(accountId: number, by: string): Promise<boolean> {
    const tokens = await store.tokens(accountId);
    if (!(await store.disconnect(accountId))) return false;
    logger.info({ accountId, by }, 'chatwork connection removed (tokens deleted)');
    if (tokens) {
      for (const [token, hint] of [
        [tokens.refreshToken, 'refresh_token'],
        [tokens.accessToken, 'access_token'],
      ] as const) {
        if (!token) continue;
        await oauth.revoke(token, hint).catch((err: unknown) => logger.warn({ err, accountId }, 'chatwork token not revoked (it is deleted here all the same)'));
      }
    }
    return true;
  }

  async function reply(e: { roomId: string; messageId: string; senderId: number }, ja: string[], en: string[], key: string): Promise<void> {
    const header = replyHeader({ platform: 'chatwork', roomId: e.roomId, messageId: e.messageId, accountId: String(e.senderId) });
    await notices.enqueue({ key, kind: 'command', roomId: e.roomId, body: `${header}\n[info][title]kakunin[/title]${ja.join('\n')}\n[hr]${en.join('\n')}[/info]` });
  }

  const commands: ChatworkCommands = {
    async handle(e, parsed) {
      const command = commandOf(parsed);
      if (!command) return null;
      const key = `command:${e.roomId}:${e.messageId}`;
      if (command === 'connect') {
        const c = await store.get(e.senderId);
        const state = c?.status === 'active' ? { ja: '（すでに連携済みです。やり直す場合もこのリンクから）', en: '(You are connected already; use the link to connect again.)' } : { ja: '', en: '' };
        await reply(
          e,
          [
            `Chatwork アカウントを kakunin と連携すると、届いたコンタクト申請が台帳の役員・社員・取引先になりすましていないかを kakunin が確認し、このボットとのチャットでお知らせします。${state.ja}`,
            `連携はこちら: ${connectUrl}`,
            'kakunin のボットがあなたのコンタクトにいる必要があります。kakunin が見るのは、あなたへのコンタクト申請だけです。',
          ],
          [`Connect your Chatwork account and kakunin checks the contact requests you receive against your ledger, warning you here. ${state.en}`, `Connect: ${connectUrl}`],
          key,
        );
      } else {
        const had = (await store.get(e.senderId)) !== null;
        if (had) {
          void disconnect(e.senderId, `chatwork:${e.senderId}`).catch((err: unknown) => logger.error({ err }, 'chatwork disconnect failed'));
        }
        await reply(
          e,
          [had ? '連携を解除しました。kakunin はあなたのコンタクト申請を確認しません（保存していたトークンは削除しました）。' : '連携していません。'],
          [had ? 'Disconnected: kakunin no longer checks your contact requests (your tokens were deleted).' : 'You are not connected.'],
          key,
        );
      }
      void notices.flush().catch((err: unknown) => logger.error({ err }, 'chatwork notices flush failed'));
      return command;
    },
  };

  return {
    store,
    oauth,
    connectUrl,
    commands,
    routes(app, d) {
      registerGuardRoutes(app, d, { cfg, store, oauth, userApi, transport, secureCookies: d.config.web.secureCookies });
    },
    pollerFor(d) {
      let p = pollers.get(d);
      if (!p) {
        p = createGuardPoller({ app: d, store, oauth, userApi, notices, lease, autoDecline: cfg.autoDecline, connectUrl });
        pollers.set(d, p);
      }
      return p;
    },
    disconnect,
    async directRoom(accountId, fresh) {
      const c = await store.get(accountId);
      if (c?.dmRoomId && !fresh) return c.dmRoomId;
      const contact = (await transport.contacts()).find((x) => x.accountId === accountId);
      if (c) await store.update(accountId, { dmRoomId: contact?.roomId ?? null }, deps.clock.now());
      return contact?.roomId ?? null;
    },
    stop: async () => await lease.release(),
  };
}

