/**
 * Writing outbox rows. Always called (with the handle whose transaction is open) inside the transaction that makes the change, so a change
 * and its notifications commit together or not at all. Keys are unique: the same cause never
 * queues twice (`ON CONFLICT DO NOTHING`).
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { NotifierPlatform, ReporterEvent } from '../domain/notifier.ts';
import type { Verdict } from '../domain/detection.ts';
import type { Db } from '../db/client.ts';
import { deliveries, type DeliveryPlatform } from '../db/schema/index.ts';
import { perDb } from '../db/memo.ts';
import { MAX_CARD_UPDATE_DELAY_MS } from '../config.ts';
import { resolveTargets, type CardTarget, type EscalationPolicy } from '../escalation-policy.ts';

const ph = (name: string) => sql.placeholder(name);
const stmts = perDb((db) => ({
  /** Every card post of a case (one per platform+target, by its key), whatever its status. */
  cardPosts: db
    .select({ platform: deliveries.platform, target: deliveries.target, status: deliveries.status })
    .from(deliveries)
    .where(and(eq(deliveries.caseId, ph('caseId')), eq(deliveries.kind, 'card.post')))
    .prepare(),
  /** The newest update still waiting for this card, if any. */
  waitingUpdate: db
    .select({ id: deliveries.id, nextAttemptAt: deliveries.nextAttemptAt })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.caseId, ph('caseId')),
        eq(deliveries.kind, 'card.update'),
        eq(deliveries.platform, ph('platform')),
        eq(deliveries.target, ph('target')),
        eq(deliveries.status, 'pending'),
      ),
    )
    .orderBy(desc(deliveries.id))
    .limit(1)
    .prepare(),
  hurry: db
    .update(deliveries)
    .set({ nextAttemptAt: sql`${ph('now')}` })
    .where(and(eq(deliveries.id, ph('id')), eq(deliveries.status, 'pending'), gt(deliveries.nextAttemptAt, ph('now'))))
    .prepare(),
  insert: db
    .insert(deliveries)
    .values({
      platform: ph('platform'),
      kind: ph('kind'),
      caseId: ph('caseId'),
      target: ph('target'),
      deliveryKey: ph('deliveryKey'),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: ph('nextAttemptAt'),
      payload: ph('payload'),
      createdAt: ph('at'),
      updatedAt: ph('at'),
    })
    .onConflictDoNothing({ target: deliveries.deliveryKey })
    .returning({ id: deliveries.id })
    .prepare(),
}));

/** Where cards go and which platforms can answer reporters; derived from the notifier registry. */
export interface OutboxTargets {
  /** Read when a case queues its cards (some targets live in the database). */
  cards(): Promise<{ platform: NotifierPlatform; target: string }[]>;
  reporterPlatforms: NotifierPlatform[];
}

/** Targets a card for this case was (or is being) posted to, dead posts excepted. */
export async function postedTargets(db: Db, caseId: number): Promise<CardTarget[]> {
  return liveTargets(await stmts(db).cardPosts.all({ caseId }));
}

/** Whether a card for people (anything but the log notifier) was queued or posted for the case. */
export async function isEscalated(db: Db, caseId: number): Promise<boolean> {
  return (await postedTargets(db, caseId)).some((t) => t.platform !== 'console');
}

const liveTargets = (posts: { platform: DeliveryPlatform; target: string; status: string }[]): CardTarget[] =>
  posts
    .filter((r): r is typeof r & CardTarget => r.status !== 'dead' && r.platform !== 'webhook')
    .map(({ platform, target }) => ({ platform, target }));

/**
 * Queues a card post (first time) or a card update (afterwards). Targets: the escalation policy's
 * targets for the case's severity (`[]` means no card) plus every target the card already went to
 * (a second-level channel keeps getting updates). `cause` makes the update key unique (an event
 * id); the post key is per case+platform+target so a case is posted once per target.
 *
 * Updates coalesce: the card is built when it is sent, so an update still waiting for the same
 * card already covers this change and no second row is written. `delayMs` (new reports) lets
 * changes gather before the edit; an update with no delay (a responder's action) makes a waiting
 * one due now. A waiting update is only reused while it is due within `MAX_CARD_UPDATE_DELAY_MS`:
 * one further out is being sent right now (its send lease) or backing off, and may show an older
 * card.
 */
export async function enqueueCards(
  db: Db,
  p: { caseId: number; severity: Verdict; policy: EscalationPolicy; cause: string; now: Date; targets: OutboxTargets; delayMs?: number },
): Promise<number> {
  const s = stmts(db);
  // One read of the case's posts answers both "where did the card go" and "was it posted here".
  const posts = await s.cardPosts.all({ caseId: p.caseId });
  const wanted = resolveTargets(p.policy[p.severity].targets, await p.targets.cards());
  for (const t of liveTargets(posts)) {
    if (!wanted.some((w) => w.platform === t.platform && w.target === t.target)) wanted.push(t);
  }
  const now = p.now.getTime();
  const delayMs = p.delayMs ?? 0;
  let queued = 0;
  for (const { platform, target } of wanted) {
    if (!posts.some((r) => r.platform === platform && r.target === target)) {
      const key = `card.post:${p.caseId}:${platform}:${target}`;
      queued += await insertDelivery(db, { platform, kind: 'card.post', caseId: p.caseId, target, key, now: p.now, payload: null });
      continue;
    }
    const waiting = await s.waitingUpdate.get({ caseId: p.caseId, platform, target });
    if (waiting && waiting.nextAttemptAt <= now + MAX_CARD_UPDATE_DELAY_MS) {
      if (delayMs === 0) await s.hurry.run({ id: waiting.id, now });
      continue;
    }
    const key = `card.update:${p.caseId}:${platform}:${target}:${p.cause}`;
    queued += await insertDelivery(db, { platform, kind: 'card.update', caseId: p.caseId, target, key, now: p.now, dueAt: now + delayMs, payload: null });
  }
  return queued;
}

/** Queues a reply to the employee who reported, where they reported from. */
export async function enqueueReporterNotify(
  db: Db,
  p: { caseId: number; reportId: number; platform: NotifierPlatform; event: ReporterEvent; cause: string; now: Date },
): Promise<number> {
  return await insertDelivery(db, {
    platform: p.platform,
    kind: 'reporter.notify',
    caseId: p.caseId,
    target: String(p.reportId),
    key: `reporter.notify:${p.reportId}:${p.event}:${p.cause}`,
    now: p.now,
    payload: { event: p.event },
  });
}

/** Queues a signed callback to API token `tokenId`'s URL (src/delivery/callback.ts); the body is fixed now. */
export async function enqueueReporterCallback(
  db: Db,
  p: { caseId: number; tokenId: number; body: Record<string, unknown> & { event: ReporterEvent }; cause: string; now: Date },
): Promise<number> {
  return await insertDelivery(db, {
    platform: 'webhook',
    kind: 'reporter.callback',
    caseId: p.caseId,
    target: String(p.tokenId),
    key: `reporter.callback:${p.tokenId}:${p.caseId}:${p.body.event}:${p.cause}`,
    now: p.now,
    payload: p.body,
  });
}

/** Inserts one pending delivery (due now unless `dueAt`); returns 1, or 0 when the key already exists. */
export async function insertDelivery(
  db: Db,
  d: {
    platform: DeliveryPlatform;
    kind: (typeof deliveries.$inferInsert)['kind'];
    caseId: number;
    target: string;
    key: string;
    now: Date;
    /** Epoch ms it is due; now unless given. */
    dueAt?: number;
    payload: Record<string, unknown> | null;
  },
): Promise<number> {
  return (await stmts(db).insert.all({
    platform: d.platform,
    kind: d.kind,
    caseId: d.caseId,
    target: d.target,
    deliveryKey: d.key,
    nextAttemptAt: d.dueAt ?? d.now.getTime(),
    payload: d.payload ? JSON.stringify(d.payload) : null,
    at: d.now.toISOString(),
  })).length;
}
