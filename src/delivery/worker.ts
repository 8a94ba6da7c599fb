/**
 * The outbox worker. `tick()` sends every due delivery once, in id order: it builds the card from
 * the database at send time, calls the platform's notifier, records where the card lives
 * (chat_posts) and marks the row sent. Failures are retried with backoff (or the platform's
 * Retry-After) until `maxAttempts`, then the row is dead with its last error kept. An update for
 * a card that has not been posted yet waits for the post. Each row is claimed before it is sent
 * (`SEND_LEASE_MS`), so two workers on one database never both send it. Serve runs `tick` on an
 * interval and `kick`s it after each commit; tests call `tick` with a manual clock.
 */
import { and, asc, eq, lte, ne, max, min } from 'drizzle-orm';
import { DeliveryError, type CaseCard, type NotifierPlatform, type NotifierSet, type PostedCard, type ReportOrigin, type ReporterEvent, type Reminder } from '../domain/notifier.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { apiTokens, cases, chatPosts, deliveries, reports } from '../db/schema/index.ts';
import { buildCaseCard } from './card.ts';
import type { Logger } from '../logger.ts';
import { postCallback } from './callback.ts';
import type { EscalationRunner } from './escalation.ts';
import { createOutcomes, pendingForCard, type Delivery, type Outcome } from './outcomes.ts';

/** A delivery to a chat platform (everything but webhook callbacks). */
type ChatDelivery = Delivery & { platform: NotifierPlatform };

export interface WorkerDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  notifiers: NotifierSet;
  config: Pick<Config, 'publicUrl' | 'delivery'>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Escalation timers, fired at the start of every tick (their reminders go out in the same tick). */
  escalation?: Pick<EscalationRunner, 'fireDue'>;
}

/**
 * While a worker sends a delivery, its `next_attempt_at` is pushed this far ahead, so a second
 * worker on the same database skips it; if the process dies mid-send, it is retried after this.
 * Longer than any transport's request timeout (10 s), short enough that a crash delays a card by
 * a minute at most.
 */
export const SEND_LEASE_MS = 60_000;

/** What one tick did. */
export interface TickStats {
  sent: number;
  retried: number;
  dead: number;
  deferred: number;
  /** Escalation timers fired. */
  fired: number;
}

export interface OutboxWorker {
  tick(): Promise<TickStats>;
  /** Asks for a tick soon (after a commit); no-op unless started. */
  kick(): void;
  start(): void;
  stop(): Promise<void>;
}

const emptyStats = (): TickStats => ({ sent: 0, retried: 0, dead: 0, deferred: 0, fired: 0 });

/** Creates the worker; nothing runs until `tick()` or `start()`. */
export function createOutboxWorker(deps: WorkerDeps): OutboxWorker {
  const { db, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  let running: Promise<TickStats> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let scheduled = false;
  let wake: NodeJS.Timeout | null = null;

  /** Sleeps until the earliest pending row is due (a delayed card update), when that is before the next poll. */
  async function wakeAtNextDue() {
    if (!started) return;
    const next = (await db.select({ at: min(deliveries.nextAttemptAt) }).from(deliveries).where(eq(deliveries.status, 'pending')).get())?.at;
    if (next == null) return;
    const wait = next - clock.now().getTime();
    if (wait <= 0 || wait >= deps.config.delivery.pollMs) return;
    if (wake) clearTimeout(wake);
    wake = setTimeout(() => {
      wake = null;
      worker.kick();
    }, wait);
    wake.unref();
  }

  const findPost = async (d: ChatDelivery) =>
    await db
      .select()
      .from(chatPosts)
      .where(and(eq(chatPosts.caseId, d.caseId), eq(chatPosts.platform, d.platform), eq(chatPosts.target, d.target)))
      .get();

  const { markSent, markFailed, markDead } = createOutcomes({ db, clock, logger, config: deps.config, random });

  /**
   * Cards built in this tick, by case, with the case's version: the same update going to several
   * notifiers (console and inbox, Slack and Teams) is built once. Any change to a case bumps its
   * version, so a card is reused only while it is still current.
   */
  const built = new Map<number, { version: number; card: CaseCard }>();
  async function currentCard(caseId: number): Promise<CaseCard> {
    const version = (await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId)).get())?.version;
    const hit = built.get(caseId);
    if (hit && hit.version === version) return hit.card;
    const card = await buildCaseCard(db, caseId, { publicUrl: deps.config.publicUrl });
    if (version !== undefined) built.set(caseId, { version, card });
    return card;
  }

  /** Posts or updates the card for `d`; an update whose message is gone is posted afresh. */
  async function sendCard(d: ChatDelivery): Promise<Outcome> {
    const notifier = deps.notifiers[d.platform]?.notifier;
    if (!notifier) return await markDead(d, `no ${d.platform} notifier is configured`);
    const post = await findPost(d);
    if (!post) {
      const waitingPost = await db
        .select({ id: deliveries.id, nextAttemptAt: deliveries.nextAttemptAt })
        .from(deliveries)
        .where(and(pendingForCard(d, 'card.post'), ne(deliveries.id, d.id)))
        .get();
      if (waitingPost) {
        // Ordering per case+platform: never update (or remind about) a card before it is posted.
        await db.update(deliveries).set({ nextAttemptAt: waitingPost.nextAttemptAt }).where(eq(deliveries.id, d.id)).run();
        return 'deferred';
      }
      if (d.kind === 'card.remind') return await markDead(d, 'no posted card to remind about');
    }
    const coalesceUpTo =
      d.kind === 'card.remind'
        ? null
        : ((await db
            .select({ id: max(deliveries.id) })
            .from(deliveries)
            .where(pendingForCard(d, 'card.update'))
            .get())?.id ?? null);
    const card = await currentCard(d.caseId);
    const posted: PostedCard | null = post
      ? { channel: post.channel, messageId: post.messageId, ...(post.meta ? { meta: JSON.parse(post.meta) as Record<string, string> } : {}) }
      : null;

    if (d.kind === 'card.remind') {
      const reminder = JSON.parse(d.payload ?? '{}') as Reminder;
      await notifier.remind(card, posted!, reminder);
      await markSent(d, null, null);
      return 'sent';
    }
    let result: PostedCard;
    if (posted) {
      try {
        result = await notifier.updateCard(card, posted);
      } catch (err) {
        if (!(err instanceof DeliveryError && err.code === 'message_not_found')) throw err;
        logger.info({ deliveryId: d.id, ref: card.ref, platform: d.platform }, 'card message is gone; posting a fresh card');
        await db.delete(chatPosts).where(eq(chatPosts.id, post!.id)).run();
        result = await notifier.postCard(card, d.target);
      }
    } else {
      result = await notifier.postCard(card, d.target);
    }
    await markSent(d, coalesceUpTo, result);
    return 'sent';
  }

  async function notifyReporter(d: ChatDelivery): Promise<Outcome> {
    const reporter = deps.notifiers[d.platform]?.reporter;
    if (!reporter) return await markDead(d, `no ${d.platform} reporter notifier is configured`);
    const report = await db.select({ origin: reports.origin }).from(reports).where(eq(reports.id, Number(d.target))).get();
    if (!report?.origin) return await markDead(d, `report ${d.target} has no origin to answer`);
    const { event } = JSON.parse(d.payload ?? '{}') as { event: ReporterEvent };
    const card = await currentCard(d.caseId);
    await reporter.notifyReporter(card, JSON.parse(report.origin) as ReportOrigin, event);
    await markSent(d, null, null);
    return 'sent';
  }

  /** A signed webhook to the API token's callback URL; a revoked token or removed URL makes it dead. */
  async function sendCallback(d: Delivery): Promise<Outcome> {
    const token = await db.select().from(apiTokens).where(eq(apiTokens.id, Number(d.target))).get();
    if (!token || token.revokedAt) return await markDead(d, `API token ${d.target} is gone or revoked`);
    if (!token.callbackUrl || !token.callbackSecret) return await markDead(d, `API token ${d.target} has no callback URL`);
    await postCallback({ url: token.callbackUrl, secret: token.callbackSecret, body: d.payload ?? '{}', deliveryId: d.id, now: clock.now() });
    await markSent(d, null, null);
    return 'sent';
  }

  async function process(d: Delivery): Promise<Outcome> {
    try {
      if (d.kind === 'reporter.callback') return await sendCallback(d);
      if (d.platform === 'webhook') return await markDead(d, `${d.kind} cannot go to a webhook`);
      const cd = d as ChatDelivery;
      return d.kind === 'reporter.notify' ? await notifyReporter(cd) : await sendCard(cd);
    } catch (err) {
      return await markFailed(d, err);
    }
  }

  async function runOnce(): Promise<TickStats> {
    const stats = emptyStats();
    built.clear();
    if (deps.escalation) stats.fired = await deps.escalation.fireDue();
    const now = clock.now().getTime();
    const due = await db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.status, 'pending'), lte(deliveries.nextAttemptAt, now)))
      .orderBy(asc(deliveries.id))
      .limit(500)
      .all();
    for (const { id } of due) {
      // Re-read: an earlier send in this tick may have coalesced or deferred it.
      const d = await db.select().from(deliveries).where(eq(deliveries.id, id)).get();
      if (!d || d.status !== 'pending' || d.nextAttemptAt > now) continue;
      // Claim it (compare-and-set on next_attempt_at): another worker on the same database skips it.
      const claimed = (await db
        .update(deliveries)
        .set({ nextAttemptAt: now + SEND_LEASE_MS })
        .where(and(eq(deliveries.id, d.id), eq(deliveries.status, 'pending'), eq(deliveries.nextAttemptAt, d.nextAttemptAt)))
        .run()).changes;
      if (claimed !== 1) continue;
      stats[await process(d)] += 1;
      // Let waiting HTTP requests in between sends: a burst of card updates must not stall intake.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return stats;
  }

  const worker: OutboxWorker = {
    tick() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        const total = emptyStats();
        do {
          again = false;
          const s = await runOnce();
          for (const k of Object.keys(total) as (keyof TickStats)[]) total[k] += s[k];
        } while (again);
        return total;
      })().finally(async () => {
        running = null;
        await wakeAtNextDue();
      });
      return running;
    },
    kick() {
      // Many commits in a burst share one scheduled tick.
      if (!started || scheduled) return;
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        void worker.tick().catch((err) => logger.error({ err }, 'outbox tick failed'));
      });
    },
    start() {
      if (started) return;
      started = true;
      timer = setInterval(() => worker.kick(), deps.config.delivery.pollMs);
      timer.unref();
      worker.kick();
    },
    async stop() {
      started = false;
      if (timer) clearInterval(timer);
      if (wake) clearTimeout(wake);
      timer = null;
      wake = null;
      if (running) await running.catch(() => undefined);
    },
  };
  return worker;
}
