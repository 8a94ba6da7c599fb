import { bigint, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { CASE_STATUSES, RESOLUTIONS } from '../../domain/case.ts';
import { VERDICTS } from '../../domain/detection.ts';

/**
 * A case: one suspected impostor or scheme, grouping every report about it. `version` grows on
 * every change and guards concurrent actions (`UPDATE … WHERE version = n`).
 */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('new'),
    resolution: text('resolution', { enum: RESOLUTIONS }),
    /** Highest verdict among the case's reports. */
    severity: text('severity', { enum: VERDICTS }).notNull(),
    score: doublePrecision('score').notNull(),
    reportCount: bigint('report_count', { mode: 'number' }).notNull().default(0),
    firstReportAt: text('first_report_at').notNull(),
    lastReportAt: text('last_report_at').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    openedAt: text('opened_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('cases_status_last_report_idx').on(t.status, t.lastReportAt),
    index('cases_severity_idx').on(t.severity),
  ],
);
