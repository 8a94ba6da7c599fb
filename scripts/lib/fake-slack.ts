/**
 * A lean fake of the Slack Web API on 127.0.0.1 for the crash script, the soak bench and the
 * outage test. It speaks the wire format kakunin's transport uses (POST /api/<method>, JSON body,
 * Bearer token, `{"ok": …}`), but unlike test/slack/fake-slack.ts it keeps only counters and the
 * card of each case ref (not every body), so 60,000 requests cost little memory. A `fault` hook
 * may answer any call with an error (500, 429 + Retry-After, ok:false) to script an outage.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer the fault hook returns instead of the normal one. */
export interface FaultAnswer {
  status: number;
  headers?: Record<string, string>;
  json: Record<string, unknown>;
}

/** One call as it arrived: method, the case ref its card names (if any), arrival time (ms). */
export interface CallRecord {
  method: string;
  ref: string | null;
  at: number;
  answered: number;
}

/** A top-level card in the channel. */
export interface FakeCard {
  ref: string;
  ts: string;
  channel: string;
  /** The notification text of the latest post/update (carries the status). */
  text: string;
  updates: number;
}

export interface FakeSlackOptions {
  token?: string;
  /** Called for every request before the normal answer; return null to answer normally. */
  fault?: (method: string, ref: string | null) => FaultAnswer | null;
  /** Keep every CallRecord (off for the soak). */
  record?: boolean;
}

const REF = /KKN-\d{6,}/;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The fake. `posts(ref)` says how many top-level cards a case got (more than 1 = a duplicate). */
export class LeanFakeSlack {
  readonly token: string;
  readonly counts = new Map<string, number>();
  readonly calls: CallRecord[] = [];
  /** Top-level cards by ts. */
  readonly cards = new Map<string, FakeCard>();
  private readonly postsByRef = new Map<string, string[]>();
  private server: Server | null = null;
  private seq = 0;
  fault: FakeSlackOptions['fault'];
  url = '';

  constructor(private readonly opts: FakeSlackOptions = {}) {
    this.token = opts.token ?? 'xoxb-fake-slack-token';
    this.fault = opts.fault;
  }

  /** Listens on 127.0.0.1 (a free port); `url` is the SLACK_API_URL to give kakunin. */
  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.answer(req).then(
        ({ status, headers, json }) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
          res.end(JSON.stringify(json));
        },
        () => {
          res.writeHead(400).end();
        },
      );
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Top-level card posts for `ref` (thread replies excluded). */
  posts(ref: string): string[] {
    return this.postsByRef.get(ref) ?? [];
  }

  /** Every ref that got at least one card. */
  refs(): string[] {
    return [...this.postsByRef.keys()];
  }

  /** Refs that got more than one top-level card, with how many. */
  duplicates(): { ref: string; posts: number }[] {
    return [...this.postsByRef].filter(([, ts]) => ts.length > 1).map(([ref, ts]) => ({ ref, posts: ts.length }));
  }

  count(method: string): number {
    return this.counts.get(method) ?? 0;
  }

  private async answer(req: IncomingMessage): Promise<FaultAnswer> {
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const raw = await readBody(req);
    const body = raw && String(req.headers['content-type'] ?? '').startsWith('application/json') ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const ref = typeof body.text === 'string' ? (REF.exec(body.text)?.[0] ?? null) : null;
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const faulted = this.fault?.(method, ref) ?? null;
    if (this.opts.record) this.calls.push({ method, ref, at: Date.now(), answered: faulted?.status ?? 200 });
    if (faulted) return faulted;
    if (req.headers.authorization !== `Bearer ${this.token}`) return { status: 200, json: { ok: false, error: 'invalid_auth' } };
    return { status: 200, json: this.handle(method, body, ref) };
  }

  private handle(method: string, body: Record<string, unknown>, ref: string | null): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UKAKUNIN', bot_id: 'BKAKUNIN', team_id: 'T0FAKE', user: 'kakunin' };
      case 'chat.postMessage': {
        this.seq += 1;
        const ts = `1767744000.${String(this.seq).padStart(6, '0')}`;
        const channel = String(body.channel);
        if (!body.thread_ts && ref) {
          this.cards.set(ts, { ref, ts, channel, text: String(body.text ?? ''), updates: 0 });
          this.postsByRef.set(ref, [...this.posts(ref), ts]);
        }
        return { ok: true, channel, ts };
      }
      case 'chat.update': {
        const card = this.cards.get(String(body.ts));
        if (!card || card.channel !== body.channel) return { ok: false, error: 'message_not_found' };
        card.text = String(body.text ?? '');
        card.updates += 1;
        return { ok: true, channel: card.channel, ts: card.ts };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1767744999.${String(++this.seq).padStart(6, '0')}` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
