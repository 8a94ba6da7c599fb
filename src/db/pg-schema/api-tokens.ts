import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const TOKEN_SCOPES = ['intake', 'respond', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** API tokens, stored only as SHA-256 hashes; the token itself is shown once at creation. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    scope: text('scope', { enum: TOKEN_SCOPES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in lists without revealing it. */
    prefix: text('prefix').notNull(),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    /** Intake tokens only: where case changes of this token's reports are POSTed (signed webhook). */
    callbackUrl: text('callback_url'),
    /**
     * HMAC-SHA256 key for the callback signature. Kept in clear because kakunin must sign with it;
     * shown once at creation, like the token.
     */
    callbackSecret: text('callback_secret'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);
