/**
 * `POST /api/reports` (scope intake): the corpus `report` object plus an optional `externalId`.
 * 201 when stored, 200 with the same answer when this token already sent that `externalId`; ids
 * are scoped to the token, so another token's ids neither collide nor answer. Answers only after
 * the report is committed.
 *
 * The token decides what the body cannot: the report is `source: "api"`, the audit actor is the
 * token, and nobody is answered on a chat platform. `source` other than "api" and `origin` are
 * refused with a 422 naming them (rather than dropped), so an integration that relied on them
 * learns at once instead of silently losing its Chatwork replies.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { reportSchema } from '../domain/report.ts';
import type { AppEnv } from './env.ts';
import { readJson, requireScope } from './helpers.ts';

/** The intake body. */
export const intakeBodySchema = reportSchema.extend({
  source: z
    .literal('api', { error: 'reports through the API are source "api"; Chatwork reports come through the signed webhook, web reports through the console form' })
    .optional(),
  externalId: z.string().min(1).max(200).optional(),
  origin: z
    .unknown()
    .refine((v) => v === undefined, 'not accepted through the API: the Chatwork bot answers only reports that came through the signed Chatwork webhook')
    .optional(),
});

export function registerReports(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/api/reports', requireScope(deps.db, 'intake'), async function postReport(c) {
    const { source: _source, externalId, origin: _origin, ...report } = await readJson(c, intakeBodySchema);
    const token = c.get('token');
    const { created, result } = await deps.cases.submitGrouped(report, {
      caller: { kind: 'token', tokenId: token.id, tokenName: token.name },
      externalId: externalId ?? null,
    });
    return c.json(result, created ? 201 : 200);
  });
}
