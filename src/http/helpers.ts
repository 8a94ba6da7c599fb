/**
 * Request helpers every route uses: bearer-token scope checks and JSON bodies validated by zod,
 * all failing with the one error shape (401/403/400/422).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { findToken, scopeAllows } from '../auth/tokens.ts';
import type { Db } from '../db/client.ts';
import type { TokenScope } from '../db/schema/index.ts';
import type { Actor } from '../domain/case.ts';
import { AppError, validationError } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { jsonTooDeep, MAX_JSON_DEPTH } from './json-depth.ts';

/** Requires `Authorization: Bearer <token>` whose scope allows one of `scopes` (admin allows all). */
export function requireScope(db: Db, ...scopes: TokenScope[]): MiddlewareHandler<AppEnv> {
  return async function checkToken(c, next) {
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new AppError('unauthorized', 'Missing bearer token (Authorization: Bearer <token>)');
    const token = await findToken(db, m[1]!);
    if (!token) throw new AppError('unauthorized', 'Unknown or revoked token');
    if (!scopes.some((s) => scopeAllows(token.scope, s))) {
      throw new AppError('forbidden', `This token has scope ${token.scope}; this endpoint needs ${scopes.join(' or ')}`);
    }
    c.set('token', token);
    await next();
  };
}

/** Reads the body as JSON and validates it: invalid JSON is 400, a schema violation 422 naming the fields. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (jsonTooDeep(text)) throw new AppError('bad_request', `JSON nested deeper than ${MAX_JSON_DEPTH} levels is not accepted`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** Validates a query string the same way (422 naming the parameters). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/** The API caller as an audit actor: the token's name. */
export function tokenActor(c: Context<AppEnv>): Actor {
  const t = c.get('token');
  return { platform: 'api', userId: `token:${t.id}`, displayName: t.name };
}
