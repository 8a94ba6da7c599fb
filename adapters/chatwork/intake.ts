/**
 * Chatwork intake, durable: `store` writes the raw webhook event (unique per message), and only
 * then does the route answer 200; `process` turns a stored event into reports (parse → cases.submit)
 * and marks it `processed` or `ignored`. A failure leaves the row `pending` with its error and a
 * next attempt time; `sweep` retries due rows (at start and on a timer), so an event answered 200
 * survives a crash. Reports are idempotent on `room-message[-n]`, so re-processing never doubles.
 *
 * `message_updated`: an edit of a message that already made a report is ignored (the first
 * version is the evidence; quotes cannot be edited to change what the fraudster wrote). An edit
 * of a message that made none (it was empty, or only mentioned the bot) is processed like a new
 * message, under the same report ids.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../../src/deps.ts';
import { inboundEvents, reports } from '../../src/db/schema/index.ts';
import { backoffDelay } from '../../src/delivery/retry.ts';
import type { ReportOrigin } from '../../src/domain/notifier.ts';
import { envelopeSchema, eventKey, HANDLED_EVENTS, readEvent, reportExternalId, type ChatworkEvent, type ChatworkEventType } from './event.ts';
import { MAX_PARSED_CHARS, parseChatworkBody, toReports, type ParsedMessage } from './parse.ts';

/** What processing made of an event (stored as JSON in `inbound_events.result`). */
export type ProcessResult =
  | { status: 'processed'; reports: { ref: string; reportId: number; created: boolean }[]; command?: string }
  | { status: 'ignored'; reason: string }
  | { status: 'pending'; reason: string };

export interface ChatworkIntake {
  /** Stores a handled event verbatim; null when the same message (or edit) was stored before. */
  store(rawBody: string, event: ChatworkEvent): Promise<number | null>;
  /** Processes stored event `id` once; errors are recorded on the row, not thrown. */
  process(id: number): Promise<ProcessResult>;
  /** Processes every pending event whose time has come; returns how many were handled. */
  sweep(): Promise<number>;
}

/**
 * Words to the bot that are not reports (`@kakunin 連携`): `handle` answers them (queuing its reply)
 * and returns the command's name, or null when the message is not a command.
 */
export interface ChatworkCommands {
  handle(e: ChatworkEvent, parsed: ParsedMessage): Promise<string | null>;
}

/** The bot's account id, known from the config or (later) from GET /me. */
export interface BotIdentity {
  accountId: number | null;
}

type Deps = Pick<AppDeps, 'db' | 'clock' | 'logger' | 'cases' | 'config'>;

const isHandled = (t: string): t is ChatworkEventType => (HANDLED_EVENTS as readonly string[]).includes(t);

/** Creates the intake over the app's deps; `bot` is shared with the binding (filled at start). */
export function createChatworkIntake(deps: Deps, bot: BotIdentity, random: () => number = Math.random, commands: ChatworkCommands | null = null): ChatworkIntake {
  const { db, clock } = deps;
  const logger = deps.logger.child({ component: 'chatwork-intake' });

  async function finish(id: number, status: 'processed' | 'ignored', result: unknown): Promise<void> {
    const at = clock.now().toISOString();
    await db.update(inboundEvents)
      .set({ status, result: JSON.stringify(result), processedAt: at, lastError: null, attempts: sql`${inboundEvents.attempts} + 1` })
      .where(and(eq(inboundEvents.id, id), eq(inboundEvents.status, 'pending')))
      .run();
  }

  async function fail(id: number, attempts: number, err: unknown): Promise<void> {
    const now = clock.now().getTime();
    const delay = backoffDelay(attempts + 1, deps.config.delivery, random);
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    await db.update(inboundEvents)
      .set({ attempts: attempts + 1, lastError: message, nextAttemptAt: now + delay })
      .where(eq(inboundEvents.id, id))
      .run();
    logger.error({ err, inboundId: id, attempts: attempts + 1, retryInMs: delay }, 'chatwork event failed; it stays stored and will be retried');
  }

  const alreadyReported = async (e: ChatworkEvent) =>
    (await db
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.caller, 'chatwork'), eq(reports.externalId, reportExternalId(e, 0))))
      .get()) !== undefined;

  async function handle(id: number, e: ChatworkEvent, botId: number): Promise<ProcessResult> {
    if (e.senderId === botId) return { status: 'ignored', reason: 'own_message' };
    if (e.type === 'message_updated' && (await alreadyReported(e))) return { status: 'ignored', reason: 'edit_of_reported_message' };
    const parsed = parseChatworkBody(e.body, botId);
    if (parsed.truncated) {
      logger.warn(
        { inboundId: id, roomId: e.roomId, messageId: e.messageId, chars: e.body.length, parsedChars: MAX_PARSED_CHARS },
        'chatwork message too long: only the first part was parsed; the whole event stays stored',
      );
    }
    if (commands && e.type !== 'message_updated' && parsed.quotes.length === 0) {
      const command = await commands.handle(e, parsed);
      if (command) {
        logger.info({ inboundId: id, roomId: e.roomId, messageId: e.messageId, command }, 'chatwork command');
        return { status: 'processed', reports: [], command };
      }
    }
    const outcome = toReports(parsed, e.senderId, botId);
    if (outcome.kind === 'ignored') return { status: 'ignored', reason: outcome.reason };
    const origin: ReportOrigin = { platform: 'chatwork', roomId: e.roomId, messageId: e.messageId, accountId: String(e.senderId) };
    const made: { ref: string; reportId: number; created: boolean }[] = [];
    for (const [n, report] of outcome.reports.entries()) {
      const { created, result } = await deps.cases.submit(report, { caller: { kind: 'chatwork', origin }, externalId: reportExternalId(e, n) });
      made.push({ ref: result.caseRef, reportId: result.reportId, created });
    }
    logger.info({ inboundId: id, type: e.type, roomId: e.roomId, messageId: e.messageId, reports: made }, 'chatwork report stored');
    return { status: 'processed', reports: made };
  }

  const intake: ChatworkIntake = {
    async store(rawBody, event) {
      const now = clock.now();
      const row = await db
        .insert(inboundEvents)
        .values({
          platform: 'chatwork',
          eventKey: eventKey(event),
          eventType: event.type,
          rawBody,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now.getTime(),
          receivedAt: now.toISOString(),
        })
        .onConflictDoNothing({ target: [inboundEvents.platform, inboundEvents.eventKey] })
        .returning({ id: inboundEvents.id })
        .get();
      return row?.id ?? null;
    },

    async process(id) {
      const row = await db.select().from(inboundEvents).where(eq(inboundEvents.id, id)).get();
      if (!row || row.status !== 'pending') return { status: 'ignored', reason: 'not_pending' };
      if (bot.accountId === null) return { status: 'pending', reason: 'bot account id not known yet' };
      try {
        const env = envelopeSchema.parse(JSON.parse(row.rawBody));
        if (!isHandled(env.webhook_event_type)) throw new Error(`unexpected event type ${env.webhook_event_type}`);
        const result = await handle(id, readEvent(env.webhook_event_type, env.webhook_event), bot.accountId);
        if (result.status !== 'pending') await finish(id, result.status, result);
        return result;
      } catch (err) {
        await fail(id, row.attempts, err);
        return { status: 'pending', reason: err instanceof Error ? err.message : String(err) };
      }
    },

    async sweep() {
      const due = await db
        .select({ id: inboundEvents.id })
        .from(inboundEvents)
        .where(and(eq(inboundEvents.platform, 'chatwork'), eq(inboundEvents.status, 'pending'), lte(inboundEvents.nextAttemptAt, clock.now().getTime())))
        .orderBy(asc(inboundEvents.id))
        .limit(200)
        .all();
      let handled = 0;
      for (const { id } of due) if ((await intake.process(id)).status !== 'pending') handled += 1;
      return handled;
    },
  };
  return intake;
}
