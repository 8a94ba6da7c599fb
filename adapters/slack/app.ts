/**
 * The Bolt app: turns a click on a card into a case action.
 *
 * `case.acknowledge`, `case.resolve.fraud` and `case.resolve.false_positive` (value = the case
 * ref) call `cases.act` with actor `{platform: 'slack', userId, displayName}` *before* acking: the
 * transition is one local SQLite transaction (milliseconds), so when Slack gets its 200 the case
 * has changed. Then, after the ack:
 * - success → a thread reply under the clicked card records who did what;
 * - conflict (someone acted first, here or on another platform) → an ephemeral message to the
 *   clicker naming who acted first and what the case is now;
 * - anything else → an ephemeral message with the reason.
 *
 * The card itself is NOT edited here. The action's transaction queued a `card.update` on every
 * platform (Slack included); the outbox worker is kicked on commit and edits the stored message
 * (channel + ts) from the database as it is then. One writer per card keeps edits in order — a
 * direct chat.update from here could land after a newer outbox edit and show a stale card.
 */
import { App, type Authorize, type BlockAction, type ButtonAction, type webApi } from '@slack/bolt';
import type { CaseService } from '../../src/cases/service.ts';
import type { Clock } from '../../src/clock.ts';
import type { CaseAction, Resolution } from '../../src/domain/case.ts';
import { AppError } from '../../src/errors.ts';
import type { Logger } from '../../src/logger.ts';
import { ACTION_IDS } from './blocks.ts';
import { boltLogger } from './bolt-logger.ts';
import { actionReplyText, conflictText, failureText } from './messages.ts';
import type { HonoReceiver } from './receiver.ts';
import type { SlackTransport } from './transport.ts';

/** What each button does. */
export const BUTTON_ACTIONS: Record<string, { action: CaseAction; resolution: Resolution | null }> = {
  [ACTION_IDS.acknowledge]: { action: 'acknowledge', resolution: null },
  [ACTION_IDS.resolveFraud]: { action: 'resolve', resolution: 'fraud_confirmed' },
  [ACTION_IDS.resolveFalsePositive]: { action: 'resolve', resolution: 'false_positive' },
};

/** How long a click waits for users.info before using the payload's name. */
const NAME_LOOKUP_MS = 1_000;
const NAME_TTL_MS = 60 * 60_000;

/** What the click handler needs: the token and API URL for Bolt's client, the case service and the clock. */
export interface SlackAppDeps {
  botToken: string;
  apiUrl: string;
  receiver: HonoReceiver;
  transport: SlackTransport;
  cases: CaseService;
  clock: Clock;
  logger: Logger;
}

/** Builds the Bolt app on `receiver`; its WebClient talks to SLACK_API_URL and never retries. */
export function createSlackApp(deps: SlackAppDeps): App {
  const logger = deps.logger.child({ component: 'slack' });
  const app = new App({
    receiver: deps.receiver,
    authorize: singleWorkspaceAuthorize(deps.botToken, deps.transport, logger),
    logger: boltLogger(deps.logger),
    clientOptions: { slackApiUrl: deps.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 5_000 },
  });
  const names = displayNames(deps.clock);

  app.action<BlockAction<ButtonAction>>(/^case\./, async function onCaseButton({ ack, body, action, client }) {
    const mapped = BUTTON_ACTIONS[action.action_id];
    if (!mapped || action.type !== 'button') {
      await ack();
      return;
    }
    const ref = String(action.value ?? '');
    const userId = body.user.id;
    const displayName = await names.lookup(client, userId, body.user.name ?? body.user.username ?? userId);
    const actor = { platform: 'slack' as const, userId, displayName };
    let outcome: { ok: true; at: string } | { ok: false; err: unknown };
    try {
      await deps.cases.act(ref, mapped.action, actor, { resolution: mapped.resolution });
      outcome = { ok: true, at: deps.clock.now().toISOString() };
    } catch (err) {
      outcome = { ok: false, err };
    }
    await ack();

    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts ?? body.container?.message_ts;
    if (!channel) return;
    if (outcome.ok) {
      logger.info({ ref, action: mapped.action, resolution: mapped.resolution, userId }, 'case action from Slack');
      await client.chat.postMessage({
        channel,
        ...(ts ? { thread_ts: ts } : {}),
        text: actionReplyText(ref, mapped.action, mapped.resolution, actor, outcome.at),
        unfurl_links: false,
      });
      return;
    }
    const err = outcome.err;
    let text: string;
    if (err instanceof AppError && err.code === 'conflict') text = conflictText(await deps.cases.card(ref));
    else if (err instanceof AppError) text = failureText(ref, err.message);
    else {
      logger.error({ err, ref, userId }, 'case action from Slack failed');
      text = failureText(ref, 'internal error / 内部エラー');
    }
    await client.chat.postEphemeral({ channel, user: userId, text, ...(ts ? { thread_ts: ts } : {}) });
  });

  app.error(async function onSlackError(err) {
    logger.error({ err }, 'Slack listener error');
  });
  return app;
}

/**
 * One workspace, one bot token: every event is authorised with it. auth.test runs once, on the
 * first event, to learn the bot's ids (so Bolt ignores the bot's own messages); if Slack cannot
 * answer, the click still goes through and auth.test is tried again next time.
 */
function singleWorkspaceAuthorize(botToken: string, transport: SlackTransport, logger: Logger): Authorize<boolean> {
  let ids: { botUserId?: string; botId?: string } | null = null;
  return async function authorize() {
    if (!ids) {
      try {
        const r = await transport.authTest();
        ids = { ...(r.userId ? { botUserId: r.userId } : {}), ...(r.botId ? { botId: r.botId } : {}) };
      } catch (err) {
        logger.warn({ err }, 'Slack auth.test failed; continuing with the configured token');
      }
    }
    return { botToken, ...(ids ?? {}) };
  };
}

/** users.info display names, cached for an hour, with the payload's name as fallback. */
function displayNames(clock: Clock) {
  const cache = new Map<string, { name: string; at: number }>();
  return {
    async lookup(client: Pick<webApi.WebClient, 'users'>, userId: string, fallback: string): Promise<string> {
      const now = clock.now().getTime();
      const hit = cache.get(userId);
      if (hit && now - hit.at < NAME_TTL_MS) return hit.name;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), NAME_LOOKUP_MS);
        timer.unref();
      });
      const info = client.users
        .info({ user: userId })
        .then((r) => r.user?.profile?.display_name || r.user?.real_name || r.user?.name || null)
        .catch(() => null);
      const name = await Promise.race([info, timeout]);
      clearTimeout(timer);
      if (!name) return fallback;
      if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
      cache.set(userId, { name, at: now });
      return name;
    },
  };
}
