/**
 * The contract between kakunin's core and the outside world. The core builds a `CaseCard` from
 * the database at send time (so a card always shows the case as it is now) and hands it to a
 * `Notifier`; it never imports a platform SDK. Retries belong to the outbox worker: an adapter
 * sends once and throws a `DeliveryError` that says whether and when to try again.
 */
import type { Actor, CaseStatus, Resolution } from './case.ts';
import type { Bilingual, Evidence, IdentityMatch, ObservableKind, Verdict } from './detection.ts';

/** Platforms that receive cards or replies. One notifier per platform. */
export const NOTIFIER_PLATFORMS = ['console', 'slack', 'teams', 'chatwork', 'inbox'] as const;
export type NotifierPlatform = (typeof NOTIFIER_PLATFORMS)[number];

/** Everything a card shows about a case. Text in `message` and `sender.name` is hostile. */
export interface CaseCard {
  ref: string;
  /** Link to the case page in the console (PUBLIC_URL + /cases/ref). */
  url: string;
  status: CaseStatus;
  resolution: Resolution | null;
  severity: Verdict;
  score: number;
  /** The last human or system action, shown as "acknowledged by X at T". */
  lastAction: { action: string; actor: Actor; at: string; note?: string | null } | null;
  /** Who is being impersonated, from the ledger, with the contact to verify through. */
  impersonated: IdentityMatch | null;
  sender: { name: string | null; accountId: number | null; contactAgeMinutes: number | null; inLedger: boolean };
  /** The first report's suspicious message, verbatim (hostile). */
  message: { body: string; sentAt: string | null };
  signals: { ruleId: string; title: Bilingual; evidence: Evidence[] }[];
  observables: { kind: ObservableKind; display: string; inLedger: boolean | null }[];
  reportCount: number;
  reporterCount: number;
  /**
   * A card for people (Slack, Teams or the console inbox; not the log) was queued for this case,
   * so the reporter may be told that legal/IT were notified.
   */
  escalated: boolean;
  /** Other cases sharing an observable, with why ("same bank account"). */
  linkedCases: { ref: string; reason: Bilingual; status: CaseStatus; resolution: Resolution | null }[];
  /** ISO times. */
  openedAt: string;
  updatedAt: string;
}

/** Where a card lives on a platform, stored in `chat_posts` so it can be edited later. */
export interface PostedCard {
  /** Channel, conversation or room id. */
  channel: string;
  /** Platform message id (Slack ts, Teams activity id, Chatwork message id). */
  messageId: string;
  /** Anything else the platform needs to edit the card (Teams serviceUrl, tenant, …). */
  meta?: Record<string, string>;
}

/** A re-notification: the case is still waiting for someone. */
export interface Reminder {
  text: Bilingual;
  /** Ask the platform to ping people (Slack <!here>, a Teams mention). */
  mention: boolean;
  /** 1 for the first re-notification, 2 …; 'second_level' once it has moved up. */
  level: number | 'second_level';
}

/** Posts and edits case cards on one platform. */
export interface Notifier {
  readonly platform: NotifierPlatform;
  /** Post a new card to `target` (a channel id or binding id). */
  postCard(card: CaseCard, target: string): Promise<PostedCard>;
  /** Edit a posted card in place. Throws DeliveryError code `message_not_found` if it is gone. */
  updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard>;
  /** Reply to / next to a posted card (thread reply, Teams reply) to remind people. */
  remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void>;
}

/** What happened that the reporting employee should hear about. */
export type ReporterEvent = 'received' | 'acknowledged' | 'investigating' | 'resolved' | 'reopened';

/** Where a report came from on a chat platform, so the reporter can be answered in place. */
export interface ReportOrigin {
  platform: NotifierPlatform;
  roomId: string;
  messageId: string;
  accountId: string;
}

/** Answers the employee who reported, where they reported from (a Chatwork reply). */
export interface ReporterNotifier {
  readonly platform: NotifierPlatform;
  notifyReporter(card: CaseCard, origin: ReportOrigin, event: ReporterEvent): Promise<void>;
}

/** What one configured platform gives the outbox: a card notifier, a reporter notifier, or both. */
export interface PlatformNotifiers {
  notifier: Notifier | null;
  reporter: ReporterNotifier | null;
}

/** The configured platforms' notifiers as the outbox worker sees them (built by src/registry.ts). */
export type NotifierSet = Partial<Record<NotifierPlatform, PlatformNotifiers>>;

export const DELIVERY_ERROR_CODES = [
  'rate_limited',
  'server_error',
  'network',
  'message_not_found',
  'rejected', // the platform said no for good (invalid_auth, channel_not_found, 4xx)
] as const;
export type DeliveryErrorCode = (typeof DELIVERY_ERROR_CODES)[number];

/**
 * Thrown by adapters. `permanent` errors are not retried; `retryAfterMs` (from Retry-After or a
 * rate-limit reset header) overrides the backoff. The platform's own words go in `message`.
 */
export class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  readonly status: number | null;

  constructor(
    code: DeliveryErrorCode,
    message: string,
    opts: { permanent?: boolean; retryAfterMs?: number | null; status?: number | null; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DeliveryError';
    this.code = code;
    this.permanent = opts.permanent ?? code === 'rejected';
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.status = opts.status ?? null;
  }
}
