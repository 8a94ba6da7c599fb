/**
 * Who hands a report to intake. The authenticated caller, never the request body, decides the
 * report's `source`, the scope of its idempotency key (`reports.caller`) and the audit actor of the
 * event it writes. So an API token cannot pass for Chatwork or the console, cannot name where the
 * Chatwork bot should answer, and its `externalId`s never meet another caller's.
 *
 * @example callerKey({ kind: 'token', tokenId: 7, tokenName: 'crm' }) // 'token:7'
 */
import type { ReportOrigin } from '../domain/notifier.ts';
import type { Actor, ReportSource } from '../domain/case.ts';
import type { DetectionResult } from '../domain/detection.ts';

export type IntakeCaller =
  /** `POST /api/reports` with an intake token. */
  | { kind: 'token'; tokenId: number; tokenName: string }
  /** The signed Chatwork webhook; `origin` (from the event itself) is where the reporter is answered. */
  | { kind: 'chatwork'; origin: ReportOrigin }
  /** The console's report form: a signed-in user, or (null) someone holding the report link. */
  | { kind: 'web'; user: { id: number; displayName: string; email?: string | null; issuer?: string | null } | null }
  /**
   * A report kakunin raises itself (a Chatwork contact request, a watched room's message), never a
   * route: the detection already run on it and the actor of its audit event.
   */
  | { kind: 'raised'; source: 'contact_request' | 'watch'; detected: DetectionResult; actor: Actor };

/** The scope of `externalId` as stored in `reports.caller`: `token:<id>`, `chatwork` or `web`. */
export function callerKey(caller: IntakeCaller): string {
  if (caller.kind === 'token') return `token:${caller.tokenId}`;
  return caller.kind === 'raised' ? caller.source : caller.kind;
}

/** The report's `source`: API reports are always `api`. */
export function callerSource(caller: IntakeCaller): ReportSource {
  if (caller.kind === 'token') return 'api';
  return caller.kind === 'raised' ? caller.source : caller.kind;
}

/** The SSO identity of a console user for the audit trail (nothing for a local account). */
export function ssoOf(u: { email?: string | null; issuer?: string | null }): Pick<Actor, 'email' | 'issuer'> {
  return u.issuer ? { email: u.email ?? null, issuer: u.issuer } : {};
}

/** Shown as the actor of a report handed in through the report link (no identity is known). */
export const REPORT_LINK_ACTOR_NAME = '報告リンク（匿名） / report link (anonymous)';

/**
 * The audit actor of the report's event: the token, the Chatwork account that sent the message, or
 * the console user. A `reporter.name` in the body is data about the report, never this identity.
 */
export function callerActor(caller: IntakeCaller): Actor {
  switch (caller.kind) {
    case 'token':
      return { platform: 'api', userId: `token:${caller.tokenId}`, displayName: caller.tokenName };
    case 'chatwork':
      return { platform: 'chatwork', userId: caller.origin.accountId, displayName: `Chatwork ${caller.origin.accountId}` };
    case 'web':
      return caller.user
        ? { platform: 'web', userId: `user:${caller.user.id}`, displayName: caller.user.displayName, ...ssoOf(caller.user) }
        : { platform: 'web', userId: 'report-link', displayName: REPORT_LINK_ACTOR_NAME };
    case 'raised':
      return caller.actor;
  }
}
