/**
 * Console users: creation (CLI and admin page), lookup for sign-in, role changes and disabling.
 * Names are stored lower-case and trimmed so `Admin` and `admin` are one account.
 */
import { asc, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { USER_ROLES, type UserRole } from '../domain/user.ts';
import { AppError, validationError } from '../errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';

/** A console user as the rest of the code sees it (never the hash). */
export interface ConsoleUser {
  id: number;
  name: string;
  displayName: string;
  role: UserRole;
  disabledAt: string | null;
  createdAt: string;
  /** SSO accounts: the provider's e-mail claim (null for local accounts). */
  email: string | null;
  /** SSO accounts: the provider's issuer; null for a local account (user name and password). */
  issuer: string | null;
}

/** Input of `createUser`. */
export const newUserSchema = z.object({
  name: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only (at most 64)'),
  displayName: z.string().trim().min(1).max(100).optional(),
  role: z.enum(USER_ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

/** The rest of the code's view of a users row. */
export const userView = (u: typeof users.$inferSelect): ConsoleUser => ({
  id: u.id,
  name: u.name,
  displayName: u.displayName,
  role: u.role,
  disabledAt: u.disabledAt,
  createdAt: u.createdAt,
  email: u.email,
  issuer: u.oidcIssuer,
});
const view = userView;

/** Creates a user; 409 when the name exists, 422 naming a bad field. */
export async function createUser(db: Db, input: z.input<typeof newUserSchema>, at: Date): Promise<ConsoleUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw validationError(parsed.error);
  const { name, role, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  if (await db.select({ id: users.id }).from(users).where(eq(users.name, name)).get()) throw new AppError('conflict', `User ${name} already exists`, { ja: `ユーザー名「${name}」はすでに使われています。` });
  const row = await db
    .insert(users)
    .values({ name, displayName: parsed.data.displayName ?? name, role, passwordHash, createdAt: at.toISOString(), updatedAt: at.toISOString() })
    .returning()
    .get();
  return view(row);
}

/** The local user with this sign-in name and its password hash, or null (SSO accounts have no password). */
export async function findUserForSignIn(db: Db, name: string): Promise<(ConsoleUser & { passwordHash: string }) | null> {
  const row = await db.select().from(users).where(eq(users.name, name.trim().toLowerCase())).get();
  return row && row.oidcIssuer === null ? { ...view(row), passwordHash: row.passwordHash } : null;
}

/** Every user, oldest first. */
export async function listUsers(db: Db): Promise<ConsoleUser[]> {
  return (await db.select().from(users).orderBy(asc(users.id)).all()).map(view);
}

/** Number of active users (0 on a fresh install). */
export async function activeUserCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(users).where(isNull(users.disabledAt)).get())?.n ?? 0;
}

/** Number of active admins. */
async function activeAdmins(db: Db): Promise<ConsoleUser[]> {
  return (await listUsers(db)).filter((u) => u.role === 'admin' && !u.disabledAt);
}

/**
 * Changes a user's role, disables or enables them, or sets a new password. Every change ends the
 * user's sessions (a demoted or disabled user must sign in again). The last active admin cannot be
 * demoted or disabled (409), so the console can always be administered.
 */
export async function updateUser(
  db: Db,
  id: number,
  change: { role?: UserRole; disabled?: boolean; password?: string },
  at: Date,
): Promise<ConsoleUser> {
  const row = await db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw new AppError('not_found', `No user ${id}`, { ja: `ユーザー ${id} はいません。` });
  if (row.oidcIssuer !== null && (change.password !== undefined || change.role !== undefined)) {
    // Their provider decides: a password would open a side door, and a role is recomputed from the group claim at every sign-in.
    throw new AppError('conflict', 'An SSO account has no password and takes its role from the identity provider', {
      ja: 'SSO のアカウントにはパスワードがなく、権限は ID プロバイダーのグループでサインインのたびに決まります。',
    });
  }
  const losesAdmin = row.role === 'admin' && !row.disabledAt && ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await activeAdmins(db)).length <= 1) throw new AppError('conflict', 'The last active admin cannot be demoted or disabled', { ja: '最後の有効な管理者は、権限を下げることも無効にすることもできません。' });
  const set: Partial<typeof users.$inferInsert> = { updatedAt: at.toISOString() };
  if (change.role) set.role = change.role;
  if (change.disabled !== undefined) set.disabledAt = change.disabled ? at.toISOString() : null;
  if (change.password !== undefined) {
    const p = newUserSchema.shape.password.safeParse(change.password);
    if (!p.success) throw validationError(p.error, 'password');
    set.passwordHash = await hashPassword(p.data);
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set(set).where(eq(users.id, id)).run();
    await tx.delete(sessions).where(eq(sessions.userId, id)).run();
  });
  return view((await db.select().from(users).where(eq(users.id, id)).get())!);
}
