/**
 * One holder at a time across processes, in the database (src/db/schema/leases.ts). Like the
 * outbox's claims, the check and the write are one statement, so two processes asking at once
 * cannot both win.
 *
 * @example
 *   const lease = createLease(db, 'chatwork.watch', { ttlMs: 90_000 });
 *   if (lease.hold(clock.now())) await pollRooms();
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { leases } from './schema/index.ts';

export interface Lease {
  /** This process's id in the `holder` column. */
  readonly holder: string;
  /**
   * Takes or renews the lease until `now + ttlMs`; false when another holder's lease has not
   * expired. `fresh` is true when this call took it over (it was not ours a moment ago).
   */
  hold(now: Date): Promise<boolean>;
  /** True when the last `hold` took the lease over rather than renewing it. */
  readonly fresh: boolean;
  /** Gives it up (on stop), so another process need not wait for it to expire. */
  release(): Promise<void>;
}

/** A lease named `name`; `holder` defaults to a random id (each process, and each restart, is a new holder). */
export function createLease(db: Db, name: string, opts: { ttlMs: number; holder?: string }): Lease {
  const holder = opts.holder ?? `${process.pid}-${randomBytes(6).toString('hex')}`;
  let held = false;
  let fresh = false;
  return {
    holder,
    get fresh() {
      return fresh;
    },
    async hold(now) {
      const t = now.getTime();
      const row = await db
        .insert(leases)
        .values({ name, holder, expiresAt: t + opts.ttlMs, acquiredAt: now.toISOString() })
        .onConflictDoUpdate({
          target: leases.name,
          set: {
            holder,
            expiresAt: t + opts.ttlMs,
            acquiredAt: sql`case when ${leases.holder} = ${holder} then ${leases.acquiredAt} else ${now.toISOString()} end`,
          },
          setWhere: sql`${leases.holder} = ${holder} or ${leases.expiresAt} <= ${t}`,
        })
        .returning({ holder: leases.holder, acquiredAt: leases.acquiredAt })
        .get();
      const won = row?.holder === holder;
      // Taken over (not renewed) when the row was not ours: its acquired_at was set just now.
      fresh = won && (!held || row.acquiredAt === now.toISOString());
      held = won;
      return won;
    },
    async release() {
      if (!held) return;
      await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder))).run();
      held = false;
    },
  };
}
