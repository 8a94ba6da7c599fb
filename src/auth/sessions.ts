/**
 * Console sessions in SQLite. The cookie carries 32 random bytes (base64url); the table keeps only
 * their SHA-256, so reading the database does not let anyone sign in. Each session has its own
 * CSRF token, compared in constant time on every form post. Sessions expire after a fixed
 * lifetime; signing in always creates a new session (no fixation).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { sessions, users } from '../db/schema/index.ts';
import { userView, type ConsoleUser } from './users.ts';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A signed-in session: who, and the CSRF token their forms must carry. */
export interface ConsoleSession {
  id: string;
  user: ConsoleUser;
  csrfToken: string;
  expiresAt: number;
  /** The provider's ID token when the session came from SSO (for id_token_hint at sign-out). */
  idToken: string | null;
}

/** Creates a session for `userId`; the returned `token` goes into the cookie and nowhere else. */
export async function createSession(
  db: Db,
  p: { userId: number; now: Date; ttlMs: number; ip: string | null; userAgent: string | null; idToken?: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.delete(sessions).where(lt(sessions.expiresAt, p.now.getTime())).run();
  await db.insert(sessions)
    .values({
      id: sha256(token),
      userId: p.userId,
      csrfToken,
      createdAt: p.now.toISOString(),
      expiresAt: p.now.getTime() + p.ttlMs,
      ip: p.ip,
      userAgent: p.userAgent?.slice(0, 300) ?? null,
      idToken: p.idToken ?? null,
    })
    .run();
  return { token, csrfToken };
}

/** The live session behind a cookie value, with an enabled user; null otherwise. */
export async function findSession(db: Db, token: string, now: Date): Promise<ConsoleSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db
    .select({ s: sessions, u: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, now.getTime()), isNull(users.disabledAt)))
    .get();
  if (!row) return null;
  return {
    id: row.s.id,
    csrfToken: row.s.csrfToken,
    expiresAt: row.s.expiresAt,
    idToken: row.s.idToken,
    user: userView(row.u),
  };
}

/** Ends a session (sign-out). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Constant-time equality of two tokens (false when either is missing or lengths differ). */
export function tokensEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
