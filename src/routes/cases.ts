/**
 * Cases: `GET /api/cases` (filters, keyset pagination), `GET /api/cases/:ref` (everything about a
 * case, its reports a page at a time: `reportsLimit`, `reportsCursor`) and `POST /api/cases/:ref/actions` (acknowledge / investigate / resolve / reopen).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { CASE_ACTIONS, RESOLUTIONS } from '../domain/case.ts';
import { caseDetailQuerySchema, caseListQuerySchema } from '../cases/queries.ts';
import type { AppEnv } from '../http/env.ts';
import { readJson, readQuery, requireScope, tokenActor } from '../http/helpers.ts';

export const actionBodySchema = z.object({
  action: z.enum(CASE_ACTIONS),
  resolution: z.enum(RESOLUTIONS).optional(),
  note: z.string().max(4000).optional(),
  /** Fail with 409 if the case's version is no longer this one. */
  expectedVersion: z.number().int().min(1).optional(),
});

export function registerCases(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db' | 'cases'>): void {
  const readers = requireScope(deps.db, 'respond', 'admin');
  app.get('/api/cases', readers, async (c) => c.json(await deps.cases.list(readQuery(c, caseListQuerySchema))));
  app.get('/api/cases/:ref', readers, async (c) => c.json(await deps.cases.get(c.req.param('ref'), readQuery(c, caseDetailQuerySchema))));
  app.post('/api/cases/:ref/actions', requireScope(deps.db, 'respond'), async function postAction(c) {
    const body = await readJson(c, actionBodySchema);
    const result = await deps.cases.act(c.req.param('ref'), body.action, tokenActor(c), {
      resolution: body.resolution ?? null,
      note: body.note ?? null,
      expectedVersion: body.expectedVersion ?? null,
    });
    return c.json(result);
  });
}
