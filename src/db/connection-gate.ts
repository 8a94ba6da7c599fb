/**
 * Who may use the one SQLite connection, and when. Storage is awaited (so that a PostgreSQL
 * engine can sit behind the same calls), but better-sqlite3 has one connection per process and a
 * transaction on it is a state of the connection, not of the caller: while one request's
 * transaction awaits, any statement of another request would run inside it (and be rolled back
 * with it, or see its uncommitted rows). The gate prevents that:
 *
 * - a transaction holds the connection from BEGIN to COMMIT/ROLLBACK; transactions queue (FIFO);
 * - a statement outside any transaction runs at once when no transaction is open (each statement
 *   is synchronous, so it is atomic by itself), and otherwise waits its turn in the same queue;
 * - a statement issued from inside the open transaction's async context (AsyncLocalStorage) runs
 *   in it, whichever handle issued it: the ambient transaction. Code written for the synchronous
 *   driver, where everything inside `db.transaction(...)` ran on the transaction, keeps its meaning;
 * - a transaction started inside the open one is a SAVEPOINT of it.
 *
 * @example
 *   const gate = createConnectionGate({ begin, commit, rollback, savepoint });
 *   await gate.transaction(async () => { await gate.statement(() => stmt.run()); });
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** The engine's transaction statements (synchronous, on the one connection). */
export interface TransactionControl {
  begin(): void;
  commit(): void;
  /** Rolls back the open transaction, if SQLite has not already done so. */
  rollback(): void;
  savepoint(name: string): void;
  release(name: string): void;
  rollbackTo(name: string): void;
}

export interface ConnectionGate {
  /** Runs one synchronous statement: in the caller's transaction, or alone between transactions. */
  statement<T>(run: () => T): Promise<T>;
  /** Runs `fn` as one transaction (a savepoint when called inside one); rolled back if it throws. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** True when the caller runs inside the open transaction. */
  inTransaction(): boolean;
}

interface Scope {
  savepoints: number;
}

/** A gate over one connection whose transactions are driven by `control`. */
export function createConnectionGate(control: TransactionControl): ConnectionGate {
  const context = new AsyncLocalStorage<Scope>();
  let open: Scope | null = null;
  /** Held by the open transaction, or handed to the next waiter; false when the connection is idle. */
  let busy = false;
  const waiting: (() => void)[] = [];

  const mine = () => open !== null && context.getStore() === open;
  const turn = () => new Promise<void>((resolve) => waiting.push(resolve));
  function acquire(): Promise<void> | undefined {
    if (!busy) {
      busy = true;
      return undefined;
    }
    return turn();
  }
  function handOver() {
    const next = waiting.shift();
    if (next) next();
    else busy = false;
  }

  async function savepoint<T>(scope: Scope, fn: () => Promise<T>): Promise<T> {
    scope.savepoints += 1;
    const name = `sp${scope.savepoints}`;
    control.savepoint(name);
    let result: T;
    try {
      result = await fn();
    } catch (err) {
      control.rollbackTo(name);
      control.release(name);
      throw err;
    }
    control.release(name);
    return result;
  }

  return {
    statement<T>(run: () => T): Promise<T> {
      if (!busy || mine()) {
        try {
          return Promise.resolve(run());
        } catch (err) {
          return Promise.reject(err as Error);
        }
      }
      return turn().then(() => {
        try {
          return run();
        } finally {
          handOver();
        }
      });
    },

    async transaction<T>(fn: () => Promise<T>): Promise<T> {
      if (mine()) return savepoint(open!, fn);
      await acquire();
      const scope: Scope = { savepoints: 0 };
      open = scope;
      try {
        control.begin();
        let result: T;
        try {
          result = await context.run(scope, fn);
        } catch (err) {
          control.rollback();
          throw err;
        }
        try {
          control.commit();
        } catch (err) {
          control.rollback();
          throw err;
        }
        return result;
      } finally {
        open = null;
        handOver();
      }
    },

    inTransaction: mine,
  };
}
