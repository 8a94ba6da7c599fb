/**
 * Wires kakunin together from a Config: opens and migrates the database, builds the notifiers,
 * the case service, the outbox worker and the app. Used by `serve`, the tests and the bench, so
 * all three run the same assembly. Nothing listens here (see src/server.ts).
 */
import type { Hono } from 'hono';
import { ruleSet } from '../rules/index.ts';
import { createNotifiers, notifierFactories, outboxTargets } from './registry.ts';
import type { NotifierPlatform } from './domain/notifier.ts';
import { createApp } from './app.ts';
import type { AppDeps, NotifierFactory, Notifiers } from './deps.ts';
import { describeKeySource, openAuditTrail, type OpenedAuditTrail } from './audit/audit-setup.ts';
import type { Sso } from './auth/oidc.ts';
import { createCaseService } from './cases/service.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, type Config } from './config.ts';
import { openDatabase, type DbHandle } from './db/client.ts';
import { runMigrations } from './db/migrate.ts';
import { createDetector } from './detection/engine.ts';
import { createEscalationRunner, type EscalationRunner } from './delivery/escalation.ts';
import { platformsNamed } from './escalation-policy.ts';
import { createOutboxWorker, type OutboxWorker } from './delivery/worker.ts';
import { createDirectoryStore } from './ledger/store.ts';
import { createLogger, type Logger } from './logger.ts';
import type { AppEnv } from './http/env.ts';

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  /** Jitter source for retries. */
  random?: () => number;
  /** Replace the registry's factories (tests plug in a notifier that talks to a local server). */
  factories?: Partial<Record<NotifierPlatform, NotifierFactory>>;
  /** The discovered OIDC relying party; required when the config has OIDC_* (see `startServer`). */
  sso?: Sso | null;
}

export interface Runtime {
  handle: DbHandle;
  deps: AppDeps;
  worker: OutboxWorker;
  /** Escalation timers (fired by the worker's tick; exposed for tests and tools). */
  escalation: EscalationRunner;
  app: Hono<AppEnv>;
  notifiers: Notifiers;
  /** Stops the worker and closes the database. */
  close(): Promise<void>;
}

/** Opens, migrates and assembles everything; the worker is created but not started. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.logLevel);
  const sso = opts.sso ?? null;
  if (config.oidc && !sso) throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: set, but the provider was not discovered before the runtime was built (use startServer)');
  const handle = openDatabase(config.databasePath);
  let opened: OpenedAuditTrail;
  try {
    await runMigrations(handle.db);
    opened = await openAuditTrail(handle.db, config, clock.now());
  } catch (err) {
    await handle.close();
    throw err;
  }
  logAuditKey(logger, opened);
  const audit = opened.trail;
  const notifiers = createNotifiers({ config, logger, db: handle.db, clock, secretKey: opened.key }, { ...notifierFactories, ...opts.factories });
  const unrouted = platformsNamed(config.escalation).filter((p) => !notifiers[p]?.notifier);
  if (unrouted.length > 0) {
    await handle.close();
    throw new ConfigError(`Invalid configuration:\n  escalation policy: names ${unrouted.join(', ')}, which is not configured (no card notifier)`);
  }
  const targets = outboxTargets(notifiers);
  const escalation = createEscalationRunner({
    db: handle.db,
    audit,
    clock,
    logger: logger.child({ component: 'escalation' }),
    policy: config.escalation,
    targets,
  });
  const worker = createOutboxWorker({
    escalation,
    db: handle.db,
    clock,
    logger: logger.child({ component: 'outbox' }),
    notifiers,
    config,
    ...(opts.random ? { random: opts.random } : {}),
  });
  const directory = createDirectoryStore(handle.db);
  const detect = createDetector(ruleSet);
  const cases = createCaseService({
    db: handle.db,
    audit,
    clock,
    logger,
    config,
    directory,
    detect,
    targets,
    onCommit: () => worker.kick(),
  });
  const deps: AppDeps = { db: handle.db, audit, clock, logger, config, notifiers, cases, directory, sso, detect };
  return {
    handle,
    deps,
    worker,
    escalation,
    app: createApp(deps),
    notifiers,
    async close() {
      for (const binding of Object.values(notifiers)) await binding?.stop?.();
      await worker.stop();
      await handle.close();
    },
  };
}

/** Says where the secret key came from, and when the audit chain was keyed just now. */
function logAuditKey(logger: Logger, opened: OpenedAuditTrail): void {
  const { key, keyedNow } = opened;
  if (key.source.kind === 'file' && key.source.created) {
    logger.warn({ keyFile: key.source.path }, `secret key generated in ${key.source.path} (mode 0600): back it up with the database; a backup without its key cannot be verified`);
  }
  if (keyedNow && keyedNow.legacyEvents > 0) {
    logger.warn(
      { ...keyedNow, key: describeKeySource(key) },
      `audit chain keyed: ${keyedNow.legacyEvents} events from before keyed chains verified and anchored; an audit_keyed event was added to ${keyedNow.cases} cases`,
    );
  }
}
