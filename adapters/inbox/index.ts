/**
 * The `inbox` notifier: the console's own escalation channel. When neither Slack nor Teams is
 * configured (INBOX_NOTIFIER=auto, the default) or when asked (on), the outbox "posts" each case
 * card into the `inbox_cards` table; updates and reminders change that row, just as they would
 * edit a Slack message. The console's /inbox page lists these rows with the same actions as the
 * other platforms (through cases.act), so the whole flow works on a fresh install.
 */
import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../../src/clock.ts';
import type { Config } from '../../src/config.ts';
import type { Db } from '../../src/db/client.ts';
import { inboxCards } from '../../src/db/schema/index.ts';
import { parseCaseRef } from '../../src/domain/ref.ts';
import type { NotifierBinding } from '../../src/deps.ts';
import { DeliveryError, type CaseCard, type Notifier, type PostedCard, type Reminder } from '../../src/domain/notifier.ts';

/** The single inbox target (the console). */
export const INBOX_TARGET = 'console';

/** True when cards should go to the console inbox under this configuration. */
export function inboxEnabled(config: Pick<Config, 'inbox' | 'slack' | 'teams'>): boolean {
  if (config.inbox.mode === 'on') return true;
  if (config.inbox.mode === 'off') return false;
  return config.slack === null && config.teams === null;
}

function caseIdOf(card: CaseCard): number {
  const id = parseCaseRef(card.ref);
  if (id === null) throw new DeliveryError('rejected', `not a case ref: ${card.ref}`);
  return id;
}

/** Creates the inbox notifier over the database. */
export function createInboxNotifier(db: Db, clock: Clock): Notifier {
  return {
    platform: 'inbox',
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      const caseId = caseIdOf(card);
      const at = clock.now().toISOString();
      const row = await db
        .insert(inboxCards)
        .values({ caseId, status: card.status, severity: card.severity, postedAt: at, updatedAt: at })
        .onConflictDoUpdate({ target: inboxCards.caseId, set: { status: card.status, severity: card.severity, updatedAt: at } })
        .returning({ id: inboxCards.id })
        .get();
      return { channel: target, messageId: String(row.id) };
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      const changed = await db
        .update(inboxCards)
        .set({ status: card.status, severity: card.severity, updatedAt: clock.now().toISOString() })
        .where(eq(inboxCards.id, Number(post.messageId)))
        .run();
      if (changed.changes !== 1) throw new DeliveryError('message_not_found', `inbox card ${post.messageId} is gone`);
      return post;
    },
    async remind(_card: CaseCard, post: PostedCard, _reminder: Reminder): Promise<void> {
      const changed = await db
        .update(inboxCards)
        .set({ reminders: sql`${inboxCards.reminders} + 1`, remindedAt: clock.now().toISOString() })
        .where(eq(inboxCards.id, Number(post.messageId)))
        .run();
      if (changed.changes !== 1) throw new DeliveryError('message_not_found', `inbox card ${post.messageId} is gone`);
    },
  };
}

/** Registry factory: on per `inboxEnabled`, one target, no reporter replies (the form shows the answer itself). */
export function createInboxBinding(deps: { config: Config; db: Db; clock: Clock }): NotifierBinding | null {
  if (!inboxEnabled(deps.config)) return null;
  return { notifier: createInboxNotifier(deps.db, deps.clock), targets: [INBOX_TARGET], reporter: null };
}
