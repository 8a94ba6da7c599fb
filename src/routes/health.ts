/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';

export function registerHealth(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db'>): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    try {
      await deps.db.get(sql`select 1`);
    } catch (err) {
      throw new AppError('unavailable', 'Database is not answering', { cause: err });
    }
    return c.json({ ok: true });
  });
}
