import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { ACTOR_PLATFORMS, CASE_STATUSES, RESOLUTIONS } from '../../domain/case.ts';
import { cases } from './cases.ts';

/**
 * The audit trail: append-only, one global hash chain. `hash = HMAC-SHA256(audit key, prev_hash +
 * canonical JSON of the row's content)` (plain SHA-256 for rows from before keyed chains, see
 * src/audit/audit.ts), with a signed head in `audit_head`; `kakunin audit verify` recomputes it.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    /** opened | report_added | acknowledge | investigate | resolve | reopen | retention_purged | audit_keyed | … */
    type: text('type').notNull(),
    fromStatus: text('from_status', { enum: CASE_STATUSES }),
    toStatus: text('to_status', { enum: CASE_STATUSES }).notNull(),
    resolution: text('resolution', { enum: RESOLUTIONS }),
    actorPlatform: text('actor_platform', { enum: ACTOR_PLATFORMS }).notNull(),
    actorUserId: text('actor_user_id').notNull(),
    actorName: text('actor_name').notNull(),
    /** E-mail of a console user who signed in through SSO (null otherwise); hashed with the row when set. */
    actorEmail: text('actor_email'),
    /** Issuer of that SSO identity (null otherwise); hashed with the row when set. */
    actorIssuer: text('actor_issuer'),
    note: text('note'),
    /** Event-specific data as canonical JSON (e.g. the report id). */
    data: text('data'),
    at: text('at').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('case_events_case_type_idx').on(t.caseId, t.type)],
);
