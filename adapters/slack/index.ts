/**
 * The Slack platform: a card notifier for the escalation channel and, on the same Hono server,
 * `POST /slack/events` for button clicks (Bolt app + custom receiver). On when SLACK_BOT_TOKEN,
 * SLACK_SIGNING_SECRET and SLACK_CHANNEL_ID are set (src/config.ts refuses a partial set).
 */
import type { AppDeps, NotifierBinding, NotifierDeps } from '../../src/deps.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';
import { limitBody } from '../../src/http/body-limit.ts';
import { createSlackApp } from './app.ts';
import { createSlackNotifier } from './notifier.ts';
import { HonoReceiver } from './receiver.ts';
import { createSlackTransport, type SlackTransport } from './transport.ts';

/** Where Slack sends interactivity (and events); the manifest's request URL ends with this. */
export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack payloads are small; anything bigger is refused before it is read. */
const MAX_SLACK_BODY_BYTES = 1024 * 1024;

/** The Slack binding, with a way to wait for click handlers still running after their ack. */
export interface SlackBinding extends NotifierBinding {
  transport: SlackTransport;
  /**
   * Run by `serve` before listening: auth.test. A token Slack refuses (invalid_auth,
   * token_revoked, …) stops the start with a message naming SLACK_BOT_TOKEN; Slack being
   * unreachable only logs a warning, so reports are still accepted and cards wait in the outbox.
   */
  start(deps: AppDeps): Promise<void>;
  /** Waits for click handlers still running. */
  stop(): Promise<void>;
  /** Resolves when every Slack request's background work is done (tests, shutdown). */
  idle(): Promise<void>;
}

/** The registry's Slack factory: null when Slack is not configured. */
export function createSlackBinding({ config, logger }: NotifierDeps): SlackBinding | null {
  const slack = config.slack;
  if (!slack) return null;
  const transport = createSlackTransport({ apiUrl: slack.apiUrl, token: slack.botToken });
  const receivers = new Set<HonoReceiver>();
  return {
    notifier: createSlackNotifier(transport, { mentionHigh: slack.mentionHigh }),
    targets: [slack.channelId],
    reporter: null,
    transport,
    routes(app, deps) {
      const receiver = new HonoReceiver({ signingSecret: slack.signingSecret, clock: deps.clock, logger: deps.logger.child({ component: 'slack-receiver' }) });
      receivers.add(receiver);
      createSlackApp({ botToken: slack.botToken, apiUrl: slack.apiUrl, receiver, transport, cases: deps.cases, clock: deps.clock, logger: deps.logger });
      app.post(
        SLACK_EVENTS_PATH,
        limitBody(MAX_SLACK_BODY_BYTES, `Slack request body is larger than ${MAX_SLACK_BODY_BYTES} bytes`),
        (c) => receiver.handle(c),
      );
    },
    async start() {
      try {
        const who = await transport.authTest();
        logger.info({ component: 'slack', botUserId: who.userId, teamId: who.teamId }, 'Slack bot token accepted');
      } catch (err) {
        if (err instanceof DeliveryError && err.permanent) throw new Error(`SLACK_BOT_TOKEN was refused by Slack: ${err.message}`, { cause: err });
        logger.warn({ component: 'slack', err }, 'Slack auth.test failed; cards will be retried by the outbox');
      }
    },
    async stop() {
      await this.idle();
    },
    async idle() {
      await Promise.all([...receivers].map((r) => r.idle()));
    },
  };
}
