/**
 * The sign-in rate limit, stored in the database: at most `perUser` failed sign-ins for one user
 * name and `perIp` for one client address within `windowMs`. While over the limit every attempt is
 * refused before the password is checked (so guessing cannot continue), and a success does not
 * clear the address's count (an attacker cannot reset it with their own account).
 */
import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInAttempts } from '../db/schema/index.ts';

/** The limits (the defaults suit a company console). */
export interface SignInLimits {
  perUser: number;
  perIp: number;
  windowMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perUser: 5, perIp: 20, windowMs: 15 * 60_000 };

const userKey = (name: string) => `user:${name.trim().toLowerCase().slice(0, 100)}`;
const ipKey = (ip: string) => `ip:${ip}`;

function failures(db: Db, key: string, since: number): number {
  return db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gte(signInAttempts.at, since)))
    .get()!.n;
}

/** Null when an attempt may go ahead; otherwise which limit is hit. */
export function signInBlocked(db: Db, p: { name: string; ip: string; now: Date; limits: SignInLimits }): 'user' | 'ip' | null {
  const since = p.now.getTime() - p.limits.windowMs;
  db.delete(signInAttempts).where(lt(signInAttempts.at, since)).run();
  if (failures(db, ipKey(p.ip), since) >= p.limits.perIp) return 'ip';
  if (failures(db, userKey(p.name), since) >= p.limits.perUser) return 'user';
  return null;
}

/** Records a failed attempt for the name and the address. */
export function recordSignInFailure(db: Db, p: { name: string; ip: string; now: Date }): void {
  const at = p.now.getTime();
  db.insert(signInAttempts).values([{ key: userKey(p.name), at }, { key: ipKey(p.ip), at }]).run();
}

/** Clears the user name's failures after a successful sign-in (the address's count stays). */
export function clearUserFailures(db: Db, name: string): void {
  db.delete(signInAttempts).where(eq(signInAttempts.key, userKey(name))).run();
}
