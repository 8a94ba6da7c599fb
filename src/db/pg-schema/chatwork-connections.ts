import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

export const CHATWORK_CONNECTION_STATUSES = ['active', 'reconnect'] as const;
export type ChatworkConnectionStatus = (typeof CHATWORK_CONNECTION_STATUSES)[number];

/**
 * Employees who connected their own Chatwork account to the contact-request guard. Their OAuth
 * tokens are sealed with AES-256-GCM under a subkey of kakunin's secret key, each bound to this
 * row and field (src/secret-box.ts); disconnecting deletes the row. `reconnect`: the token stopped
 * working (revoked, expired refresh token) and the employee was asked to connect again.
 */
export const chatworkConnections = pgTable(
  'chatwork_connections',
  {
    /** The employee's Chatwork account id (from GET /me with their token). */
    accountId: bigint('account_id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(), // SQLite: an INTEGER PRIMARY KEY is the rowid, assigned when omitted
    name: text('name').notNull(),
    accessToken: text('access_token').notNull(),
    refreshToken: text('refresh_token'),
    /** Epoch ms when the access token expires. */
    accessExpiresAt: bigint('access_expires_at', { mode: 'number' }).notNull(),
    scope: text('scope'),
    status: text('status', { enum: CHATWORK_CONNECTION_STATUSES }).notNull().default('active'),
    /** The bot's direct chat with the employee (from the bot's GET /contacts). */
    dmRoomId: text('dm_room_id'),
    /** Epoch ms: Chatwork's rate limit for this token resets then; not polled before. */
    rateLimitedUntil: bigint('rate_limited_until', { mode: 'number' }).notNull().default(0),
    lastPolledAt: text('last_polled_at'),
    lastError: text('last_error'),
    connectedAt: text('connected_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('chatwork_connections_status_idx').on(t.status)],
);
