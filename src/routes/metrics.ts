/**
 * `GET /metrics`: Prometheus text format, computed from the database on each scrape. Open by
 * default (it shows counts, never case content); with METRICS_TOKEN set it needs
 * `Authorization: Bearer <METRICS_TOKEN>` (Prometheus `authorization: { credentials: … }`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { collectMetrics } from '../metrics/collect.ts';
import type { AppEnv } from '../http/env.ts';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function registerMetrics(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db' | 'clock' | 'config'>): void {
  const expected = deps.config.metricsToken ? digest(deps.config.metricsToken) : null;
  app.get('/metrics', async function getMetrics(c) {
    if (expected) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), expected)) throw new AppError('unauthorized', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return c.body(await collectMetrics(deps.db, deps.clock.now()), 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
}
