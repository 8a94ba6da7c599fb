/**
 * OIDC sign-ins under way, bound to the browser that started them. `startFlow` stores the
 * authorization request's state, nonce and PKCE verifier under the SHA-256 of a random token that
 * only the browser gets (in a cookie); `takeFlow` deletes and returns that row in one statement,
 * so a callback is honoured once, only in that browser, and only before the flow expires. A
 * callback arriving without the cookie (another browser: login CSRF, a stolen code) finds nothing.
 *
 * @example
 * const { token } = startFlow(db, { ...checks, next, ip, now }); // token → cookie
 * const flow = takeFlow(db, cookieToken, now); // null: refused
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { signInFlows } from '../db/schema/index.ts';

/** A flow must come back from the provider within this time. */
export const FLOW_TTL_MS = 10 * 60_000;
/** Flows under way from one address at once; more is someone filling the table. */
export const FLOWS_PER_ADDRESS = 30;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** What a flow keeps until its callback. */
export interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
}

/** Stores a new flow; the token goes into the browser's cookie. Null when the address has too many flows open. */
export async function startFlow(db: Db, p: Flow & { ip: string; now: Date }): Promise<{ token: string } | null> {
  const now = p.now.getTime();
  const token = randomBytes(32).toString('base64url');
  return await db.transaction(
    async function start() {
      await db.delete(signInFlows).where(lt(signInFlows.expiresAt, now)).run();
      const open = (await db.select({ n: count() }).from(signInFlows).where(and(eq(signInFlows.ip, p.ip), gt(signInFlows.expiresAt, now))).get())?.n ?? 0;
      if (open >= FLOWS_PER_ADDRESS) return null;
      await db.insert(signInFlows)
        .values({ id: sha256(token), state: p.state, nonce: p.nonce, codeVerifier: p.codeVerifier, next: p.next, ip: p.ip, createdAt: p.now.toISOString(), expiresAt: now + FLOW_TTL_MS })
        .run();
      return { token };
    },
    { behavior: 'immediate' },
  );
}

/** Deletes and returns the live flow behind this cookie token (null when missing, malformed, used or expired). */
export async function takeFlow(db: Db, token: string | undefined, now: Date): Promise<Flow | null> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.delete(signInFlows).where(eq(signInFlows.id, sha256(token))).returning().get();
  if (!row || row.expiresAt <= now.getTime()) return null;
  return { state: row.state, nonce: row.nonce, codeVerifier: row.codeVerifier, next: row.next };
}
