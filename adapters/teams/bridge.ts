/**
 * A small Hono ⇄ botbuilder bridge. `CloudAdapter.process(req, res, logic)` wants Node/Express-ish
 * objects: a request with a parsed `body`, `headers` and `method`, and a response with
 * `status()`, `header()`, `send()` and `end()`. This builds both from a Hono request and turns
 * what botbuilder wrote into a fetch `Response`.
 */
import type { Context } from 'hono';
import { AppError } from '../../src/errors.ts';

/** The request side botbuilder reads. Header names are lower case. */
export interface BridgeRequest {
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** Collects what botbuilder writes; `toResponse()` once it has called `end()`. */
export class BridgeResponse {
  private statusCode = 200;
  private readonly headers = new Headers();
  private body: string | null = null;
  private ended = false;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers.set(name, String(value));
    return this;
  }
  send(body: unknown): this {
    if (typeof body === 'string') {
      this.body = body;
      if (!this.headers.has('content-type')) this.headers.set('content-type', 'text/plain; charset=utf-8');
    } else if (body !== undefined && body !== null) {
      this.body = JSON.stringify(body);
      this.headers.set('content-type', 'application/json; charset=utf-8');
    }
    return this;
  }
  end(): this {
    this.ended = true;
    return this;
  }
  get finished(): boolean {
    return this.ended;
  }
  toResponse(): Response {
    return new Response(this.body, { status: this.statusCode, headers: this.headers });
  }
}

/** The request botbuilder expects, from a Hono context. Invalid JSON is our usual 400. */
export async function bridgeRequest(c: Context): Promise<BridgeRequest> {
  const raw = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON');
  }
  // botbuilder validates the activity before authenticating and throws (a 500) when `type` is missing.
  if (body === null || typeof body !== 'object' || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
    throw new AppError('bad_request', 'The request body is not a Bot Framework activity (a JSON object with a "type")');
  }
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, name) => {
    headers[name.toLowerCase()] = value;
  });
  return { method: c.req.method, headers, body };
}
