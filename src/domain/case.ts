/**
 * Case vocabulary shared by the core, the adapters and the console. Each list is the single
 * source for its Drizzle column enum, its zod enum and any Record keyed by it.
 */

export const CASE_STATUSES = ['new', 'acknowledged', 'investigating', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const RESOLUTIONS = ['fraud_confirmed', 'false_positive', 'benign', 'money_lost'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const CASE_ACTIONS = ['acknowledge', 'investigate', 'resolve', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Where a person acted from. `system` is kakunin itself (timers, grouping). */
export const ACTOR_PLATFORMS = ['api', 'web', 'slack', 'teams', 'chatwork', 'system'] as const;
export type ActorPlatform = (typeof ACTOR_PLATFORMS)[number];

export interface Actor {
  platform: ActorPlatform;
  userId: string;
  displayName: string;
  /** A console user signed in through SSO: the provider's e-mail claim and issuer (absent otherwise). */
  email?: string | null;
  issuer?: string | null;
}

/** Where a report handed in from outside came from (the API's `source` accepts only these). */
export const EXTERNAL_REPORT_SOURCES = ['api', 'web', 'chatwork'] as const;

/**
 * Where a report came from: handed in from outside, or raised by kakunin itself from a Chatwork
 * contact request (`contact_request`, adapters/chatwork/guard/) or a watched room (`watch`,
 * adapters/chatwork/watch/). Only kakunin's own code submits the last two.
 */
export const REPORT_SOURCES = [...EXTERNAL_REPORT_SOURCES, 'contact_request', 'watch'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
