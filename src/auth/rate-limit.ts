/**
 * The sign-in rate limit, stored in the database (`sign_in_attempts`) so it survives restarts and
 * holds across processes. Failures count against two keys: the (user name, client address) pair
 * and the address. Each key has a few free failures, then a growing delay before the next attempt
 * (1 min, 2, 4 … up to an hour) for as long as it remembers failures (a day). There is no lock on
 * a name alone: failures from other addresses never keep the real user out, while one address
 * can neither guess one name quickly nor many names at once.
 *
 * The attempt is reserved (written as a failure) before the password is checked, in the same
 * IMMEDIATE transaction as the check of the counts, so parallel requests cannot all pass the
 * check before any failure is written; a right password then takes its reservation back. A success
 * starts its pair over but does not clear the address's failures (an attacker cannot reset them
 * by signing in to an account of their own).
 *
 * @example
 * const r = reserveSignIn(db, { name, ip, now });
 * if (!r.ok) return tooMany(r.retryAfterMs);
 * if (await verifyPassword(password, hash)) signInSucceeded(db, r); // else the failure stays
 */
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInAttempts } from '../db/schema/index.ts';

/** Free failures for a key, then `baseDelayMs`, doubling with each further failure, at most `maxDelayMs`. */
export interface AttemptLimit {
  free: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The limits (the defaults suit a company console). */
export interface SignInLimits {
  /** One user name from one address. */
  pair: AttemptLimit;
  /** One address, whatever the names. */
  address: AttemptLimit;
  /** How long a failure counts. */
  memoryMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  pair: { free: 5, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
  address: { free: 20, baseDelayMs: MINUTE, maxDelayMs: 60 * MINUTE },
  memoryMs: 24 * 60 * MINUTE,
};

const normalName = (name: string) => name.trim().toLowerCase().slice(0, 100);
const pairKey = (name: string, ip: string) => `pair:${ip}\n${normalName(name)}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * How long after its last failure a key with `failures` failures must wait: 0 below `free`.
 * @example delayAfter(6, { free: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000 }) // 120000
 */
export function delayAfter(failures: number, limit: AttemptLimit): number {
  if (failures < limit.free) return 0;
  return Math.min(limit.maxDelayMs, limit.baseDelayMs * 2 ** Math.min(failures - limit.free, 30));
}

/** An attempt that may go ahead (its rows are already written), or why and for how long it may not. */
export type SignInReservation =
  | { ok: true; ids: number[]; pairKey: string }
  | { ok: false; limit: 'pair' | 'address'; retryAfterMs: number };

/** Milliseconds `key` must still wait at `now` (0: it may try). */
async function waitFor(db: Db, key: string, limit: AttemptLimit, now: number, since: number): Promise<number> {
  const rows = await db
    .select({ at: signInAttempts.at })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.key, key), gte(signInAttempts.at, since)))
    .orderBy(desc(signInAttempts.at))
    .all();
  const delay = delayAfter(rows.length, limit);
  return delay === 0 ? 0 : Math.max(0, rows[0]!.at + delay - now);
}

/**
 * Checks the pair and the address and, when both may try, writes this attempt against both as a
 * failure, all in one IMMEDIATE transaction: call it before checking the password.
 */
export async function reserveSignIn(db: Db, p: { name: string; ip: string; now: Date; limits?: SignInLimits }): Promise<SignInReservation> {
  const limits = p.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const now = p.now.getTime();
  const since = now - limits.memoryMs;
  const pair = pairKey(p.name, p.ip);
  return await db.transaction(
    async function reserve(): Promise<SignInReservation> {
      await db.delete(signInAttempts).where(lt(signInAttempts.at, since)).run();
      const address = await waitFor(db, ipKey(p.ip), limits.address, now, since);
      if (address > 0) return { ok: false, limit: 'address', retryAfterMs: address };
      const forName = await waitFor(db, pair, limits.pair, now, since);
      if (forName > 0) return { ok: false, limit: 'pair', retryAfterMs: forName };
      const ids = (await db
        .insert(signInAttempts)
        .values([
          { key: pair, at: now },
          { key: ipKey(p.ip), at: now },
        ])
        .returning({ id: signInAttempts.id })
        .all())
        .map((r) => r.id);
      return { ok: true, ids, pairKey: pair };
    },
    { behavior: 'immediate' },
  );
}

/** The password was right: the reserved attempt was no failure, and the pair starts over (the address keeps the rest). */
export async function signInSucceeded(db: Db, r: Extract<SignInReservation, { ok: true }>): Promise<void> {
  await db.transaction(async () => {
    await db.delete(signInAttempts).where(inArray(signInAttempts.id, r.ids)).run();
    await db.delete(signInAttempts).where(eq(signInAttempts.key, r.pairKey)).run();
  });
}
