/** What the case functions need; assembled once by `createCaseService`. */
import type { Clock } from '../clock.ts';
import type { AuditTrail } from './audit.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { OutboxTargets } from '../delivery/enqueue.ts';
import type { DirectoryStore } from '../ledger/store.ts';
import type { Logger } from '../logger.ts';

export interface CaseDeps {
  db: Db;
  /** The keyed audit chain of `db`. */
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, 'groupingWindowDays' | 'notifyMinVerdict' | 'publicUrl' | 'escalation' | 'delivery'>;
  directory: DirectoryStore;
  targets: OutboxTargets;
  /** Called after a transaction that queued deliveries commits (kicks the outbox worker). */
  onCommit: () => void;
}
