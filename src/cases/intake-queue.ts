/**
 * Group commit for intake. Each report is checked (detection, ledger) when it arrives; storing
 * waits for the next turn of the event loop, where every report that arrived meanwhile is written
 * in one IMMEDIATE transaction. The promise of each report settles only after that transaction
 * commits, so a 201 still means "committed". One commit per batch instead of one per report is
 * most of the saving: a commit writes every page the report touched (a dozen tables and indexes)
 * to the WAL, and reports arriving together share those pages.
 *
 * If a report's writes throw, the batch is rolled back and its reports are stored one transaction
 * each, so only that report is refused (no savepoint per report: SQLite copies every page a
 * savepoint touches to its journal, which cost more than the batching saved). If the database is
 * locked past the busy timeout, every report of the batch is refused and none is stored.
 */
import type { Report } from '../domain/report.ts';
import type { CaseDeps } from './deps.ts';
import { prepareReport, storeReport, type IntakeResult, type PreparedReport, type SubmitOptions } from './intake.ts';

/** Reports written per transaction, at most; more wait for the next one. */
export const MAX_GROUP = 64;

type Stored = { created: boolean; result: IntakeResult };
type Outcome = { ok: true; value: Stored } | { ok: false; err: unknown };

const isLocked = (err: unknown) => err instanceof Error && 'code' in err && /^SQLITE_(BUSY|LOCKED)/.test(String(err.code));
interface Waiting {
  prepared: PreparedReport;
  resolve: (v: Stored) => void;
  reject: (err: unknown) => void;
}

/** `submit` with group commit: resolves once the report's transaction has committed. */
export function createIntakeQueue(deps: CaseDeps): (report: Report, opts: SubmitOptions) => Promise<Stored> {
  const queue: Waiting[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, MAX_GROUP);
    if (queue.length > 0) schedule();
    let outcomes: Outcome[];
    try {
      const stored = await deps.db.transaction(async () => {
        const out: Stored[] = [];
        for (const w of batch) out.push(await storeReport(deps, w.prepared));
        return out;
      });
      outcomes = stored.map((value) => ({ ok: true, value }));
    } catch (err) {
      // Nothing of the batch was written. The database refusing the write (locked by another
      // process past the busy timeout) refuses every report; anything else is one report's
      // problem, so each is stored on its own and only the failing one is refused.
      if (batch.length === 1 || isLocked(err)) outcomes = batch.map(() => ({ ok: false, err }));
      else {
        outcomes = [];
        for (const w of batch) outcomes.push(await storeAlone(w));
      }
    }
    if (outcomes.some((o) => o.ok && o.value.created)) deps.onCommit();
    batch.forEach((w, i) => {
      const o = outcomes[i]!;
      if (o.ok) w.resolve(o.value);
      else w.reject(o.err);
    });
  }

  async function storeAlone(w: Waiting): Promise<Outcome> {
    try {
      return { ok: true, value: await deps.db.transaction(async () => await storeReport(deps, w.prepared)) };
    } catch (err) {
      return { ok: false, err };
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  return async (report, opts) => {
    const prepared = await prepareReport(deps, report, opts);
    return new Promise<Stored>((resolve, reject) => {
      queue.push({ prepared, resolve, reject });
      schedule();
    });
  };
}
