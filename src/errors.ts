/**
 * One error shape for the whole API: `{"error": {"code", "message", "requestId"}}` (422 adds
 * `fields`). Code throws `AppError` with a code from a closed list; `ERROR_STATUS` maps it to the
 * HTTP status, so a handler never picks a status by hand.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Logger } from './logger.ts';

export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  validation_failed: 422,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A field that failed validation: `path` is dotted (`report.message.body`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** An error the API answers with its own code; anything else is a 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldIssue[] | undefined;
  /** The same message in Japanese, for people (the console); the API answers `message`. */
  readonly ja: string | undefined;
  constructor(code: ErrorCode, message: string, opts: { fields?: FieldIssue[]; cause?: unknown; ja?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = opts.fields;
    this.ja = opts.ja;
  }
  /** The message in `lang` (Japanese when there is one). */
  messageIn(lang: 'ja' | 'en'): string {
    return lang === 'ja' && this.ja ? this.ja : this.message;
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

/** Turns a zod error into a 422 that names every failing field. */
export function validationError(error: z.ZodError, prefix = ''): AppError {
  const fields = error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
  const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
  return new AppError('validation_failed', `Invalid request: ${summary}`, { fields });
}

/** The JSON body of an error response. */
export function errorBody(err: AppError, requestId: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId,
      ...(err.fields ? { fields: err.fields } : {}),
    },
  };
}

/** The app's single `onError`: AppErrors answer their code; anything else is logged with its stack and answered 500. */
export function createErrorHandler(logger: Logger) {
  return function onError(err: Error, c: Context): Response {
    const requestId = (c.get('requestId' as never) as string | undefined) ?? 'unknown';
    if (err instanceof AppError) return c.json(errorBody(err, requestId), err.status);
    logger.error({ err, requestId, path: c.req.path }, 'unhandled error');
    return c.json(errorBody(new AppError('internal', 'Internal error'), requestId), 500);
  };
}
