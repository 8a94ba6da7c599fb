/** The ledger: `PUT /api/directory` replaces it in one transaction; `GET` shows it (scope admin). */
import type { Hono } from 'hono';
import type { AppDeps } from '../deps.ts';
import { directorySchema } from '../domain/directory.ts';
import type { AppEnv } from '../http/env.ts';
import { readJson, requireScope } from '../http/helpers.ts';

export function registerDirectory(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db' | 'clock' | 'directory'>): void {
  const admin = requireScope(deps.db, 'admin');
  app.get('/api/directory', admin, async (c) => c.json(await deps.directory.get()));
  app.put('/api/directory', admin, async function putDirectory(c) {
    const dir = await readJson(c, directorySchema);
    const revision = await deps.directory.replace(dir, deps.clock.now());
    return c.json({ revision, people: dir.people.length, counterparties: dir.counterparties.length });
  });
}
