/**
 * Teams' HTTP routes on the one Hono server:
 * - `POST /api/messages`: the Bot Framework messaging endpoint (set it in the Azure Bot
 *   registration), bridged into botbuilder's CloudAdapter, which checks the JWT.
 * - `GET /api/teams/bindings` (admin; `?all=true` includes removed ones) and
 *   `DELETE /api/teams/bindings/:id` (admin): the channels that receive cards.
 */
import type { Hono } from 'hono';
import type { CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import type { AppDeps } from '../../src/deps.ts';
import { AppError } from '../../src/errors.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { readQuery, requireScope } from '../../src/http/helpers.ts';
import { KakuninTeamsBot } from './bot.ts';
import { bridgeRequest, BridgeResponse } from './bridge.ts';
import type { BindingStore, TeamsBinding } from './store.ts';

export interface TeamsRouteDeps {
  adapter: CloudAdapter;
  store: BindingStore;
  tenantId: string | null;
  allowedIds: readonly string[];
}

/** A binding as the API shows it (no secrets are stored, so everything is shown). */
export function bindingView(b: TeamsBinding) {
  return {
    id: b.id,
    target: String(b.id),
    conversationId: b.conversationId,
    serviceUrl: b.serviceUrl,
    tenantId: b.tenantId,
    channelName: b.channelName,
    teamName: b.teamName,
    source: b.source,
    boundBy: b.boundByName,
    status: b.removedAt ? 'removed' : b.approvedAt ? 'approved' : 'pending',
    approvedAt: b.approvedAt,
    approvedBy: b.approvedBy,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
    removedAt: b.removedAt,
  };
}

const listQuery = z.object({ all: z.enum(['true', 'false']).optional() });
const idParam = z.coerce.number().int().min(1);

/** Mounts the routes; the bot is built here because it needs the case service. */
export function registerTeamsRoutes(app: Hono<AppEnv>, deps: Pick<AppDeps, 'db' | 'cases' | 'clock' | 'logger'>, teams: TeamsRouteDeps): void {
  const logger = deps.logger.child({ component: 'teams' });
  const bot = new KakuninTeamsBot({ cases: deps.cases, store: teams.store, clock: deps.clock, logger, tenantId: teams.tenantId, allowedIds: teams.allowedIds });

  app.post('/api/messages', async function teamsMessages(c) {
    const req = await bridgeRequest(c);
    const res = new BridgeResponse();
    await teams.adapter.process(req as never, res as never, async function turn(ctx) {
      try {
        await bot.run(ctx);
      } catch (err) {
        logger.error({ err, type: ctx.activity.type, name: ctx.activity.name }, 'teams turn failed');
        throw err;
      }
    });
    if (!res.finished) throw new Error('botbuilder did not finish the response');
    if (res.toResponse().status === 401) logger.warn({ requestId: c.get('requestId') }, 'teams: unauthenticated request refused');
    return res.toResponse();
  });

  app.get('/api/teams/bindings', requireScope(deps.db, 'admin'), async (c) => {
    const q = readQuery(c, listQuery);
    return c.json({ bindings: (await teams.store.list({ includeRemoved: q.all === 'true' })).map(bindingView) });
  });

  app.post('/api/teams/bindings/:id/approve', requireScope(deps.db, 'admin'), async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    const by = `token:${c.get('token').id} ${c.get('token').name}`;
    if (!id.success || !(await teams.store.approve(id.data, by, deps.clock.now()))) throw new AppError('not_found', 'No pending Teams binding with that id');
    logger.info({ bindingId: id.data, by }, 'teams binding approved through the API');
    return c.json({ binding: bindingView((await teams.store.get(id.data))!) });
  });

  app.delete('/api/teams/bindings/:id', requireScope(deps.db, 'admin'), async (c) => {
    const id = idParam.safeParse(c.req.param('id'));
    if (!id.success || !(await teams.store.remove(id.data, deps.clock.now()))) throw new AppError('not_found', 'No active Teams binding with that id');
    logger.info({ bindingId: id.data, by: c.get('token').name }, 'teams binding removed through the API');
    return c.json({ binding: bindingView((await teams.store.get(id.data))!) });
  });
}
