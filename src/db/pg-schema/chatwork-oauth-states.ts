import { bigint, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * One row per attempt to connect a Chatwork account (GET /chatwork/connect): the one-time OAuth
 * `state`, stored as its SHA-256 (a database reader cannot use a live one), the PKCE verifier,
 * sealed (src/secret-box.ts), and the SHA-256 of the browser cookie the attempt is bound to. The
 * callback takes the row with `UPDATE … SET used_at WHERE used_at IS NULL`, so a state works once.
 */
export const chatworkOauthStates = pgTable('chatwork_oauth_states', {
  stateHash: text('state_hash').primaryKey(),
  verifier: text('verifier').notNull(),
  browserHash: text('browser_hash').notNull(),
  createdAt: text('created_at').notNull(),
  /** Epoch ms; the callback refuses the state after this. */
  expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  usedAt: text('used_at'),
});
