import { bigint, index, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * OpenID Connect sign-ins under way (src/auth/sign-in-flows.ts): the `state`, `nonce` and PKCE
 * verifier of one authorization request, bound to the browser that started it. The browser holds
 * a random token in a cookie; the row's `id` is that token's SHA-256, so the database alone cannot
 * finish a flow. A row is deleted when its callback arrives (single use) or when it expires.
 */
export const signInFlows = pgTable(
  'sign_in_flows',
  {
    id: text('id').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Where to go after signing in (a same-site path). */
    next: text('next').notNull(),
    /** Client address that started it (a cap on flows per address). */
    ip: text('ip').notNull(),
    createdAt: text('created_at').notNull(),
    /** Epoch milliseconds. */
    expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
  },
  (t) => [index('sign_in_flows_expires_idx').on(t.expiresAt), index('sign_in_flows_ip_idx').on(t.ip, t.expiresAt)],
);
