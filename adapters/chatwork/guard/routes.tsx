/**
 * How an employee connects their Chatwork account (OAuth 2.0 authorization code + PKCE S256):
 *
 * - `GET /chatwork/connect` makes a one-time `state` and a PKCE verifier, remembers them (the state
 *   hashed, the verifier sealed) bound to this browser by a cookie, and redirects (302) to
 *   Chatwork's consent screen with the S256 challenge;
 * - `GET /chatwork/oauth/callback` refuses an unknown, reused, expired or other browser's `state`
 *   (400, nothing stored), exchanges the code with the verifier (HTTP Basic client auth), learns
 *   who connected from `GET /me`, requires that person to be a contact of the kakunin bot (the bot
 *   warns them in their direct chat, and the organisation decides who is a contact), stores the
 *   tokens sealed, and lands on `/chatwork/connected`.
 *
 * The pages use the console's headers (strict CSP, no scripts) and language, without a sign-in.
 */
import { randomBytes } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../../../src/deps.ts';
import type { ChatworkGuardConfig } from '../../../src/config.ts';
import type { AppEnv } from '../../../src/http/env.ts';
import { Flash } from '../../../src/ui/components.tsx';
import type { WebEnv } from '../../../src/ui/env.ts';
import { translator } from '../../../src/ui/i18n.ts';
import { render } from '../../../src/ui/render.tsx';
import { consoleHeaders, language } from '../../../src/ui/security.ts';
import type { ChatworkTransport } from '../transport.ts';
import { authorizeUrl, OAuthError, pkcePair, type OAuthClient } from '../oauth.ts';
import type { ChatworkUserApi } from '../user-api.ts';
import type { GuardStore, StateRefusal } from './store.ts';

export const CONNECT_PATH = '/chatwork/connect';
export const CALLBACK_PATH = '/chatwork/oauth/callback';
export const CONNECTED_PATH = '/chatwork/connected';
/** A connection attempt must come back within this. */
export const STATE_TTL_MS = 10 * 60_000;

export interface GuardRoutesDeps {
  cfg: ChatworkGuardConfig;
  store: GuardStore;
  oauth: OAuthClient;
  userApi: ChatworkUserApi;
  transport: ChatworkTransport;
  secureCookies: boolean;
}

type WebCtx = Context<WebEnv>;

const cookieName = (secure: boolean) => (secure ? '__Host-kakunin_cw_connect' : 'kakunin_cw_connect');

function page(c: WebCtx, status: 200 | 400 | 403 | 429 | 502, title: { ja: string; en: string }, kind: 'ok' | 'err', lines: { ja: string; en: string }[]) {
  const t = translator(c.get('lang'));
  return render(
    c,
    t(title.ja, title.en),
    <section class="card">
      <h1>{t(title.ja, title.en)}</h1>
      <Flash kind={kind}>
        {lines.map((l) => (
          <p>{t(l.ja, l.en)}</p>
        ))}
      </Flash>
    </section>,
    { status },
  );
}

const REFUSED: Record<StateRefusal | 'missing', { ja: string; en: string }> = {
  missing: { ja: 'Chatwork からの応答に必要な情報がありません。', en: "Chatwork's answer is missing what it must carry." },
  unknown: { ja: 'この連携リンクは kakunin が発行したものではありません。', en: 'This link was not issued by kakunin.' },
  used: { ja: 'この連携リンクはすでに使われています。', en: 'This link has been used already.' },
  expired: { ja: '連携の有効期限（10分）が切れました。', en: 'The connection attempt expired (10 minutes).' },
  other_browser: { ja: '連携を始めたブラウザーと違うブラウザーから戻ってきました。', en: 'You came back in another browser than the one that started.' },
};
const START_AGAIN = { ja: '最初からやり直してください（kakunin のチャットで「連携」と送ると案内が届きます）。', en: 'Start again (write 「連携」 to kakunin in Chatwork for the link).' };

export function registerGuardRoutes(appIn: Hono<AppEnv>, deps: AppDeps, g: GuardRoutesDeps): void {
  const app = appIn as unknown as Hono<WebEnv>;
  const logger = deps.logger.child({ component: 'chatwork-connect' });
  const cookie = cookieName(g.secureCookies);
  for (const path of [CONNECT_PATH, CALLBACK_PATH, CONNECTED_PATH]) app.use(path, consoleHeaders(), language(deps.config));

  app.get(CONNECT_PATH, async function chatworkConnect(c) {
    const state = randomBytes(32).toString('base64url');
    const browserNonce = randomBytes(32).toString('base64url');
    const { verifier, challenge } = pkcePair();
    if (!(await g.store.saveState({ state, verifier, browserNonce, now: deps.clock.now(), ttlMs: STATE_TTL_MS }))) {
      logger.warn({ requestId: c.get('requestId') }, 'chatwork connect refused: too many open connection attempts');
      return page(c, 429, { ja: 'Chatwork 連携', en: 'Connect Chatwork' }, 'err', [{ ja: '連携の受付が混み合っています。数分後にもう一度お試しください。', en: 'Too many connection attempts right now; try again in a few minutes.' }]);
    }
    // Lax: the way back from Chatwork is a top-level GET navigation, which Lax cookies accompany.
    setCookie(c, cookie, browserNonce, { path: '/', httpOnly: true, sameSite: 'Lax', secure: g.secureCookies, maxAge: STATE_TTL_MS / 1000 });
    return c.redirect(authorizeUrl(g.cfg, { state, challenge }), 302);
  });

  app.get(CALLBACK_PATH, async function chatworkCallback(c) {
    const title = { ja: 'Chatwork 連携', en: 'Connect Chatwork' };
    const q = c.req.query();
    if (q.error) {
      return page(c, 400, title, 'err', [{ ja: '連携は許可されませんでした（Chatwork の画面でキャンセルされました）。', en: 'Access was not granted in Chatwork.' }, START_AGAIN]);
    }
    if (!q.state || !q.code || q.state.length > 200 || q.code.length > 1000) return page(c, 400, title, 'err', [REFUSED.missing, START_AGAIN]);
    const taken = await g.store.takeState({ state: q.state, browserNonce: getCookie(c, cookie) ?? null, now: deps.clock.now() });
    deleteCookie(c, cookie, { path: '/', secure: g.secureCookies });
    if ('refused' in taken) {
      logger.warn({ requestId: c.get('requestId'), refused: taken.refused }, 'chatwork oauth callback refused');
      return page(c, 400, title, 'err', [REFUSED[taken.refused], START_AGAIN]);
    }
    let tokens;
    let me;
    let contact;
    try {
      tokens = await g.oauth.exchangeCode(q.code, taken.verifier);
      me = await g.userApi.me(tokens.accessToken);
      contact = (await g.transport.contacts()).find((x) => x.accountId === me!.accountId) ?? null;
    } catch (err) {
      logger.error({ err, requestId: c.get('requestId') }, 'chatwork oauth callback: Chatwork did not complete the connection');
      const refusedCode = err instanceof OAuthError && err.permanent;
      return page(c, refusedCode ? 400 : 502, title, 'err', [
        refusedCode
          ? { ja: 'Chatwork が認可コードを受け付けませんでした。', en: 'Chatwork did not accept the authorization code.' }
          : { ja: 'Chatwork と通信できませんでした。', en: 'Could not reach Chatwork.' },
        START_AGAIN,
      ]);
    }
    if (!contact) {
      // Nothing is kept of someone the bot cannot warn.
      await g.oauth.revoke(tokens.refreshToken ?? tokens.accessToken, tokens.refreshToken ? 'refresh_token' : 'access_token').catch(() => false);
      logger.warn({ accountId: me.accountId }, 'chatwork connect refused: not a contact of the kakunin bot');
      return page(c, 403, title, 'err', [
        { ja: 'kakunin のボットがあなたのコンタクトにいないため、警告をお届けできません。', en: 'The kakunin bot is not one of your contacts, so it could not warn you.' },
        { ja: 'ボットをコンタクトに追加（またはボットからの申請を承認）してから、もう一度連携してください。', en: 'Add the bot to your contacts (or approve its request), then connect again.' },
      ]);
    }
    await g.store.connect({ accountId: me.accountId, name: me.name, tokens, dmRoomId: contact.roomId, now: deps.clock.now() });
    logger.info({ accountId: me.accountId }, 'chatwork account connected to the contact-request guard');
    return c.redirect(CONNECTED_PATH, 303);
  });

  app.get(CONNECTED_PATH, (c) =>
    page(c, 200, { ja: 'Chatwork 連携', en: 'Connect Chatwork' }, 'ok', [
      { ja: '連携しました。これから kakunin が、あなたに届くコンタクト申請を確認します。', en: 'Connected. kakunin now checks the contact requests you receive.' },
      {
        ja: '台帳の役員・社員・取引先になりすました申請が届くと、kakunin とのチャットでお知らせします。お知らせが届いた申請は承認しないでください。',
        en: 'When a request imitates an executive, colleague or partner from the ledger, kakunin tells you in your chat with it. Do not approve such a request.',
      },
      { ja: '連携をやめるときは、kakunin とのチャットで「連携解除」と送ってください。', en: 'To stop, write 「連携解除」 to kakunin.' },
    ]),
  );
}

