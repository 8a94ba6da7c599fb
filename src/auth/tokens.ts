/**
 * API tokens. A token is `kkn_` + 32 random bytes (base64url); only its SHA-256 hash is stored.
 * Lookup is by hash through a unique index, so no secret is ever compared byte by byte in
 * JavaScript and a constant-time comparison is not needed (timing reveals nothing about a hash
 * the attacker cannot invert).
 *
 * Scopes: `admin` implies `respond` and `intake`; `respond` and `intake` are separate (a
 * Chatwork bot that submits reports cannot resolve cases, a responder cannot submit).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { perDb } from '../db/memo.ts';
import type { Db } from '../db/client.ts';
import { apiTokens, type TokenScope } from '../db/schema/index.ts';

/** SHA-256 hex of a token, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** True when a token with scope `has` may do what `needs` allows. */
export function scopeAllows(has: TokenScope, needs: TokenScope): boolean {
  return has === needs || has === 'admin';
}

/**
 * Creates a token; the returned `token` is the only time it exists in clear. With `callbackUrl`
 * (an http(s) URL), the token's reports are answered by signed webhooks (src/delivery/callback.ts)
 * and `callbackSecret` is the HMAC key the receiver verifies them with, also shown only now.
 */
export async function createToken(
  db: Db,
  name: string,
  scope: TokenScope,
  at: Date,
  opts: { callbackUrl?: string | null } = {},
): Promise<{ id: number; token: string; callbackSecret: string | null }> {
  const token = `kkn_${randomBytes(32).toString('base64url')}`;
  const callbackUrl = opts.callbackUrl ?? null;
  if (callbackUrl !== null && !/^https?:\/\/[^\s]+$/i.test(callbackUrl)) throw new Error('callback URL must be an http(s) URL');
  const callbackSecret = callbackUrl ? `whsec_${randomBytes(32).toString('base64url')}` : null;
  const row = await db
    .insert(apiTokens)
    .values({ name, scope, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdAt: at.toISOString(), callbackUrl, callbackSecret })
    .returning({ id: apiTokens.id })
    .get();
  return { id: row.id, token, callbackSecret };
}

/** The identity behind a bearer token. */
export interface TokenIdentity {
  id: number;
  name: string;
  scope: TokenScope;
}

const byHash = perDb((db) =>
  db
    .select({ id: apiTokens.id, name: apiTokens.name, scope: apiTokens.scope })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('hash')), isNull(apiTokens.revokedAt)))
    .prepare(),
);

/** Finds a live token by its clear value; null when unknown or revoked. */
export async function findToken(db: Db, token: string): Promise<TokenIdentity | null> {
  return (await byHash(db).get({ hash: hashToken(token) })) ?? null;
}
