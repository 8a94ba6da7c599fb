/**
 * Escalation test wiring: a policy file in the runtime's temp dir, a fake chat platform on
 * 127.0.0.1 that records every request, and a small notifier that speaks to it over HTTP (the
 * adapter boundary; the outbox, timers and policy under test are real).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { NotifierFactory } from '../../src/deps.ts';
import { DeliveryError, type CaseCard, type Notifier, type NotifierPlatform, type PostedCard, type Reminder } from '../../src/domain/notifier.ts';
import { corpus, jsonInit, tempDir, type TestRuntime } from '../helpers.ts';

/** Writes `policy` as JSON into a fresh temp dir; returns the env pointing at it and the dir for the runtime. */
export function policyEnv(policy: unknown): { dir: string; env: Record<string, string> } {
  const dir = tempDir();
  const file = path.join(dir, 'policy.json');
  fs.writeFileSync(file, JSON.stringify(policy));
  return { dir, env: { ESCALATION_POLICY_FILE: file } };
}

/** High: 10 min to acknowledge, two more reminders 5 min apart, then C-LEGAL; 2 h unresolved. */
export const TEST_POLICY = {
  high: {
    targets: ['slack'],
    mention: true,
    ackTimeoutMinutes: 10,
    renotifyIntervalMinutes: 5,
    renotifyCount: 2,
    secondLevelTargets: ['slack:C-LEGAL'],
    unresolvedMinutes: 120,
  },
  medium: { targets: ['slack'], ackTimeoutMinutes: 60, renotifyCount: 0 },
  low: { targets: [] },
  none: { targets: [] },
};

export const MIN = 60_000;

/** Corpus lines (or reports) by what detection says of them (checked by the tests that use them). */
export const HIGH_WITH_ACCOUNT = 3;
export const LOW_LINE = 20;
export const NONE_LINE = 1;
/** The partner 灘見水産's own account asks for today's payment to an account the ledger does not know: medium. */
export const MEDIUM_WITH_ACCOUNT = {
  message: {
    body: '灘見水産の浦田です。今月分のご請求は本日中に下記口座へお願いします。\nみずほ銀行 博多支店 普通 4455667 カ)ナダミスイサン',
    sender: { accountId: 2000002, name: '浦田 健二' },
    sentAt: '2026-02-01T10:00:00+09:00',
  },
  context: { contactApprovedAt: null, roomType: 'direct' },
  reporter: { accountId: 1000015, name: '平田 智史' },
};

/** Submits corpus line `i` (or a report) through the API. */
export async function submitLine(rt: TestRuntime, i: number | Record<string, unknown>, extra: Record<string, unknown> = {}, token?: string) {
  token ??= await rt.token('intake');
  const report = typeof i === 'number' ? corpus()[i]!.report : i;
  const res = await rt.app.request('/api/reports', jsonInit('POST', token, { ...report, ...extra }));
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { caseRef: string; caseId: number; reportId: number; verdict: string; signals: { ruleId: string }[] };
}

/** One request the fake platform received. */
export interface WireRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown>;
}

/** A local HTTP server recording requests; `answer` decides each status (200 by default). */
export async function startRecorder(answer: (r: WireRequest) => number | { status: number; body?: unknown; headers?: Record<string, string> } = () => 200) {
  const requests: WireRequest[] = [];
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const r: WireRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
      requests.push(r);
      const a = answer(r);
      const out = typeof a === 'number' ? { status: a } : a;
      seq += 1;
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.body ?? { ok: out.status < 300, ts: `17000000${seq}.0001` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A notifier that speaks JSON over HTTP to `baseUrl`: POST /post, /update, /remind. A non-2xx
 * answer is a DeliveryError (5xx retried, others permanent), as a real adapter would throw.
 */
export function httpNotifier(baseUrl: string, platform: NotifierPlatform = 'slack'): Notifier {
  async function call(op: string, body: unknown): Promise<{ ts: string }> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/${op}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    } catch (err) {
      throw new DeliveryError('network', String(err), { cause: err });
    }
    const json = (await res.json()) as { ts: string };
    if (res.status >= 500) throw new DeliveryError('server_error', `HTTP ${res.status}`, { status: res.status });
    if (!res.ok) throw new DeliveryError('rejected', `HTTP ${res.status}`, { status: res.status });
    return json;
  }
  return {
    platform,
    async postCard(card: CaseCard, target: string): Promise<PostedCard> {
      const r = await call('post', { channel: target, ref: card.ref, status: card.status, severity: card.severity });
      return { channel: target, messageId: r.ts };
    },
    async updateCard(card: CaseCard, post: PostedCard): Promise<PostedCard> {
      await call('update', { channel: post.channel, ts: post.messageId, ref: card.ref, status: card.status });
      return post;
    },
    async remind(card: CaseCard, post: PostedCard, reminder: Reminder): Promise<void> {
      await call('remind', { channel: post.channel, thread_ts: post.messageId, ref: card.ref, reminder });
    },
  };
}

/** Factories plugging `notifier` in as its platform with `targets`, every other card platform off. */
export function only(notifier: Notifier, targets: string[] = ['C-ESCALATION']): Partial<Record<NotifierPlatform, NotifierFactory>> {
  const off = Object.fromEntries((['console', 'slack', 'teams', 'chatwork', 'inbox'] as string[]).map((p) => [p, () => null]));
  return { ...off, [notifier.platform]: () => ({ notifier, targets, reporter: null }) } as Partial<Record<NotifierPlatform, NotifierFactory>>;
}
