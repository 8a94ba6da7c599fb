import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { SIGNAL_CATEGORIES } from '../../domain/detection.ts';
import { cases } from './cases.ts';
import { reports } from './reports.ts';

/**
 * A rule that fired on a report, with its evidence (offsets into the report's body). Stored whole
 * as JSON so the engine can add fields without a migration; rule id and category are columns for
 * queries.
 */
export const signals = pgTable(
  'signals',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    ruleId: text('rule_id').notNull(),
    category: text('category', { enum: SIGNAL_CATEGORIES }).notNull(),
    /** The whole Signal as JSON (title, explanation, detail, strength, evidence), as detection produced it. */
    data: text('data').notNull(),
  },
  (t) => [index('signals_case_rule_idx').on(t.caseId, t.ruleId), index('signals_report_idx').on(t.reportId)],
);
