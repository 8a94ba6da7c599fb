import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Console roles: viewer reads; responder also acts on cases; admin also manages ledger, users and tokens. */
export const USER_ROLES = ['viewer', 'responder', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/**
 * Console accounts. `password_hash` is `scrypt$N$r$p$salt$hash` (src/auth/passwords.ts); the
 * password itself is never stored. Disabling keeps the row so audit events still name the person.
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Sign-in name, compared case-insensitively (stored lower-case). */
    name: text('name').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('users_name_uq').on(t.name)],
);
