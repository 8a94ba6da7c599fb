/**
 * A local stand-in for api.chatwork.com/v2 on 127.0.0.1: it records every posted message (room,
 * form body, token header) and answers GET /me. `failNext` scripts the next answers (429 with
 * x-ratelimit-reset, 500, 404 …), so tests see exactly what crossed the wire.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedMessage {
  roomId: string;
  token: string | undefined;
  contentType: string | undefined;
  /** The raw form body and its decoded fields. */
  raw: string;
  form: Record<string, string>;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export class FakeChatwork {
  readonly posted: PostedMessage[] = [];
  readonly requests: { method: string; path: string; token: string | undefined }[] = [];
  meAccountId = 900;
  private script: ScriptedAnswer[] = [];
  private server: http.Server | null = null;
  private seq = 1_900_000_000_000_000_000n;
  url = '';

  /** The next answers to POST /rooms/…/messages and GET /me, in order. */
  failNext(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v2`;
    return this.url;
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const path = (req.url ?? '').replace(/^\/v2/, '');
    const token = req.headers['x-chatworktoken'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path, token });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const scripted = this.script.shift();
    if (scripted) return send(scripted.status, scripted.body ?? JSON.stringify({ errors: [`scripted ${scripted.status}`] }), scripted.headers);
    if (!token) return send(401, { errors: ['Invalid API token'] });
    if (req.method === 'GET' && path === '/me') return send(200, { account_id: this.meAccountId, name: 'kakunin bot' });
    const m = /^\/rooms\/(\d+)\/messages$/.exec(path);
    if (req.method === 'POST' && m) {
      this.posted.push({
        roomId: m[1]!,
        token,
        contentType: req.headers['content-type'],
        raw,
        form: Object.fromEntries(new URLSearchParams(raw)),
      });
      this.seq += 1n;
      return send(200, { message_id: String(this.seq) });
    }
    return send(404, { errors: ['Not found'] });
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
