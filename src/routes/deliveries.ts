/** `POST /api/deliveries/:id/retry` (scope respond): revives a dead delivery so the outbox tries again. */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/env.ts';
import { requireScope } from '../http/helpers.ts';

const idSchema = z.coerce.number().int().min(1);

export function registerDeliveries(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db' | 'cases'>): void {
  app.post('/api/deliveries/:id/retry', requireScope(deps.db, 'respond'), async (c) => {
    const id = idSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new AppError('not_found', 'No such delivery');
    return c.json(await deps.cases.retryDelivery(id.data));
  });
}
