/**
 * A column written with its table, for correlated subqueries inside `sql` templates.
 *
 * Drizzle renders a column unqualified (`"id"`) in a single-table select, so inside
 * `(select … from reports where reports.case_id = ${cases.id})` the outer `cases.id` silently
 * becomes `reports.id`. Writing `${qualified(cases.id)}` renders `"cases"."id"`, which always means
 * the outer row.
 * @example sql`(select ${qualified(reports.senderName)} from ${reports} where ${qualified(reports.caseId)} = ${qualified(cases.id)})`
 */
import { getTableName, sql, type Column, type SQL } from 'drizzle-orm';

export function qualified(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
