/**
 * Teams channel bindings in the database (table `teams_bindings`). A binding's id, as a string,
 * is the outbox target of the Teams notifier, so the list of targets is read from here each time
 * a case needs a card. No botbuilder here: the stored fields are plain Bot Framework wire data.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { perDb } from '../../src/db/memo.ts';
import { teamsBindings, type TeamsBindingSource } from '../../src/db/schema/index.ts';

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
    .where(isNull(teamsBindings.removedAt))
    .orderBy(asc(teamsBindings.id))
    .prepare(),
}));

/** Reads and writes bindings on one database handle. */
export interface BindingStore {
  /** Ids (as outbox targets) of every binding not removed. */
  activeTargets(): string[];
  /** Binds a conversation (or refreshes its reference and revives it if it was removed). */
  bind(b: NewBinding, now: Date): { binding: TeamsBinding; created: boolean };
  get(id: number): TeamsBinding | undefined;
  /** The active binding of a conversation (any thread of a bound channel), if any. */
  activeFor(conversationId: string): TeamsBinding | undefined;
  list(opts?: { includeRemoved?: boolean }): TeamsBinding[];
  /** Marks a binding removed; false when there was no active binding with that id. */
  remove(id: number, now: Date): boolean;
  /** Marks a conversation's binding removed (the bot was taken out of the team). */
  removeConversation(conversationId: string, now: Date): boolean;
}

/** The binding store over `db`. */
export function createBindingStore(db: Db): BindingStore {
  const store: BindingStore = {
    activeTargets: () => stmts(db).activeIds.all().map((r) => String(r.id)),
    bind(b, now) {
      const at = now.toISOString();
      const conversationId = baseConversationId(b.conversationId);
      const before = db.select().from(teamsBindings).where(eq(teamsBindings.conversationId, conversationId)).get();
      const binding = db
        .insert(teamsBindings)
        .values({ ...b, conversationId, createdAt: at, updatedAt: at, removedAt: null })
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
            // Who bound it and how stay as they were unless the binding is being revived.
            ...(before?.removedAt ? { source: b.source, boundByName: b.boundByName, boundByAadId: b.boundByAadId } : {}),
          },
        })
        .returning()
        .get();
      return { binding, created: !before || before.removedAt !== null };
    },
    get: (id) => db.select().from(teamsBindings).where(eq(teamsBindings.id, id)).get(),
    activeFor: (conversationId) =>
      db
        .select()
        .from(teamsBindings)
        .where(and(eq(teamsBindings.conversationId, baseConversationId(conversationId)), isNull(teamsBindings.removedAt)))
        .get(),
    list: (opts = {}) =>
      db
        .select()
        .from(teamsBindings)
        .where(opts.includeRemoved ? undefined : isNull(teamsBindings.removedAt))
        .orderBy(asc(teamsBindings.id))
        .all(),
    remove(id, now) {
      const at = now.toISOString();
      const r = db
        .update(teamsBindings)
        .set({ removedAt: at, updatedAt: at })
        .where(and(eq(teamsBindings.id, id), isNull(teamsBindings.removedAt)))
        .run();
      return r.changes === 1;
    },
    removeConversation(conversationId, now) {
      const b = store.activeFor(conversationId);
      return b ? store.remove(b.id, now) : false;
    },
  };
  return store;
}
