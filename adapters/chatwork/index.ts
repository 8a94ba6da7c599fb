/**
 * The Chatwork platform: intake by webhook (`POST /webhooks/chatwork`) and answers to the reporting
 * employee (a `[rp]` reply in the room they reported from). Chatwork gets no case cards: those go
 * to Slack/Teams. Both CHATWORK_WEBHOOK_TOKENS and CHATWORK_API_TOKEN are needed; one without the
 * other stops at start. Without CHATWORK_BOT_ACCOUNT_ID, `start` asks GET /me (and fails clearly),
 * so the bot never answers its own replies.
 *
 * Two opt-in features act before anyone forwards anything (docs/chatwork.md): the contact-request
 * guard (guard/, CHATWORK_OAUTH_*) and the finance-room watch (watch/, CHATWORK_WATCH_ROOMS). Both
 * post through one notice queue (notices.ts) and poll on timers started here, one process at a
 * time (database leases).
 */
import { ConfigError } from '../../src/config.ts';
import type { AppDeps, NotifierBinding, NotifierDeps } from '../../src/deps.ts';
import { DeliveryError, type CaseCard, type ReportOrigin, type ReporterEvent, type ReporterNotifier } from '../../src/domain/notifier.ts';
import { createLease } from '../../src/db/lease.ts';
import { createChatworkGuard, leaseTtl, type ChatworkGuard } from './guard/index.ts';
import { createChatworkIntake, type BotIdentity, type ChatworkIntake } from './intake.ts';
import { createNoticeQueue, type NoticeQueue } from './notices.ts';
import { buildReply } from './reply.ts';
import { createChatworkTransport, type ChatworkTransport } from './transport.ts';
import { createRoomWatch, type RoomWatch } from './watch/watch.ts';
import { registerChatworkWebhook } from './webhook.ts';

/** The binding plus handles tests and `serve` use: the bot identity and the intake of an app. */
export interface ChatworkBinding extends NotifierBinding {
  bot: BotIdentity;
  transport: ChatworkTransport;
  intakeFor(deps: AppDeps): ChatworkIntake;
  notices: NoticeQueue;
  /** The contact-request guard; null when CHATWORK_OAUTH_* is not set. */
  guard: ChatworkGuard | null;
  /** The room watch of an app; null when CHATWORK_WATCH_ROOMS is not set. */
  watchFor: ((deps: AppDeps) => RoomWatch) | null;
}

/** Answers reporters with `buildReply`, posted once; the outbox worker retries. */
export function createChatworkReporter(transport: ChatworkTransport): ReporterNotifier {
  return {
    platform: 'chatwork',
    async notifyReporter(card: CaseCard, origin: ReportOrigin, event: ReporterEvent): Promise<void> {
      if (origin.platform !== 'chatwork') throw new DeliveryError('rejected', `origin is on ${origin.platform}, not chatwork`);
      let body: string;
      try {
        body = buildReply(card, origin, event);
      } catch (err) {
        throw new DeliveryError('rejected', `cannot reply: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      await transport.postMessage(origin.roomId, body);
    },
  };
}

/** The registry factory: null when Chatwork is not configured. */
export function createChatworkBinding(deps: NotifierDeps, opts: { fetch?: typeof fetch; random?: () => number } = {}): ChatworkBinding | null {
  const cw = deps.config.chatwork;
  if (cw.webhookTokens.length === 0 && !cw.apiToken) return null;
  if (cw.webhookTokens.length === 0) throw new ConfigError('Invalid configuration:\n  CHATWORK_WEBHOOK_TOKENS: required when CHATWORK_API_TOKEN is set');
  if (!cw.apiToken) throw new ConfigError('Invalid configuration:\n  CHATWORK_API_TOKEN: required when CHATWORK_WEBHOOK_TOKENS is set (kakunin replies to reporters)');
  const logger = deps.logger.child({ component: 'chatwork' });
  const transport = createChatworkTransport({
    apiUrl: cw.apiUrl,
    apiToken: cw.apiToken,
    now: () => deps.clock.now().getTime(),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const bot: BotIdentity = { accountId: cw.botAccountId };
  // Set below once the guard exists (the notice queue asks it for direct chats).
  let guard: ChatworkGuard | null = null;
  const notices = createNoticeQueue({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    transport,
    bot,
    delivery: deps.config.delivery,
    ...(opts.random ? { random: opts.random } : {}),
    async directRoom(accountId, fresh) {
      if (guard) return guard.directRoom(accountId, fresh);
      return (await transport.contacts()).find((c) => c.accountId === accountId)?.roomId ?? null;
    },
    async onRoomRead(roomId, messages) {
      for (const w of watchList) await w.receiveRead(roomId, messages);
    },
  });
  guard = cw.guard ? createChatworkGuard({ cfg: cw.guard, deps, transport, notices, ...(opts.fetch ? { fetch: opts.fetch } : {}) }) : null;
  const watchCfg = cw.watch;
  const watchLease = watchCfg ? createLease(deps.db, 'chatwork.watch', { ttlMs: leaseTtl(watchCfg.pollMs) }) : null;
  const watches = new WeakMap<AppDeps, RoomWatch>();
  /** Every watch made, so stopping can wait for their webhook work. */
  const watchList: RoomWatch[] = [];
  const watchFor = watchCfg
    ? (d: AppDeps): RoomWatch => {
        let w = watches.get(d);
        if (!w) {
          w = createRoomWatch({ app: d, cfg: watchCfg, transport, bot, notices, lease: watchLease! });
          // The configured rooms are recorded (and a new one's history starts) as soon as the app exists.
          // (the watch's polls and webhook messages wait for it; a failure is logged and shows at the first poll)
          w.syncRooms(d.clock.now()).catch((err: unknown) => d.logger.error({ err }, 'chatwork watch: the configured rooms were not recorded'));
          watches.set(d, w);
          watchList.push(w);
        }
        return w;
      }
    : null;
  const intakes = new WeakMap<AppDeps, ChatworkIntake>();
  const intakeFor = (d: AppDeps): ChatworkIntake => {
    let intake = intakes.get(d);
    if (!intake) {
      intake = createChatworkIntake(d, bot, opts.random, guard?.commands ?? null);
      intakes.set(d, intake);
    }
    return intake;
  };
  let timer: NodeJS.Timeout | null = null;
  const pollers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  /** Runs `round` every `ms`, never two at once, logging (not throwing) a failed round. */
  const every = (ms: number, what: string, round: () => Promise<unknown>) => {
    let busy = false;
    const run = () => {
      if (busy) return;
      busy = true;
      const p = round()
        .catch((err: unknown) => logger.error({ err }, `${what} failed; trying again next round`))
        .finally(() => {
          busy = false;
          inFlight.delete(p);
        });
      inFlight.add(p);
    };
    run();
    const t = setInterval(run, ms);
    t.unref();
    pollers.push(t);
  };

  return {
    notifier: null,
    targets: [],
    reporter: createChatworkReporter(transport),
    bot,
    transport,
    intakeFor,
    notices,
    guard,
    watchFor,
    routes: (app, d) => {
      registerChatworkWebhook(app, { tokens: cw.webhookTokens, intake: intakeFor(d), watch: watchFor?.(d) ?? null });
      guard?.routes(app, d);
    },
    async start(d) {
      if (bot.accountId === null) {
        try {
          bot.accountId = (await transport.me()).accountId;
        } catch (err) {
          throw new Error(
            `Chatwork: CHATWORK_BOT_ACCOUNT_ID is not set and GET ${cw.apiUrl}/me failed (${err instanceof Error ? err.message : String(err)}); set CHATWORK_BOT_ACCOUNT_ID or fix CHATWORK_API_TOKEN / CHATWORK_API_URL`,
            { cause: err },
          );
        }
        logger.info({ botAccountId: bot.accountId }, 'chatwork bot account from GET /me');
      }
      const intake = intakeFor(d);
      const sweep = async () => {
        try {
          const n = await intake.sweep();
          if (n > 0) logger.info({ handled: n }, 'chatwork: stored events processed by the sweep');
        } catch (err) {
          logger.error({ err }, 'chatwork sweep failed');
        }
      };
      await sweep();
      timer = setInterval(sweep, d.config.delivery.pollMs);
      timer.unref();
      if (guard && cw.guard) {
        const poller = guard.pollerFor(d);
        every(cw.guard.pollMs, 'chatwork contact-request poll', () => poller.tick());
      }
      if (watchFor && watchCfg) {
        const watch = watchFor(d);
        every(watchCfg.pollMs, 'chatwork room watch poll', () => watch.tick());
      }
      // Notices that were due when the process stopped (or failed) go out with the delivery poll.
      every(d.config.delivery.pollMs, 'chatwork notices', () => notices.flush());
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      for (const t of pollers.splice(0)) clearInterval(t);
      // A round under way (and a watched room's webhook being judged) finishes before the database
      // closes; the leases are released after.
      await Promise.allSettled([...inFlight, ...watchList.map((w) => w.settled())]);
      await guard?.stop();
      await watchLease?.release();
    },
  };
}
