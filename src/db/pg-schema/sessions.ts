import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { users } from './users.ts';

/**
 * Console sessions. The cookie holds a random token; only its SHA-256 is stored (`id`), so a copy
 * of the database cannot be replayed as a cookie. `csrf_token` is bound to the session and must
 * accompany every form post.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    /** Epoch milliseconds; the session is refused from then on. */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * The ID token of an SSO sign-in, kept only to send as `id_token_hint` to the provider's
     * end_session_endpoint at sign-out (Okta requires it). It cannot open a kakunin session.
     */
    idToken: text('id_token'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
