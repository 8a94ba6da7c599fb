/**
 * The contact-request poller. One process at a time (the `chatwork.requests` lease); every round it
 * reads each connected employee's pending requests with their own token, within Chatwork's budget
 * for that token (a 429 or an empty budget parks the connection until `x-ratelimit-reset`, kept in
 * the database), refreshing the access token shortly before it expires (or after a 401). A token
 * that is refused for good (revoked, refresh token expired) marks the connection `reconnect`, and
 * the employee is asked, once, to connect again.
 *
 * Each request is checked once per employee (`chatwork_contact_requests`): a suspicious one
 * (≥ medium, rules/contact-request.ts) becomes a report with source `contact_request`
 * (idempotent on `<employee>-<request>`), optionally is declined (high, CHATWORK_REQUESTS_AUTO_DECLINE;
 * the case timeline records it), and queues one warning for the employee's direct chat with the
 * bot. The row, the warning and the timeline event are written in one transaction after the
 * report; a crash before it redoes the request on the next round (the report is found again, the
 * warning is queued once), and the notice queue posts each warning once (notices.ts).
 */
import type { AppDeps } from '../../../src/deps.ts';
import { formatCaseRef } from '../../../src/domain/ref.ts';
import { assessContactRequest, SUSPICIOUS_REQUEST, type ContactRequest } from '../../../rules/contact-request.ts';
import { verdictRank } from '../../../src/domain/detection.ts';
import type { Lease } from '../../../src/db/lease.ts';
import { SealError } from '../../../src/secret-box.ts';
import { cases, chatworkContactRequests, type DeclineStatus } from '../../../src/db/schema/index.ts';
import { and, eq } from 'drizzle-orm';
import { DeliveryError } from '../../../src/domain/notifier.ts';
import type { RateInfo } from '../http.ts';
import type { NoticeQueue } from '../notices.ts';
import { OAuthError, type OAuthClient } from '../oauth.ts';
import type { ChatworkUserApi } from '../user-api.ts';
import type { Connection, GuardStore } from './store.ts';
import { buildReconnectNotice, buildRequestWarning } from './warning.ts';

/** Refresh the access token when it has less than this left. */
export const REFRESH_MARGIN_MS = 120_000;
/** Requests kept back per employee token (declines need one each). */
const TOKEN_RESERVE = 5;

export interface GuardPollerDeps {
  app: Pick<AppDeps, 'db' | 'clock' | 'logger' | 'cases' | 'directory' | 'audit' | 'detect'>;
  store: GuardStore;
  oauth: OAuthClient;
  userApi: ChatworkUserApi;
  notices: NoticeQueue;
  lease: Lease;
  autoDecline: boolean;
  /** Where an employee (re)connects: PUBLIC_URL/chatwork/connect. */
  connectUrl: string;
}

export interface GuardTickStats {
  /** False when another process holds the lease (nothing was polled). */
  polled: boolean;
  connections: number;
  requests: number;
  warned: number;
  declined: number;
}

export interface GuardPoller {
  tick(): Promise<GuardTickStats>;
}

/** The token stopped working for good. */
class Reconnect extends Error {}

export function createGuardPoller(deps: GuardPollerDeps): GuardPoller {
  const { db, clock } = deps.app;
  const logger = deps.app.logger.child({ component: 'chatwork-guard' });

  async function markReconnect(c: Connection, why: string): Promise<void> {
    const now = clock.now();
    await db.transaction(
      async () => {
        await deps.store.update(c.accountId, { status: 'reconnect', lastError: why.slice(0, 500) }, now);
        await deps.notices.enqueue({ key: `reconnect:${c.accountId}:${now.toISOString()}`, kind: 'reconnect', toAccountId: c.accountId, body: buildReconnectNotice(deps.connectUrl) });
      },
      { behavior: 'immediate' },
    );
    logger.warn({ accountId: c.accountId, why }, 'chatwork connection stopped working; the employee is asked to reconnect');
  }

  /** A fresh access token, refreshed when it is about to expire (or `force`). */
  async function accessToken(c: Connection, force: boolean): Promise<string> {
    let t;
    try {
      t = await deps.store.tokens(c.accountId);
    } catch (err) {
      if (err instanceof SealError) throw new Reconnect('the stored tokens do not open with this secret key');
      throw err;
    }
    if (!t) throw new Reconnect('no tokens stored');
    if (!force && t.accessExpiresAt - REFRESH_MARGIN_MS > clock.now().getTime()) return t.accessToken;
    if (!t.refreshToken) throw new Reconnect('the access token expired and there is no refresh token');
    try {
      const fresh = await deps.oauth.refresh(t.refreshToken);
      await deps.store.saveTokens(c.accountId, fresh, clock.now());
      return fresh.accessToken;
    } catch (err) {
      if (err instanceof OAuthError && err.permanent) throw new Reconnect(err.message);
      throw err;
    }
  }

  /**
   * Within a round, epoch ms until which Chatwork refused this employee's token (a 429): no further
   * call goes out with it before then (declines wait for the next round after the reset).
   */
  const refusedUntil = new Map<number, number>();

  /** Parks the connection until the reset when Chatwork says the budget is (nearly) spent. */
  const onRate = (c: Connection) => async (rate: RateInfo, status: number) => {
    const spent = status === 429 || (rate.remaining !== null && rate.remaining < TOKEN_RESERVE);
    if (spent) {
      const until = rate.resetAt ?? clock.now().getTime() + 60_000;
      await deps.store.update(c.accountId, { rateLimitedUntil: until }, clock.now());
      if (status === 429) refusedUntil.set(c.accountId, until);
    }
  };

  async function decline(c: Connection, token: string, requestId: number): Promise<{ status: DeclineStatus; error: string | null }> {
    const until = refusedUntil.get(c.accountId) ?? 0;
    if (until > clock.now().getTime()) return { status: 'pending', error: `waiting for Chatwork's rate limit to reset at ${new Date(until).toISOString()}` };
    try {
      const ok = await deps.userApi.decline(token, requestId, onRate(c));
      return { status: ok ? 'declined' : 'gone', error: null };
    } catch (err) {
      return { status: 'pending', error: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
    }
  }

  /** The timeline event; call inside the transaction that records the decline. */
  async function recordDecline(caseId: number, c: Connection, requestId: number): Promise<void> {
    const now = clock.now();
    const status = (await db.select({ status: cases.status }).from(cases).where(eq(cases.id, caseId)).get())?.status ?? 'new';
    await deps.app.audit.append({
      caseId,
      type: 'contact_request_declined',
      fromStatus: status,
      toStatus: status,
      resolution: null,
      actor: { platform: 'system', userId: 'chatwork-guard', displayName: 'kakunin' },
      note: `コンタクト申請 ${requestId}（${c.name} さん宛て）を自動で拒否しました / declined contact request ${requestId} to ${c.name}`,
      data: { requestId, employeeAccountId: c.accountId },
      at: now.toISOString(),
    });
  }

  /** A request seen before whose decline did not go through yet: try again while Chatwork still lists it. */
  async function retryDecline(c: Connection, token: string, row: typeof chatworkContactRequests.$inferSelect): Promise<boolean> {
    const d = await decline(c, token, row.requestId);
    if (d.status === 'pending') {
      await db.update(chatworkContactRequests).set({ declineError: d.error }).where(eq(chatworkContactRequests.id, row.id)).run();
      return false;
    }
    await db.transaction(
      async () => {
        await db.update(chatworkContactRequests)
          .set({ declineStatus: d.status, declineError: null, declinedAt: clock.now().toISOString() })
          .where(eq(chatworkContactRequests.id, row.id))
          .run();
        if (d.status === 'declined' && row.caseId !== null) await recordDecline(row.caseId, c, row.requestId);
      },
      { behavior: 'immediate' },
    );
    return d.status === 'declined';
  }

  async function handle(c: Connection, token: string, req: ContactRequest, stats: GuardTickStats): Promise<void> {
    const seen = await deps.store.seenRequest(c.accountId, req.requestId);
    if (seen) {
      if (seen.declineStatus === 'pending' && (await retryDecline(c, token, seen))) stats.declined += 1;
      return;
    }
    stats.requests += 1;
    const now = clock.now();
    const assessment = assessContactRequest(req, await deps.app.directory.get(), { accountId: c.accountId, name: c.name }, now, deps.app.detect);
    const { detected } = assessment;
    const base = { employeeAccountId: c.accountId, requestId: req.requestId, requesterAccountId: req.accountId, verdict: detected.verdict, seenAt: now.toISOString() };
    if (verdictRank[detected.verdict] < verdictRank[SUSPICIOUS_REQUEST]) {
      await db.insert(chatworkContactRequests).values(base).onConflictDoNothing().run();
      return;
    }
    const { result } = await deps.app.cases.submit(assessment.report, {
      caller: { kind: 'raised', source: 'contact_request', detected, actor: { platform: 'chatwork', userId: String(c.accountId), displayName: c.name } },
      externalId: `${c.accountId}-${req.requestId}`,
    });
    const declining = deps.autoDecline && detected.verdict === 'high';
    const body = buildRequestWarning({ request: req, assessment, caseRef: formatCaseRef(result.caseId), declining });
    // Row and warning first, then the decline: a declined request vanishes from the list, so a
    // crash after the DELETE must not be able to lose its warning.
    const inserted = await db.transaction(
      async () => {
        const row = await db
          .insert(chatworkContactRequests)
          .values({ ...base, reportId: result.reportId, caseId: result.caseId, declineStatus: declining ? 'pending' : 'none' })
          .onConflictDoNothing()
          .returning()
          .get();
        if (!row) return null; // another process got here first
        await deps.notices.enqueue({ key: `request:${c.accountId}:${req.requestId}`, kind: 'request_warning', toAccountId: c.accountId, body, caseId: result.caseId });
        return row;
      },
      { behavior: 'immediate' },
    );
    if (!inserted) return;
    stats.warned += 1;
    if (declining && (await retryDecline(c, token, inserted))) stats.declined += 1;
    logger.info({ accountId: c.accountId, requestId: req.requestId, verdict: detected.verdict, caseRef: result.caseRef, declining }, 'suspicious contact request');
  }

  /**
   * Declines that were under way when Chatwork stopped listing the request (a crash after the
   * DELETE, or the employee acted first): `gone`, since nobody can tell which.
   */
  async function settleVanished(c: Connection, listed: ContactRequest[]): Promise<void> {
    const ids = new Set(listed.map((r) => r.requestId));
    const pending = await db
      .select()
      .from(chatworkContactRequests)
      .where(and(eq(chatworkContactRequests.employeeAccountId, c.accountId), eq(chatworkContactRequests.declineStatus, 'pending')))
      .all();
    for (const row of pending) {
      if (ids.has(row.requestId)) continue;
      await db.update(chatworkContactRequests)
        .set({ declineStatus: 'gone', declineError: 'no longer pending in Chatwork when kakunin looked again', declinedAt: clock.now().toISOString() })
        .where(eq(chatworkContactRequests.id, row.id))
        .run();
    }
  }

  async function pollOne(c: Connection, stats: GuardTickStats): Promise<void> {
    refusedUntil.delete(c.accountId);
    let token = await accessToken(c, false);
    let requests: ContactRequest[];
    try {
      requests = await deps.userApi.incomingRequests(token, onRate(c));
    } catch (err) {
      if (!(err instanceof DeliveryError && err.status === 401)) throw err;
      // Expired early or revoked: one refresh tells which.
      token = await accessToken(c, true);
      requests = await deps.userApi.incomingRequests(token, onRate(c));
    }
    await settleVanished(c, requests);
    for (const req of requests) await handle(c, token, req, stats);
    await deps.store.update(c.accountId, { lastPolledAt: clock.now().toISOString(), lastError: null }, clock.now());
  }

  return {
    async tick() {
      const stats: GuardTickStats = { polled: false, connections: 0, requests: 0, warned: 0, declined: 0 };
      if (!(await deps.lease.hold(clock.now()))) return stats;
      stats.polled = true;
      for (const c of await deps.store.due(clock.now())) {
        stats.connections += 1;
        try {
          await pollOne(c, stats);
        } catch (err) {
          if (err instanceof Reconnect) await markReconnect(c, err.message);
          else if (err instanceof DeliveryError && err.status === 401) await markReconnect(c, `a fresh token is refused: ${err.message}`);
          else {
            const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
            await deps.store.update(c.accountId, { lastError: message }, clock.now());
            logger.warn({ accountId: c.accountId, err }, 'chatwork contact requests not read this round');
          }
        }
        // Renew between employees: a long round must not lose the lease to another process.
        if (!(await deps.lease.hold(clock.now()))) break;
      }
      await deps.notices.flush();
      return stats;
    },
  };
}
