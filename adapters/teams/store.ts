/**
 * Teams channel bindings in the database (table `teams_bindings`). A binding's id, as a string,
 * is the outbox target of the Teams notifier, so the list of targets is read from here each time
 * a case needs a card. Only approved bindings are targets: a team that installs the app waits
 * for an admin (or TEAMS_ALLOWED_IDS). No botbuilder here: the stored fields are plain Bot
 * Framework wire data.
 */
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { perDb } from '../../src/db/memo.ts';
import { chatPosts, teamsBindings, type TeamsBindingSource } from '../../src/db/schema/index.ts';

export type TeamsBinding = typeof teamsBindings.$inferSelect;

/** What is learnt from an activity in the channel being bound. */
export interface NewBinding {
  conversationId: string;
  serviceUrl: string;
  tenantId: string | null;
  channelName: string | null;
  teamName: string | null;
  botId: string;
  botName: string | null;
  source: TeamsBindingSource;
  boundByName: string | null;
  boundByAadId: string | null;
}

/** A Teams channel thread id (`19:…@thread.tacv2;messageid=123`) without its message part. */
export function baseConversationId(id: string): string {
  const i = id.indexOf(';messageid=');
  return i === -1 ? id : id.slice(0, i);
}

const stmts = perDb((db) => ({
  activeIds: db
    .select({ id: teamsBindings.id })
    .from(teamsBindings)
    .where(and(isNull(teamsBindings.removedAt), isNotNull(teamsBindings.approvedAt)))
    .orderBy(asc(teamsBindings.id))
    .prepare(),
  sentTo: db
    .select({ id: chatPosts.id })
    .from(chatPosts)
    .where(and(eq(chatPosts.caseId, sql.placeholder('caseId')), eq(chatPosts.platform, 'teams'), eq(chatPosts.target, sql.placeholder('target'))))
    .limit(1)
    .prepare(),
}));

/** True when the binding may receive cards and act: not removed, and approved. */
export const isApproved = (b: Pick<TeamsBinding, 'removedAt' | 'approvedAt'>): boolean => b.removedAt === null && b.approvedAt !== null;

/** Reads and writes bindings on one database handle. */
export interface BindingStore {
  /** Ids (as outbox targets) of every approved binding not removed. */
  activeTargets(): Promise<string[]>;
  /**
   * Binds a conversation (or refreshes its reference and revives it if it was removed). A new or
   * revived binding is pending unless `approvedBy` (the allow-list) approves it at once; an active
   * one keeps its approval.
   */
  bind(b: NewBinding, now: Date, approvedBy?: string | null): Promise<{ binding: TeamsBinding; created: boolean }>;
  /** Approves a pending binding; false when there is no active pending binding with that id. */
  approve(id: number, by: string, now: Date): Promise<boolean>;
  /** True when a card of case `caseId` was posted to binding `bindingId` (what it may act on). */
  sentTo(bindingId: number, caseId: number): Promise<boolean>;
  get(id: number): Promise<TeamsBinding | undefined>;
  /** The active binding of a conversation (any thread of a bound channel), if any. */
  activeFor(conversationId: string): Promise<TeamsBinding | undefined>;
  list(opts?: { includeRemoved?: boolean }): Promise<TeamsBinding[]>;
  /** Marks a binding removed; false when there was no active binding with that id. */
  remove(id: number, now: Date): Promise<boolean>;
  /** Marks a conversation's binding removed (the bot was taken out of the team). */
  removeConversation(conversationId: string, now: Date): Promise<boolean>;
}

/** The binding store over `db`. */
export function createBindingStore(db: Db): BindingStore {
  const store: BindingStore = {
    activeTargets: async () => (await stmts(db).activeIds.all()).map((r) => String(r.id)),
    async bind(b, now, approvedBy = null) {
      const at = now.toISOString();
      const conversationId = baseConversationId(b.conversationId);
      const before = await db.select().from(teamsBindings).where(eq(teamsBindings.conversationId, conversationId)).get();
      const fresh = !before || before.removedAt !== null;
      // A revived binding is a new request: an admin's earlier approval does not carry over.
      const approval =
        fresh || before.approvedAt === null
          ? { approvedAt: approvedBy ? at : null, approvedBy: approvedBy ?? null }
          : { approvedAt: before.approvedAt, approvedBy: before.approvedBy };
      const binding = await db
        .insert(teamsBindings)
        .values({ ...b, conversationId, createdAt: at, updatedAt: at, removedAt: null, ...approval })
        .onConflictDoUpdate({
          target: teamsBindings.conversationId,
          set: {
            serviceUrl: b.serviceUrl,
            tenantId: b.tenantId,
            channelName: sql`coalesce(${b.channelName}, ${teamsBindings.channelName})`,
            teamName: sql`coalesce(${b.teamName}, ${teamsBindings.teamName})`,
            botId: b.botId,
            botName: b.botName,
            updatedAt: at,
            removedAt: null,
            ...approval,
            // Who bound it and how stay as they were unless the binding is being revived.
            ...(before?.removedAt ? { source: b.source, boundByName: b.boundByName, boundByAadId: b.boundByAadId } : {}),
          },
        })
        .returning()
        .get();
      return { binding, created: fresh };
    },
    async approve(id, by, now) {
      const r = await db
        .update(teamsBindings)
        .set({ approvedAt: now.toISOString(), approvedBy: by, updatedAt: now.toISOString() })
        .where(and(eq(teamsBindings.id, id), isNull(teamsBindings.removedAt), isNull(teamsBindings.approvedAt)))
        .run();
      return r.changes === 1;
    },
    sentTo: async (bindingId, caseId) => (await stmts(db).sentTo.get({ caseId, target: String(bindingId) })) !== undefined,
    get: async (id) => await db.select().from(teamsBindings).where(eq(teamsBindings.id, id)).get(),
    activeFor: async (conversationId) =>
      await db
        .select()
        .from(teamsBindings)
        .where(and(eq(teamsBindings.conversationId, baseConversationId(conversationId)), isNull(teamsBindings.removedAt)))
        .get(),
    list: async (opts = {}) =>
      await db
        .select()
        .from(teamsBindings)
        .where(opts.includeRemoved ? undefined : isNull(teamsBindings.removedAt))
        .orderBy(asc(teamsBindings.id))
        .all(),
    async remove(id, now) {
      const at = now.toISOString();
      const r = await db
        .update(teamsBindings)
        .set({ removedAt: at, updatedAt: at })
        .where(and(eq(teamsBindings.id, id), isNull(teamsBindings.removedAt)))
        .run();
      return r.changes === 1;
    },
    async removeConversation(conversationId, now) {
      const b = await store.activeFor(conversationId);
      return b ? (await store.remove(b.id, now)) : false;
    },
  };
  return store;
}
