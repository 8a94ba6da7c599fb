/**
 * Builds something once per database handle (typically drizzle prepared queries, which skip both
 * query building and SQL compilation on every call). Prepared queries run on the handle's single
 * connection, so they also run inside a `db.transaction(...)` on that handle.
 */
import type { Db } from './client.ts';

export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let v = cache.get(db);
    if (v === undefined) {
      v = build(db);
      cache.set(db, v);
    }
    return v;
  };
}
