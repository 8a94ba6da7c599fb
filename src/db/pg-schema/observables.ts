import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { OBSERVABLE_KINDS } from '../../domain/detection.ts';
import { cases } from './cases.ts';
import { reports } from './reports.ts';

/**
 * Concrete things seen in a report (bank account, phone, URL, LINE id …), stored with the
 * engine's canonical `value` and indexed by (kind, value) so any case can be found by them.
 */
export const observables = pgTable(
  'observables',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id),
    kind: text('kind', { enum: OBSERVABLE_KINDS }).notNull(),
    value: text('value').notNull(),
    display: text('display').notNull(),
    /** True when the ledger knows this value (a registered payee or phone); null when not checked. */
    inLedger: boolean('in_ledger'),
    details: text('details'),
  },
  (t) => [
    // Covers correlation, grouping and linked cases (kind, value → case, in ledger?) without reading rows.
    index('observables_kind_value_case_idx').on(t.kind, t.value, t.caseId, t.inLedger),
    index('observables_case_kind_value_idx').on(t.caseId, t.kind, t.value, t.inLedger),
  ],
);
