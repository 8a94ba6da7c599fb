/**
 * Messages the kakunin bot posts on its own: contact-request warnings, watched-room warnings,
 * reconnect requests, command answers (table `chatwork_notices`). Queued once per `key`, sent by
 * `flush` (called after each poll and webhook, from any process):
 *
 * - a row is claimed by pushing its `next_attempt_at` ahead (`CLAIM_MS`) in one UPDATE, so two
 *   processes never send it at once;
 * - every post carries a marker (「〔kakunin n-…〕」, from the key); an attempt that got no answer
 *   may have been posted all the same, so before a second attempt the room's latest messages are
 *   read and a bot message with the marker counts as sent: nobody is warned twice, even when the
 *   process dies between Chatwork's 200 and our commit;
 * - failures wait (Chatwork's x-ratelimit-reset, else backoff) and give up after MAX_ATTEMPTS;
 * - the body is dropped once sent (the case keeps the evidence).
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Clock } from '../../src/clock.ts';
import type { Db } from '../../src/db/client.ts';
import { chatworkNotices, type NoticeKind } from '../../src/db/schema/index.ts';
import { backoffDelay } from '../../src/delivery/retry.ts';
import type { Logger } from '../../src/logger.ts';
import { DeliveryError } from '../../src/domain/notifier.ts';
import type { BotIdentity } from './intake.ts';
import type { ChatworkTransport, RoomMessage } from './transport.ts';

/** A send in progress holds its row this long (longer than a request's 10 s timeout). */
export const CLAIM_MS = 60_000;
export const MAX_ATTEMPTS = 12;

export interface NewNotice {
  key: string;
  kind: NoticeKind;
  /** A room, or (for a direct chat) the account whose direct chat with the bot it goes to. */
  roomId?: string | null;
  toAccountId?: number | null;
  body: string;
  caseId?: number | null;
}

export interface NoticeQueue {
  /** Queues a notice unless its key was queued before; returns whether it was new. Call inside the caller's transaction. */
  enqueue(n: NewNotice): Promise<boolean>;
  /** Sends what is due; resolves to counts. Never throws for a failed send (it is kept for later). */
  flush(): Promise<{ sent: number; retried: number; dead: number }>;
}

/** The marker a notice's message carries, from its key. */
export function noticeMarker(key: string): string {
  return `〔kakunin n-${createHash('sha256').update(key).digest('hex').slice(0, 12)}〕`;
}

export interface NoticeDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  transport: ChatworkTransport;
  bot: BotIdentity;
  delivery: { baseDelayMs: number; maxDelayMs: number };
  random?: () => number;
  /**
   * The bot's direct chat with `accountId` (from the bot's GET /contacts, cached by the caller);
   * null when the account is not a contact of the bot. `fresh` asks to look again.
   */
  directRoom(accountId: number, fresh: boolean): Promise<string | null>;
  /**
   * The messages a second attempt read from a room (`force=1` moves Chatwork's per-token cursor
   * past them, so a watch poll would not get them any more): the room watch judges them here.
   */
  onRoomRead?(roomId: string, messages: RoomMessage[]): Promise<void>;
}

export function createNoticeQueue(deps: NoticeDeps): NoticeQueue {
  const { db, clock } = deps;
  const logger = deps.logger.child({ component: 'chatwork-notices' });
  const random = deps.random ?? Math.random;
  let running: Promise<{ sent: number; retried: number; dead: number }> | null = null;

  async function done(id: number, messageId: string, roomId: string): Promise<void> {
    await db.update(chatworkNotices)
      .set({ status: 'sent', body: null, messageId, roomId, sentAt: clock.now().toISOString(), lastError: null })
      .where(eq(chatworkNotices.id, id))
      .run();
  }

  async function failed(row: { id: number; attempts: number }, err: unknown): Promise<'retried' | 'dead'> {
    const now = clock.now().getTime();
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    const attempts = row.attempts + 1;
    const permanent = err instanceof DeliveryError && err.permanent;
    if (permanent || attempts >= MAX_ATTEMPTS) {
      await db.update(chatworkNotices).set({ status: 'dead', lastError: message }).where(eq(chatworkNotices.id, row.id)).run();
      logger.error({ err, noticeId: row.id, attempts }, 'chatwork notice given up');
      return 'dead';
    }
    const wait = err instanceof DeliveryError && err.retryAfterMs !== null ? err.retryAfterMs : backoffDelay(attempts, deps.delivery, random);
    await db.update(chatworkNotices).set({ nextAttemptAt: now + wait, lastError: message }).where(eq(chatworkNotices.id, row.id)).run();
    logger.warn({ noticeId: row.id, attempts, retryInMs: wait, error: message }, 'chatwork notice not sent yet; it will be retried');
    return 'retried';
  }

  /** Claims the row: attempts + 1, held for CLAIM_MS. False when another sender has it. */
  async function claim(row: { id: number; nextAttemptAt: number }): Promise<boolean> {
    const now = clock.now().getTime();
    return (
      (await db
        .update(chatworkNotices)
        .set({ attempts: sql`${chatworkNotices.attempts} + 1`, nextAttemptAt: now + CLAIM_MS })
        .where(and(eq(chatworkNotices.id, row.id), eq(chatworkNotices.status, 'pending'), eq(chatworkNotices.nextAttemptAt, row.nextAttemptAt)))
        .run()).changes === 1
    );
  }

  async function sendOne(row: typeof chatworkNotices.$inferSelect): Promise<'sent' | 'retried' | 'dead'> {
    if (!(await claim(row))) return 'retried';
    const marker = noticeMarker(row.key);
    try {
      let roomId = row.roomId;
      if (!roomId && row.toAccountId !== null) {
        roomId = await deps.directRoom(row.toAccountId, row.attempts > 0);
        if (!roomId) throw new DeliveryError('rejected', `account ${row.toAccountId} is not a contact of the kakunin bot: no direct chat to warn in`);
      }
      if (!roomId) throw new DeliveryError('rejected', 'notice without a room');
      // An earlier attempt may have reached Chatwork without us hearing back: look before posting again.
      if (row.attempts > 0 && deps.bot.accountId !== null) {
        const latest = await deps.transport.roomMessages(roomId, { force: true, priority: 'normal' });
        await deps.onRoomRead?.(roomId, latest);
        const posted = latest.find((m) => m.accountId === deps.bot.accountId && m.body.includes(marker));
        if (posted) {
          await done(row.id, posted.messageId, roomId);
          logger.info({ noticeId: row.id, messageId: posted.messageId }, 'chatwork notice was posted by an earlier attempt; not posted again');
          return 'sent';
        }
      }
      const { messageId } = await deps.transport.postMessage(roomId, `${row.body ?? ''}\n${marker}`);
      await done(row.id, messageId, roomId);
      return 'sent';
    } catch (err) {
      return await failed(row, err);
    }
  }

  async function flushNow() {
    const stats = { sent: 0, retried: 0, dead: 0 };
    const seen = new Set<number>();
    for (;;) {
      const now = clock.now().getTime();
      const rows = (await db
        .select()
        .from(chatworkNotices)
        .where(and(eq(chatworkNotices.status, 'pending'), lte(chatworkNotices.nextAttemptAt, now)))
        .orderBy(asc(chatworkNotices.id))
        .limit(50)
        .all())
        .filter((r) => !seen.has(r.id));
      if (rows.length === 0) break;
      for (const row of rows) {
        seen.add(row.id);
        const outcome = await sendOne(row);
        stats[outcome] += 1;
        // The bot's budget is spent: the rest waits for the reset.
        if (outcome === 'retried' && deps.transport.gate.blockedUntil > clock.now().getTime()) return stats;
      }
    }
    return stats;
  }

  return {
    async enqueue(n) {
      const now = clock.now();
      const row = await db
        .insert(chatworkNotices)
        .values({
          key: n.key,
          kind: n.kind,
          roomId: n.roomId ?? null,
          toAccountId: n.toAccountId ?? null,
          body: n.body,
          caseId: n.caseId ?? null,
          nextAttemptAt: now.getTime(),
          createdAt: now.toISOString(),
        })
        .onConflictDoNothing()
        .returning({ id: chatworkNotices.id })
        .get();
      return row !== undefined;
    },
    async flush() {
      // One flush at a time in this process; other processes are kept apart by the claims.
      while (running) await running.catch(() => undefined);
      running = flushNow();
      try {
        return await running;
      } finally {
        running = null;
      }
    },
  };
}
