/**
 * Group commit for intake. Each report is checked (detection, ledger) when it arrives; storing
 * waits for the next turn of the event loop, where every report that arrived meanwhile is written
 * in one IMMEDIATE transaction, each inside its own savepoint. The promise of each report settles
 * only after that transaction commits, so a 201 still means "committed". One commit per batch
 * instead of one per report is most of the saving: a commit writes every page the report touched
 * (a dozen tables and indexes) to the WAL, and reports arriving together share those pages.
 *
 * A report whose own writes throw is rolled back to its savepoint and rejected alone; if the
 * commit itself fails, every report of the batch is rejected and none is stored.
 */
import type { Report } from '../domain/report.ts';
import type { CaseDeps } from './deps.ts';
import { prepareReport, storeReport, type IntakeResult, type PreparedReport, type SubmitOptions } from './intake.ts';

/** Reports written per transaction, at most; more wait for the next one. */
export const MAX_GROUP = 64;

type Stored = { created: boolean; result: IntakeResult };
interface Waiting {
  prepared: PreparedReport;
  resolve: (v: Stored) => void;
  reject: (err: unknown) => void;
}

/** `submit` with group commit: resolves once the report's transaction has committed. */
export function createIntakeQueue(deps: CaseDeps): (report: Report, opts: SubmitOptions) => Promise<Stored> {
  const queue: Waiting[] = [];
  let scheduled = false;

  function flush() {
    scheduled = false;
    const batch = queue.splice(0, MAX_GROUP);
    if (queue.length > 0) schedule();
    const outcomes: ({ ok: true; value: Stored } | { ok: false; err: unknown })[] = [];
    try {
      deps.db.transaction(
        () => {
          for (const w of batch) {
            try {
              // Nested: a savepoint, so one report's failure leaves the others in the batch.
              outcomes.push({ ok: true, value: deps.db.transaction(() => storeReport(deps, w.prepared)) });
            } catch (err) {
              outcomes.push({ ok: false, err });
            }
          }
        },
        { behavior: 'immediate' },
      );
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    if (outcomes.some((o) => o.ok && o.value.created)) deps.onCommit();
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.err);
    });
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  }

  return (report, opts) => {
    const prepared = prepareReport(deps, report, opts);
    return new Promise<Stored>((resolve, reject) => {
      queue.push({ prepared, resolve, reject });
      schedule();
    });
  };
}
