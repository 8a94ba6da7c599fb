/**
 * `POST /api/reports` (scope intake): the corpus `report` object plus optional `source`,
 * `externalId` and `origin`. 201 when stored, 200 with the same answer when (source, externalId)
 * was already stored. Answers only after the report is committed.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { EXTERNAL_REPORT_SOURCES } from '../domain/case.ts';
import { reportSchema } from '../domain/report.ts';
import { reportOriginSchema } from '../cases/origin.ts';
import type { AppEnv } from './env.ts';
import { readJson, requireScope } from './helpers.ts';

/** The intake body. */
export const intakeBodySchema = reportSchema.extend({
  // Never kakunin's own sources (contact_request, watch): a caller must not write into their id space.
  source: z.enum(EXTERNAL_REPORT_SOURCES).default('api'),
  externalId: z.string().min(1).max(200).optional(),
  origin: reportOriginSchema.optional(),
});

export function registerReports(app: Hono<AppEnv>, deps: AppDeps): void {
  app.post('/api/reports', requireScope(deps.db, 'intake'), async function postReport(c) {
    const { source, externalId, origin, ...report } = await readJson(c, intakeBodySchema);
    const { created, result } = await deps.cases.submitGrouped(report, {
      source,
      externalId: externalId ?? null,
      origin: origin ?? null,
      apiTokenId: c.get('token').id,
    });
    return c.json(result, created ? 201 : 200);
  });
}
