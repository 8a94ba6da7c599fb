import { bigint, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { VERDICTS } from '../../domain/detection.ts';

export const DECLINE_STATUSES = ['none', 'pending', 'declined', 'gone'] as const;
export type DeclineStatus = (typeof DECLINE_STATUSES)[number];

/**
 * Every pending contact request the guard has checked, once per (employee, request): the
 * de-duplication that makes a restart warn nobody twice. Nothing of a request that was not
 * suspicious is kept but its ids and verdict; a suspicious one is a report (`report_id`) and a
 * warning (`chatwork_notices`). With auto-decline on, a high request is declined
 * (`decline_status`), retried while Chatwork still lists it.
 */
export const chatworkContactRequests = pgTable(
  'chatwork_contact_requests',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    employeeAccountId: bigint('employee_account_id', { mode: 'number' }).notNull(),
    requestId: integer('request_id').notNull(),
    requesterAccountId: bigint('requester_account_id', { mode: 'number' }).notNull(),
    verdict: text('verdict', { enum: VERDICTS }).notNull(),
    reportId: integer('report_id'),
    caseId: integer('case_id'),
    declineStatus: text('decline_status', { enum: DECLINE_STATUSES }).notNull().default('none'),
    declineError: text('decline_error'),
    declinedAt: text('declined_at'),
    seenAt: text('seen_at').notNull(),
  },
  (t) => [uniqueIndex('chatwork_contact_requests_uq').on(t.employeeAccountId, t.requestId)],
);
