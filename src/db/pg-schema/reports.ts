import { bigint, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { REPORT_SOURCES } from '../../domain/case.ts';
import { VERDICTS } from '../../domain/detection.ts';
import { cases } from './cases.ts';

/**
 * A forwarded message, verbatim, with who reported it and what detection said. `(caller,
 * external_id)` is unique so a retried submission returns the same report, and one caller's ids
 * never meet another's (src/cases/caller.ts).
 */
export const reports = pgTable(
  'reports',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    source: text('source', { enum: REPORT_SOURCES }).notNull(),
    /**
     * Who handed the report in, the scope of `external_id`: `token:<api token id>`, `chatwork` (the
     * signed webhook) or `web` (the console form). Set by intake from the authenticated caller,
     * never from the request body.
     */
    caller: text('caller').notNull(),
    externalId: text('external_id'),
    /** The message body exactly as received (hostile text). */
    messageBody: text('message_body').notNull(),
    senderAccountId: bigint('sender_account_id', { mode: 'number' }),
    senderName: text('sender_name'),
    sentAt: text('sent_at'),
    reporterAccountId: bigint('reporter_account_id', { mode: 'number' }),
    reporterName: text('reporter_name'),
    note: text('note'),
    /** The whole submitted `report` object as JSON, verbatim. */
    payload: text('payload').notNull(),
    /** ReportOrigin JSON: where on a chat platform the reporter can be answered. */
    origin: text('origin'),
    verdict: text('verdict', { enum: VERDICTS }).notNull(),
    score: doublePrecision('score').notNull(),
    /** Detection summary and identity match, JSON. */
    summary: text('summary').notNull(),
    identity: text('identity'),
    receivedAt: text('received_at').notNull(),
    /** The API token that submitted it (answers go to its callback URL, when it has one). */
    apiTokenId: integer('api_token_id'),
  },
  (t) => [
    uniqueIndex('reports_caller_external_id_uq').on(t.caller, t.externalId),
    index('reports_case_idx').on(t.caseId),
    index('reports_case_reporter_idx').on(t.caseId, t.reporterAccountId, t.reporterName),
    // Covers grouping by sender without reading the (large) report rows.
    index('reports_sender_case_idx').on(t.senderAccountId, t.caseId),
  ],
);
