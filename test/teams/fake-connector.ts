/**
 * A local Bot Connector (the `serviceUrl` Teams would give): speaks the v3 conversations API on
 * 127.0.0.1, keeps the activities posted to it, and records every request. Scripted failures
 * (`failNext`) answer the next requests with a status and headers, e.g. 429 + Retry-After.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorRequest {
  method: string;
  path: string;
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** Decoded activity id from the path (reply / update), if any. */
  activityId: string | null;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export class FakeConnector {
  readonly requests: ConnectorRequest[] = [];
  /** Activities that exist, by id (posted, replied). Deleting one makes a later PUT 404. */
  readonly activities = new Map<string, Record<string, unknown>>();
  private failures: { status: number; headers?: Record<string, string> }[] = [];
  private seq = 0;
  private server: http.Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  failNext(...f: { status: number; headers?: Record<string, string> }[]): void {
    this.failures.push(...f);
  }

  /** Requests of one kind: 'post' (new message), 'reply', 'update'. */
  of(kind: 'post' | 'reply' | 'update'): ConnectorRequest[] {
    return this.requests.filter((r) => (kind === 'update' ? r.method === 'PUT' : r.method === 'POST' && (kind === 'reply') === (r.activityId !== null)));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (!m) return send(404, { error: { code: 'BadSyntax', message: `no route ${url.pathname}` } });
      const rec: ConnectorRequest = {
        method: req.method ?? '',
        path: url.pathname,
        conversationId: decodeURIComponent(m[1]!),
        activityId: m[2] ? decodeURIComponent(m[2]) : null,
        authorization: req.headers.authorization,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      this.requests.push(rec);
      const fail = this.failures.shift();
      if (fail) return send(fail.status, { error: { code: 'Scripted', message: `scripted ${fail.status}` } }, fail.headers);
      if (req.method === 'PUT') {
        if (!rec.activityId || !this.activities.has(rec.activityId)) return send(404, { error: { code: 'ActivityNotFound', message: 'Activity not found' } });
        this.activities.set(rec.activityId, rec.body);
        return send(200, { id: rec.activityId });
      }
      if (req.method === 'POST') {
        this.seq += 1;
        const id = `1767744000${String(this.seq).padStart(3, '0')}`;
        this.activities.set(id, rec.body);
        return send(200, { id });
      }
      return send(405, { error: { code: 'MethodNotAllowed', message: req.method } });
    });
  }
}
