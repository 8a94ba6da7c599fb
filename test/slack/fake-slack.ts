/**
 * A local fake of the Slack Web API on 127.0.0.1: it speaks the wire format (POST /api/<method>,
 * JSON or form-encoded bodies, Bearer token, `{"ok": …}` answers), keeps the channel's messages
 * so chat.update can find (or miss) them, records every call, and can be scripted to answer 429
 * with Retry-After or any `ok:false` error.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  /** The body as sent: JSON, or form fields with JSON-looking values parsed (as Slack does). */
  body: Record<string, unknown>;
  contentType: string;
  authorization: string | null;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs: string | null;
}

type Scripted = { status?: number; headers?: Record<string, string>; json: Record<string, unknown> };

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return out;
}

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, { name: string; displayName: string }>();
  private readonly scripts = new Map<string, Scripted[]>();
  private server: Server | null = null;
  private seq = 0;
  url = '';

  constructor(readonly token = 'xoxb-test-token') {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.answer(req).then(({ status, headers, json }) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(json));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call of `method` gets this answer instead of the normal one. */
  failNext(method: string, answer: Scripted): void {
    const q = this.scripts.get(method) ?? [];
    q.push(answer);
    this.scripts.set(method, q);
  }

  /** Calls of one method, in order. */
  of(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Deletes a message, as a person in the channel could. */
  deleteMessage(ts: string): void {
    this.messages.delete(ts);
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; json: Record<string, unknown> }> {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const contentType = String(req.headers['content-type'] ?? '');
    const body = parseBody(contentType, await readBody(req));
    const authorization = (req.headers.authorization as string | undefined) ?? null;
    this.calls.push({ method, body, contentType, authorization });
    const scripted = this.scripts.get(method)?.shift();
    if (scripted) return { status: scripted.status ?? 200, headers: scripted.headers ?? {}, json: scripted.json };
    if (authorization !== `Bearer ${this.token}`) return this.ok({ ok: false, error: 'invalid_auth' });
    return this.ok(this.handle(method, body));
  }

  private ok(json: Record<string, unknown>) {
    return { status: 200, headers: {}, json };
  }

  private handle(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UKAKUNIN', bot_id: 'BKAKUNIN', team_id: 'T0TEST', user: 'kakunin' };
      case 'chat.postMessage': {
        this.seq += 1;
        const ts = `1767744000.${String(this.seq).padStart(6, '0')}`;
        const channel = String(body.channel);
        const msg = { channel, ts, text: String(body.text ?? ''), blocks: (body.blocks as unknown[]) ?? [], threadTs: (body.thread_ts as string) ?? null };
        this.messages.set(ts, msg);
        return { ok: true, channel, ts, message: { ts, text: msg.text } };
      }
      case 'chat.update': {
        const ts = String(body.ts);
        const msg = this.messages.get(ts);
        if (!msg || msg.channel !== body.channel) return { ok: false, error: 'message_not_found' };
        msg.text = String(body.text ?? '');
        msg.blocks = (body.blocks as unknown[]) ?? [];
        return { ok: true, channel: msg.channel, ts, text: msg.text };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1767744999.${String(++this.seq).padStart(6, '0')}` };
      case 'users.info': {
        const id = String(body.user);
        const u = this.users.get(id);
        if (!u) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id, name: u.name, real_name: u.name, profile: { display_name: u.displayName } } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
