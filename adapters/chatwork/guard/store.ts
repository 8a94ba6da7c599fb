/**
 * The contact-request guard's rows: connection attempts (OAuth state + PKCE verifier), connected
 * employees with their tokens sealed under the `chatwork-tokens` subkey (src/secret-box.ts), and
 * the requests already checked. Tokens leave this module only opened, and only to the poller.
 */
import { createHash } from 'node:crypto';
import { and, asc, count, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { chatworkConnections, chatworkContactRequests, chatworkOauthStates, type ChatworkConnectionStatus } from '../../../src/db/schema/index.ts';
import type { SecretBox } from '../../../src/secret-box.ts';
import type { TokenSet } from '../oauth.ts';

/** Connection attempts open at once (each lives 10 minutes); beyond this /chatwork/connect answers 429. */
export const MAX_OPEN_STATES = 2_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const tokenAad = (kind: 'access' | 'refresh', accountId: number) => `chatwork-token:${kind}:${accountId}`;
const verifierAad = (stateHash: string) => `chatwork-pkce:${stateHash}`;

/** A connected employee as the console and the poller see it (no tokens). */
export interface Connection {
  accountId: number;
  name: string;
  status: ChatworkConnectionStatus;
  dmRoomId: string | null;
  rateLimitedUntil: number;
  accessExpiresAt: number;
  lastPolledAt: string | null;
  lastError: string | null;
  connectedAt: string;
}

/** Why a callback's state was refused. */
export type StateRefusal = 'unknown' | 'used' | 'expired' | 'other_browser';

export interface GuardStore {
  /**
   * Records a connection attempt; the state and the browser nonce are stored as hashes. False when
   * MAX_OPEN_STATES attempts are open already (someone is filling the table).
   */
  saveState(p: { state: string; verifier: string; browserNonce: string; now: Date; ttlMs: number }): Promise<boolean>;
  /** Takes a state once: its verifier, or why not. */
  takeState(p: { state: string; browserNonce: string | null; now: Date }): Promise<{ verifier: string } | { refused: StateRefusal }>;
  /** Creates or replaces the connection of `accountId` (a reconnect replaces the tokens and clears `reconnect`). */
  connect(p: { accountId: number; name: string; tokens: TokenSet; dmRoomId: string | null; now: Date }): Promise<void>;
  /** The tokens of a connection, opened. */
  tokens(accountId: number): Promise<{ accessToken: string; refreshToken: string | null; accessExpiresAt: number } | null>;
  /** Stores refreshed tokens (a refresh token that was not rotated stays). */
  saveTokens(accountId: number, tokens: TokenSet, now: Date): Promise<void>;
  get(accountId: number): Promise<Connection | null>;
  list(): Promise<Connection[]>;
  /** Connections to poll now. */
  due(now: Date): Promise<Connection[]>;
  update(accountId: number, set: Partial<Pick<Connection, 'status' | 'dmRoomId' | 'rateLimitedUntil' | 'lastPolledAt' | 'lastError'>>, now: Date): Promise<void>;
  /** Deletes the connection (tokens and all); false when there was none. */
  disconnect(accountId: number): Promise<boolean>;
  /** The request already checked for this employee, if any. */
  seenRequest(employee: number, requestId: number): Promise<typeof chatworkContactRequests.$inferSelect | null>;
}

function toConnection(r: typeof chatworkConnections.$inferSelect): Connection {
  return {
    accountId: r.accountId,
    name: r.name,
    status: r.status,
    dmRoomId: r.dmRoomId,
    rateLimitedUntil: r.rateLimitedUntil,
    accessExpiresAt: r.accessExpiresAt,
    lastPolledAt: r.lastPolledAt,
    lastError: r.lastError,
    connectedAt: r.connectedAt,
  };
}

/** Connected employees, for the console (no tokens, no key needed). */
export async function listConnections(db: Db): Promise<Connection[]> {
  return (await db.select().from(chatworkConnections).orderBy(asc(chatworkConnections.connectedAt), asc(chatworkConnections.accountId)).all()).map(toConnection);
}

/** Deletes a connection without the key (the console, when the guard is no longer configured). */
export async function deleteConnection(db: Db, accountId: number): Promise<boolean> {
  return (await db.delete(chatworkConnections).where(eq(chatworkConnections.accountId, accountId)).run()).changes > 0;
}

export function createGuardStore(db: Db, box: SecretBox): GuardStore {
  return {
    async saveState({ state, verifier, browserNonce, now, ttlMs }) {
      const stateHash = sha256(state);
      // Expired attempts go (a used state is kept until then, so a replay is told it was used).
      await db.delete(chatworkOauthStates).where(lt(chatworkOauthStates.expiresAt, now.getTime())).run();
      const open = (await db.select({ n: count() }).from(chatworkOauthStates).get())?.n ?? 0;
      if (open >= MAX_OPEN_STATES) return false;
      await db.insert(chatworkOauthStates)
        .values({ stateHash, verifier: box.seal(verifier, verifierAad(stateHash)), browserHash: sha256(browserNonce), createdAt: now.toISOString(), expiresAt: now.getTime() + ttlMs })
        .run();
      return true;
    },

    async takeState({ state, browserNonce, now }) {
      const stateHash = sha256(state);
      return await db.transaction(
        async (tx) => {
          const row = await tx.select().from(chatworkOauthStates).where(eq(chatworkOauthStates.stateHash, stateHash)).get();
          if (!row) return { refused: 'unknown' as const };
          if (row.usedAt) return { refused: 'used' as const };
          // Used up whatever happens next: a state is tried once.
          const took = (await tx
            .update(chatworkOauthStates)
            .set({ usedAt: now.toISOString() })
            .where(and(eq(chatworkOauthStates.stateHash, stateHash), isNull(chatworkOauthStates.usedAt)))
            .run()).changes;
          if (took !== 1) return { refused: 'used' as const };
          if (row.expiresAt <= now.getTime()) return { refused: 'expired' as const };
          if (!browserNonce || sha256(browserNonce) !== row.browserHash) return { refused: 'other_browser' as const };
          return { verifier: box.open(row.verifier, verifierAad(stateHash)) };
        },
        { behavior: 'immediate' },
      );
    },

    async connect({ accountId, name, tokens, dmRoomId, now }) {
      const at = now.toISOString();
      const values = {
        name,
        accessToken: box.seal(tokens.accessToken, tokenAad('access', accountId)),
        refreshToken: tokens.refreshToken ? box.seal(tokens.refreshToken, tokenAad('refresh', accountId)) : null,
        accessExpiresAt: tokens.expiresAt,
        scope: tokens.scope,
        status: 'active' as const,
        dmRoomId,
        rateLimitedUntil: 0,
        lastError: null,
        updatedAt: at,
      };
      await db.insert(chatworkConnections)
        .values({ accountId, connectedAt: at, ...values })
        .onConflictDoUpdate({ target: chatworkConnections.accountId, set: values })
        .run();
    },

    async tokens(accountId) {
      const r = await db.select().from(chatworkConnections).where(eq(chatworkConnections.accountId, accountId)).get();
      if (!r) return null;
      return {
        accessToken: box.open(r.accessToken, tokenAad('access', accountId)),
        refreshToken: r.refreshToken ? box.open(r.refreshToken, tokenAad('refresh', accountId)) : null,
        accessExpiresAt: r.accessExpiresAt,
      };
    },

    async saveTokens(accountId, tokens, now) {
      await db.update(chatworkConnections)
        .set({
          accessToken: box.seal(tokens.accessToken, tokenAad('access', accountId)),
          ...(tokens.refreshToken ? { refreshToken: box.seal(tokens.refreshToken, tokenAad('refresh', accountId)) } : {}),
          accessExpiresAt: tokens.expiresAt,
          ...(tokens.scope ? { scope: tokens.scope } : {}),
          updatedAt: now.toISOString(),
        })
        .where(eq(chatworkConnections.accountId, accountId))
        .run();
    },

    async get(accountId) {
      const r = await db.select().from(chatworkConnections).where(eq(chatworkConnections.accountId, accountId)).get();
      return r ? toConnection(r) : null;
    },

    list: async () => await listConnections(db),

    async due(now) {
      return (await db
        .select()
        .from(chatworkConnections)
        .where(and(eq(chatworkConnections.status, 'active'), lt(chatworkConnections.rateLimitedUntil, now.getTime() + 1)))
        .orderBy(asc(chatworkConnections.accountId))
        .all())
        .map(toConnection);
    },

    async update(accountId, set, now) {
      await db.update(chatworkConnections)
        .set({ ...set, updatedAt: now.toISOString() })
        .where(eq(chatworkConnections.accountId, accountId))
        .run();
    },

    disconnect: async (accountId) => await deleteConnection(db, accountId),

    async seenRequest(employee, requestId) {
      return (
        (await db
          .select()
          .from(chatworkContactRequests)
          .where(and(eq(chatworkContactRequests.employeeAccountId, employee), eq(chatworkContactRequests.requestId, requestId)))
          .get()) ?? null
      );
    },
  };
}
