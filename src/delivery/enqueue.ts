/**
 * Writing outbox rows. Always called inside the transaction that makes the change, so a change
 * and its notifications commit together or not at all. Keys are unique: the same cause never
 * queues twice (`ON CONFLICT DO NOTHING`).
 */
import { and, eq } from 'drizzle-orm';
import type { NotifierPlatform, ReporterEvent } from '../../adapters/types.ts';
import { verdictRank, type Verdict } from '../detection/types.ts';
import type { Db } from '../db/client.ts';
import { deliveries } from '../db/schema/index.ts';

type Tx = Pick<Db, 'select' | 'insert'>;

/** Where cards go and which platforms can answer reporters; derived from the notifier registry. */
export interface OutboxTargets {
  cards: { platform: NotifierPlatform; target: string }[];
  reporterPlatforms: NotifierPlatform[];
}

/**
 * Queues a card post (first time) or a card update (afterwards) on every configured target,
 * when the case's severity is at least `minVerdict`. `cause` makes the update key unique (an
 * event id); the post key is per case+platform+target so a case is posted once per target.
 */
export function enqueueCards(
  tx: Tx,
  p: { caseId: number; severity: Verdict; minVerdict: Verdict; cause: string; now: Date; targets: OutboxTargets },
): number {
  if (verdictRank[p.severity] < verdictRank[p.minVerdict]) return 0;
  let queued = 0;
  for (const { platform, target } of p.targets.cards) {
    const posted = tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        and(eq(deliveries.caseId, p.caseId), eq(deliveries.platform, platform), eq(deliveries.target, target), eq(deliveries.kind, 'card.post')),
      )
      .get();
    const kind = posted ? 'card.update' : 'card.post';
    const key = posted ? `card.update:${p.caseId}:${platform}:${target}:${p.cause}` : `card.post:${p.caseId}:${platform}:${target}`;
    queued += insertDelivery(tx, { platform, kind, caseId: p.caseId, target, key, now: p.now, payload: null });
  }
  return queued;
}

/** Queues a reply to the employee who reported, where they reported from. */
export function enqueueReporterNotify(
  tx: Tx,
  p: { caseId: number; reportId: number; platform: NotifierPlatform; event: ReporterEvent; cause: string; now: Date },
): number {
  return insertDelivery(tx, {
    platform: p.platform,
    kind: 'reporter.notify',
    caseId: p.caseId,
    target: String(p.reportId),
    key: `reporter.notify:${p.reportId}:${p.event}:${p.cause}`,
    now: p.now,
    payload: { event: p.event },
  });
}

/** Inserts one pending delivery due now; returns 1, or 0 when the key already exists. */
export function insertDelivery(
  tx: Tx,
  d: {
    platform: NotifierPlatform;
    kind: (typeof deliveries.$inferInsert)['kind'];
    caseId: number;
    target: string;
    key: string;
    now: Date;
    payload: Record<string, unknown> | null;
  },
): number {
  const at = d.now.toISOString();
  const res = tx
    .insert(deliveries)
    .values({
      platform: d.platform,
      kind: d.kind,
      caseId: d.caseId,
      target: d.target,
      deliveryKey: d.key,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: d.now.getTime(),
      payload: d.payload ? JSON.stringify(d.payload) : null,
      createdAt: at,
      updatedAt: at,
    })
    .onConflictDoNothing({ target: deliveries.deliveryKey })
    .returning({ id: deliveries.id })
    .all();
  return res.length;
}
