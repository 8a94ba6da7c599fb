import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const TEAMS_BINDING_SOURCES = ['installed', 'command'] as const;
export type TeamsBindingSource = (typeof TEAMS_BINDING_SOURCES)[number];

/**
 * Teams channels that receive case cards: the conversation reference stored when the bot is added
 * to a channel or someone writes `@kakunin bind` there (adapters/teams). The row id is the
 * outbox target. A new binding is pending (`approved_at` null: no cards, no buttons) until an
 * admin approves it in the console, unless its team or channel is in TEAMS_ALLOWED_IDS.
 * Removing a binding sets `removed_at`, so old deliveries and posts still resolve; binding the
 * same conversation again revives the row, pending again.
 */
export const teamsBindings = pgTable(
  'teams_bindings',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Channel conversation id (19:…@thread.tacv2), without any `;messageid=` suffix. */
    conversationId: text('conversation_id').notNull(),
    serviceUrl: text('service_url').notNull(),
    tenantId: text('tenant_id'),
    /** Channel name as Teams reported it (may be null for the General channel). */
    channelName: text('channel_name'),
    teamName: text('team_name'),
    /** The bot's own channel account, needed to speak in the conversation. */
    botId: text('bot_id').notNull(),
    botName: text('bot_name'),
    source: text('source', { enum: TEAMS_BINDING_SOURCES }).notNull(),
    boundByName: text('bound_by_name'),
    boundByAadId: text('bound_by_aad_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    removedAt: text('removed_at'),
    /** When and by whom (console user, `TEAMS_ALLOWED_IDS`) the binding was approved; null: pending. */
    approvedAt: text('approved_at'),
    approvedBy: text('approved_by'),
  },
  (t) => [uniqueIndex('teams_bindings_conversation_uq').on(t.conversationId), index('teams_bindings_removed_idx').on(t.removedAt)],
);
