/**
 * Runs the retention purge (src/retention/purge.ts) when `serve` starts and then once a day. Off
 * when RETENTION_DAYS is 0. A failed run is logged and tried again the next day; it never stops
 * the relay.
 */
import type { AuditTrail } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { purgeResolvedBodies, type PurgeResult } from './purge.ts';

export const RETENTION_INTERVAL_MS = 24 * 3_600_000;

/** A running schedule. `runNow` is what the timer calls (tests call it directly). */
export interface RetentionSchedule {
  /** What the run at start did (null when off or failed). */
  first: PurgeResult | null;
  runNow(): Promise<PurgeResult | null>;
  stop(): void;
}

/** Starts the daily purge; returns a no-op schedule when RETENTION_DAYS is 0. */
export async function startRetention(deps: { db: Db; audit: AuditTrail; clock: Clock; logger: Logger; config: Pick<Config, 'retentionDays'> }): Promise<RetentionSchedule> {
  const days = deps.config.retentionDays;
  const logger = deps.logger.child({ component: 'retention' });
  const runNow = async (): Promise<PurgeResult | null> => {
    if (days <= 0) return null;
    try {
      const result = await purgeResolvedBodies(deps, { now: deps.clock.now(), days });
      if (result.reports > 0) logger.info({ ...result, retentionDays: days }, 'retention: message bodies of resolved cases purged (hashes kept)');
      if (result.wal === 'busy') logger.warn({ retentionDays: days }, 'retention: the WAL was busy and not emptied; purged text stays in it until a later checkpoint (retried tomorrow)');
      return result;
    } catch (err) {
      logger.error({ err }, 'retention purge failed; trying again tomorrow');
      return null;
    }
  };
  if (days <= 0) return { first: null, runNow, stop() {} };
  const first = await runNow();
  const timer = setInterval(runNow, RETENTION_INTERVAL_MS);
  timer.unref();
  return { first, runNow, stop: () => clearInterval(timer) };
}
