/**
 * A local stand-in for api.chatwork.com/v2 on 127.0.0.1. It records every posted message (room,
 * form body, token header) and answers what kakunin asks, the way Chatwork does:
 *
 * - the bot's token (`x-chatworktoken`): GET /me, GET /contacts (with each direct chat's room_id),
 *   POST and GET /rooms/{id}/messages (GET without `force` returns only what this token has not
 *   fetched yet and 204 when nothing; `force=1` the latest 100), GET /rooms/{id}/members;
 * - an employee's OAuth access token (`Authorization: Bearer`, issued by FakeChatworkOAuth and
 *   refused with 401 once expired or revoked): GET /me, GET /incoming_requests, DELETE
 *   /incoming_requests/{id};
 * - every answer carries `x-ratelimit-*` headers (300 per 5 minutes, counted per token);
 * - `failNext` scripts the next answers (429 with x-ratelimit-reset, 500, 404 …), `failOn` the next
 *   answer to one path, `dropPostTo` takes a post in and then drops the connection (Chatwork got
 *   it, the caller heard nothing), `onRequest` lets a test act at the moment a request arrives,
 *   and `hold` keeps the next answer to one path back until the test releases it (a round that is
 *   under way).
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

export interface FakeMessage {
  message_id: string;
  account: { account_id: number; name: string; avatar_image_url: string };
  body: string;
  send_time: number;
  update_time: number;
}

export interface FakeIncomingRequest {
  request_id: number;
  account_id: number;
  message: string;
  name: string;
  chatwork_id: string;
  organization_id: number;
  organization_name: string;
  department: string;
  avatar_image_url: string;
}

/** An employee's access token as the fake OAuth server issued it. */
export interface IssuedToken {
  accountId: number;
  /** Epoch ms. */
  expiresAt: number;
  revoked: boolean;
}

export class FakeChatwork {
  readonly posted: PostedMessage[] = [];
  readonly requests: { method: string; path: string; token: string | undefined; bearer?: string; query?: string }[] = [];
  /** DELETE /incoming_requests/{id} that arrived: [employee account, request id]. */
  readonly declined: [number, number][] = [];
  meAccountId = 900;
  /** The bot's contacts: account → direct chat room. */
  readonly contacts = new Map<number, { roomId: string; name: string }>();
  /** Employees (for GET /me with their token). */
  readonly users = new Map<number, { name: string }>();
  /** Pending contact requests per employee. */
  readonly incoming = new Map<number, FakeIncomingRequest[]>();
  /** Messages per room (what the bot posts is added too). */
  readonly rooms = new Map<string, FakeMessage[]>();
  readonly members = new Map<string, { account_id: number; name: string }[]>();
  /** Access tokens, filled by FakeChatworkOAuth. */
  readonly bearers = new Map<string, IssuedToken>();
  /** The clock the fake reads for token expiry and rate-limit windows (epoch ms). */
  now: () => number = () => Date.now();
  onRequest: ((method: string, path: string) => void) | null = null;
  private script: ScriptedAnswer[] = [];
  private scriptOn: { method: string; path: RegExp; answer: ScriptedAnswer }[] = [];
  private drops = new Set<string>();
  private holds: { method: string; path: RegExp; arrived: (release: () => void) => void }[] = [];
  private cursors = new Map<string, number>();
  private spent = new Map<string, { windowStart: number; count: number }>();
  private server: http.Server | null = null;
  private seq = 1_900_000_000_000_000_000n;
  url = '';

  /** The next answers to any request, in order. */
  failNext(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  /** The next answer to `method` on a path matching `path`. */
  failOn(method: string, path: RegExp, answer: ScriptedAnswer): void {
    this.scriptOn.push({ method, path, answer });
  }

  /** The next post to `roomId` is recorded, then the connection is dropped before any answer. */
  dropPostTo(roomId: string): void {
    this.drops.add(roomId);
  }

  /**
   * The next request to `method` on a path matching `path` is recorded and then gets no answer
   * until the test calls the release function this resolves to (once the request has arrived).
   */
  hold(method: string, path: RegExp): Promise<() => void> {
    return new Promise((arrived) => this.holds.push({ method, path, arrived }));
  }

  /** A message written in a room by someone (epoch seconds). */
  addMessage(roomId: string, m: { accountId: number; name: string; body: string; sendTime: number }): string {
    this.seq += 1n;
    const id = String(this.seq);
    const list = this.rooms.get(roomId) ?? [];
    list.push({ message_id: id, account: { account_id: m.accountId, name: m.name, avatar_image_url: '' }, body: m.body, send_time: m.sendTime, update_time: 0 });
    this.rooms.set(roomId, list);
    return id;
  }

  /** Messages posted to one room, bodies only. */
  postedTo(roomId: string): string[] {
    return this.posted.filter((p) => p.roomId === roomId).map((p) => p.form.body ?? '');
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

  /** 300 requests per 5 minutes per token, as x-ratelimit-* headers. */
  private rate(who: string): Record<string, string> {
    const now = this.now();
    let w = this.spent.get(who);
    if (!w || now - w.windowStart >= 300_000) w = { windowStart: now, count: 0 };
    w.count += 1;
    this.spent.set(who, w);
    return {
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': String(Math.max(0, 300 - w.count)),
      'x-ratelimit-reset': String(Math.floor((w.windowStart + 300_000) / 1000)),
    };
  }

  private answer(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/v2/, '');
    const method = req.method ?? '';
    const token = req.headers['x-chatworktoken'] as string | undefined;
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
    this.requests.push({ method, path, token, ...(bearer ? { bearer } : {}), ...(url.search ? { query: url.search } : {}) });
    this.onRequest?.(method, path);
    const held = this.holds.findIndex((h) => h.method === method && h.path.test(path));
    if (held !== -1) {
      const { arrived } = this.holds.splice(held, 1)[0]!;
      arrived(() => this.respond(req, raw, res, url, path, method, token, bearer));
      return;
    }
    this.respond(req, raw, res, url, path, method, token, bearer);
  }

  private respond(req: http.IncomingMessage, raw: string, res: http.ServerResponse, url: URL, path: string, method: string, token: string | undefined, bearer: string | undefined): void {
    const headers = this.rate(token ?? bearer ?? 'anonymous');
    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers, ...extra });
      res.end(status === 204 ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
    };
    const scripted = this.script.shift() ?? this.takeScriptOn(method, path);
    if (scripted) return send(scripted.status, scripted.body ?? JSON.stringify({ errors: [`scripted ${scripted.status}`] }), scripted.headers);

    if (bearer !== undefined) return this.answerUser(method, path, bearer, send);
    if (!token) return send(401, { errors: ['Invalid API token'] });
    if (method === 'GET' && path === '/me') return send(200, { account_id: this.meAccountId, name: 'kakunin bot' });
    if (method === 'GET' && path === '/contacts') {
      const list = [...this.contacts].map(([account_id, c]) => ({ account_id, room_id: Number(c.roomId), name: c.name, chatwork_id: '', organization_id: 1, organization_name: '', department: '', avatar_image_url: '' }));
      return list.length === 0 ? send(204, null) : send(200, list);
    }
    const members = /^\/rooms\/(\d+)\/members$/.exec(path);
    if (method === 'GET' && members) return send(200, (this.members.get(members[1]!) ?? []).map((m) => ({ ...m, role: 'member', name: m.name })));
    const m = /^\/rooms\/(\d+)\/messages$/.exec(path);
    if (method === 'GET' && m) {
      const roomId = m[1]!;
      const list = this.rooms.get(roomId) ?? [];
      const key = `${token}:${roomId}`;
      const out = url.searchParams.get('force') === '1' ? list.slice(-100) : list.slice(this.cursors.get(key) ?? 0);
      this.cursors.set(key, list.length);
      return out.length === 0 ? send(204, null) : send(200, out);
    }
    if (method === 'POST' && m) {
      const roomId = m[1]!;
      const form = Object.fromEntries(new URLSearchParams(raw));
      this.posted.push({ roomId, token, contentType: req.headers['content-type'], raw, form });
      this.seq += 1n;
      const list = this.rooms.get(roomId) ?? [];
      list.push({ message_id: String(this.seq), account: { account_id: this.meAccountId, name: 'kakunin bot', avatar_image_url: '' }, body: form.body ?? '', send_time: Math.floor(this.now() / 1000), update_time: 0 });
      this.rooms.set(roomId, list);
      if (this.drops.delete(roomId)) {
        req.socket.destroy();
        return;
      }
      return send(200, { message_id: String(this.seq) });
    }
    return send(404, { errors: ['Not found'] });
  }

  private takeScriptOn(method: string, path: string): ScriptedAnswer | undefined {
    const i = this.scriptOn.findIndex((s) => s.method === method && s.path.test(path));
    return i === -1 ? undefined : this.scriptOn.splice(i, 1)[0]!.answer;
  }

  private answerUser(method: string, path: string, bearer: string, send: (status: number, body: unknown) => void): void {
    const t = this.bearers.get(bearer);
    if (!t || t.revoked || t.expiresAt <= this.now()) return send(401, { errors: ['Invalid API Token'] });
    if (method === 'GET' && path === '/me') return send(200, { account_id: t.accountId, name: this.users.get(t.accountId)?.name ?? '', chatwork_id: '', organization_name: '' });
    if (method === 'GET' && path === '/incoming_requests') {
      const list = this.incoming.get(t.accountId) ?? [];
      return list.length === 0 ? send(204, null) : send(200, list);
    }
    const d = /^\/incoming_requests\/(\d+)$/.exec(path);
    if (method === 'DELETE' && d) {
      const list = this.incoming.get(t.accountId) ?? [];
      const i = list.findIndex((r) => r.request_id === Number(d[1]));
      if (i === -1) return send(404, { errors: ['Not found'] });
      list.splice(i, 1);
      this.declined.push([t.accountId, Number(d[1])]);
      return send(204, null);
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
