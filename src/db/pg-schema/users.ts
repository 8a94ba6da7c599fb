import { integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { USER_ROLES } from '../../domain/user.ts';

/**
 * Console accounts. `password_hash` is `scrypt$N$r$p$salt$hash` (src/auth/passwords.ts); the
 * password itself is never stored. Disabling keeps the row so audit events still name the person.
 *
 * Accounts from the company's identity provider (OpenID Connect, src/auth/sso-users.ts) are keyed
 * by (`oidc_issuer`, `oidc_subject`); their `password_hash` is '' (no password can match it), their
 * `name` is `sso:` + a digest of that key (never a valid local name), and `display_name`, `email`
 * and `role` are rewritten from the provider's claims at every sign-in.
 */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Sign-in name, compared case-insensitively (stored lower-case). */
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    disabledAt: text('disabled_at'),
    /** From the provider's `email` claim (SSO accounts); shown next to the name in the audit trail. */
    email: text('email'),
    /** The provider's issuer URL; null for a local account. */
    oidcIssuer: text('oidc_issuer'),
    /** The provider's `sub` for this person (stable, unlike the e-mail). */
    oidcSubject: text('oidc_subject'),
  },
  (t) => [uniqueIndex('users_name_uq').on(t.name), uniqueIndex('users_oidc_uq').on(t.oidcIssuer, t.oidcSubject)],
);
