/**
 * `createApp(deps)` → the Hono app. No I/O happens here: the database, clock, logger, config,
 * notifiers and case service are passed in, so tests call `app.request()` on a temp database and
 * `serve` (src/server.ts) listens separately.
 */
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { Notifiers } from '../adapters/registry.ts';
import type { AuditTrail } from './cases/audit.ts';
import type { CaseService } from './cases/service.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import { AppError, createErrorHandler, errorBody } from './errors.ts';
import type { DirectoryStore } from './ledger/store.ts';
import type { Logger } from './logger.ts';
import { limitBody } from './routes/body-limit.ts';
import { registerCases } from './routes/cases.ts';
import { registerDeliveries } from './routes/deliveries.ts';
import { registerDirectory } from './routes/directory.ts';
import type { AppEnv } from './routes/env.ts';
import { registerHealth } from './routes/health.ts';
import { registerMetrics } from './routes/metrics.ts';
import { registerReports } from './routes/reports.ts';
import { registerWeb } from './web/index.ts';

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Everything the HTTP layer (and adapters' routes) may use. */
export interface AppDeps {
  db: Db;
  /** The keyed audit chain of `db` (appending and verifying). */
  audit: AuditTrail;
  clock: Clock;
  logger: Logger;
  config: Config;
  notifiers: Notifiers;
  cases: CaseService;
  directory: DirectoryStore;
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(async function logRequest(c, next) {
    if (!deps.logger.isLevelEnabled('debug')) return next();
    const start = performance.now();
    await next();
    deps.logger.debug(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - start) },
      'request',
    );
  });
  app.use('/api/*', limitBody(MAX_BODY_BYTES, `Request body is larger than ${MAX_BODY_BYTES} bytes`));
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => c.json(errorBody(new AppError('not_found', `No route ${c.req.method} ${c.req.path}`), c.get('requestId')), 404));

  registerHealth(app, deps);
  registerMetrics(app, deps);
  registerReports(app, deps);
  registerCases(app, deps);
  registerDirectory(app, deps);
  registerDeliveries(app, deps);
  registerWeb(app, deps);
  for (const binding of Object.values(deps.notifiers)) binding?.routes?.(app, deps);
  return app;
}
