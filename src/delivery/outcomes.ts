/**
 * What happens to an outbox row after a send: sent (recording where the card now lives and
 * settling the updates the sent card already shows), failed (retried with backoff or the
 * platform's Retry-After, dead after `maxAttempts`, the error kept), or dead outright.
 */
import { and, eq, lte } from 'drizzle-orm';
import { DeliveryError, type NotifierPlatform, type PostedCard } from '../domain/notifier.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { chatPosts, deliveries } from '../db/schema/index.ts';
import type { Logger } from '../logger.ts';
import { backoffDelay } from './retry.ts';

/** One outbox row. */
export type Delivery = typeof deliveries.$inferSelect;

/** How one send ended, as counted in a tick's stats. */
export type Outcome = 'sent' | 'retried' | 'dead' | 'deferred';

/** Pending deliveries of `kind` for the same card as `d`: same case, platform and target. */
export const pendingForCard = (d: Delivery, kind: Delivery['kind']) =>
  and(
    eq(deliveries.caseId, d.caseId),
    eq(deliveries.platform, d.platform),
    eq(deliveries.target, d.target),
    eq(deliveries.kind, kind),
    eq(deliveries.status, 'pending'),
  );

/** The row transitions of the outbox worker, over its database, clock and retry policy. */
export function createOutcomes(deps: { db: Db; clock: Clock; logger: Logger; config: Pick<Config, 'delivery'>; random: () => number }) {
  const { db, clock, logger, random } = deps;

  async function markSent(d: Delivery, coalesceUpTo: number | null, post: PostedCard | null) {
    const now = clock.now();
    const at = now.toISOString();
    await db.transaction(
      async (tx) => {
        if (post) {
          await tx.insert(chatPosts)
            .values({
              caseId: d.caseId,
              platform: d.platform as NotifierPlatform,
              target: d.target,
              channel: post.channel,
              messageId: post.messageId,
              meta: post.meta ? JSON.stringify(post.meta) : null,
              createdAt: at,
              updatedAt: at,
            })
            .onConflictDoUpdate({
              target: [chatPosts.caseId, chatPosts.platform, chatPosts.target],
              set: { channel: post.channel, messageId: post.messageId, meta: post.meta ? JSON.stringify(post.meta) : null, updatedAt: at },
            })
            .run();
        }
        await tx.update(deliveries)
          .set({ status: 'sent', attempts: d.attempts + 1, lastError: null, updatedAt: at })
          .where(eq(deliveries.id, d.id))
          .run();
        if (coalesceUpTo !== null) {
          // The card just sent was built after these updates were queued: it already shows them.
          await tx.update(deliveries)
            .set({ status: 'sent', lastError: null, updatedAt: at })
            .where(and(pendingForCard(d, 'card.update'), lte(deliveries.id, coalesceUpTo)))
            .run();
        }
      },
      { behavior: 'immediate' },
    );
  }

  async function markFailed(d: Delivery, err: unknown): Promise<Outcome> {
    const now = clock.now();
    const attempts = d.attempts + 1;
    const de = err instanceof DeliveryError ? err : null;
    const message = `${de ? de.code : 'error'}: ${err instanceof Error ? err.message : String(err)}`.slice(0, 2000);
    const dead = (de?.permanent ?? false) || attempts >= deps.config.delivery.maxAttempts;
    const delay = de?.retryAfterMs ?? backoffDelay(attempts, deps.config.delivery, random);
    await db.update(deliveries)
      .set({
        status: dead ? 'dead' : 'pending',
        attempts,
        lastError: message,
        nextAttemptAt: dead ? d.nextAttemptAt : now.getTime() + delay,
        updatedAt: now.toISOString(),
      })
      .where(eq(deliveries.id, d.id))
      .run();
    logger.warn({ deliveryId: d.id, kind: d.kind, platform: d.platform, attempts, dead, err: message }, 'delivery failed');
    return dead ? 'dead' : 'retried';
  }

  async function markDead(d: Delivery, reason: string): Promise<Outcome> {
    await db.update(deliveries)
      .set({ status: 'dead', lastError: reason, updatedAt: clock.now().toISOString() })
      .where(eq(deliveries.id, d.id))
      .run();
    logger.warn({ deliveryId: d.id, reason }, 'delivery dead');
    return 'dead';
  }

  return { markSent, markFailed, markDead };
}
