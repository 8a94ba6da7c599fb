/**
 * The Chatwork platform: intake by webhook (`POST /webhooks/chatwork`) and answers to the reporting
 * employee (a `[rp]` reply in the room they reported from). Chatwork gets no case cards: those go
 * to Slack/Teams. Both CHATWORK_WEBHOOK_TOKENS and CHATWORK_API_TOKEN are needed; one without the
 * other stops at start. Without CHATWORK_BOT_ACCOUNT_ID, `start` asks GET /me (and fails clearly),
 * so the bot never answers its own replies.
 */
import { ConfigError } from '../../src/config.ts';
import type { AppDeps, NotifierBinding, NotifierDeps } from '../../src/deps.ts';
import { DeliveryError, type CaseCard, type ReportOrigin, type ReporterEvent, type ReporterNotifier } from '../../src/domain/notifier.ts';
import { createChatworkIntake, type BotIdentity, type ChatworkIntake } from './intake.ts';
import { buildReply } from './reply.ts';
import { createChatworkTransport, type ChatworkTransport } from './transport.ts';
import { registerChatworkWebhook } from './webhook.ts';

/** The binding plus handles tests and `serve` use: the bot identity and the intake of an app. */
export interface ChatworkBinding extends NotifierBinding {
  bot: BotIdentity;
  transport: ChatworkTransport;
  intakeFor(deps: AppDeps): ChatworkIntake;
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
  const intakes = new WeakMap<AppDeps, ChatworkIntake>();
  const intakeFor = (d: AppDeps): ChatworkIntake => {
    let intake = intakes.get(d);
    if (!intake) {
      intake = createChatworkIntake(d, bot, opts.random);
      intakes.set(d, intake);
    }
    return intake;
  };
  let timer: NodeJS.Timeout | null = null;

  return {
    notifier: null,
    targets: [],
    reporter: createChatworkReporter(transport),
    bot,
    transport,
    intakeFor,
    routes: (app, d) => registerChatworkWebhook(app, { tokens: cw.webhookTokens, intake: intakeFor(d) }),
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
      const sweep = () => {
        try {
          const n = intake.sweep();
          if (n > 0) logger.info({ handled: n }, 'chatwork: stored events processed by the sweep');
        } catch (err) {
          logger.error({ err }, 'chatwork sweep failed');
        }
      };
      sweep();
      timer = setInterval(sweep, d.config.delivery.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
