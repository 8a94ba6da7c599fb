/**
 * Slack test wiring: a runtime whose Slack adapter talks to a FakeSlack, signed interactivity
 * requests built here with node:crypto (independently of the receiver under test), and a walker
 * that collects every text object of a Block Kit message.
 */
import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import type { NotifierFactory } from '../../src/deps.ts';
import type { SlackBinding } from '../../adapters/slack/index.ts';
import type { NotifierPlatform } from '../../src/domain/notifier.ts';
import { corpus, directoryJson, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { FakeSlack } from './fake-slack.ts';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const CHANNEL = 'C0ESCALATE';

/** Environment turning Slack on against `fake` (console notifier off so Slack is the only card). */
export function slackEnv(fake: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: fake.token,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: fake.url,
    CONSOLE_NOTIFIER: 'false',
    ...extra,
  };
}

export interface SlackTestRuntime extends TestRuntime {
  slack: SlackBinding;
}

/** A runtime with the real Slack adapter from the registry, the ledger loaded. */
export async function slackRuntime(
  fake: FakeSlack,
  env: Record<string, string> = {},
  factories: Partial<Record<NotifierPlatform, NotifierFactory>> = {},
): Promise<SlackTestRuntime> {
  const rt = await testRuntime({ env: slackEnv(fake, env), random: () => 0, factories });
  const res = await rt.app.request('/api/directory', jsonInit('PUT', await rt.token('admin'), directoryJson()));
  expect(res.status).toBe(200);
  const slack = rt.notifiers.slack as SlackBinding | undefined;
  if (!slack) throw new Error('Slack binding not configured');
  return Object.assign(rt, { slack });
}

/** The first corpus line with this label (the real engine decides its verdict). */
export function corpusReport(label: 'fraud' | 'benign' = 'fraud', index = 0) {
  return corpus().filter((l) => l.label === label)[index]!.report;
}

/** Submits `report` through the API; returns the case. */
export async function submit(rt: TestRuntime, report: unknown): Promise<{ caseRef: string; caseId: number; verdict: string }> {
  const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), report));
  expect(res.status).toBe(201);
  return (await res.json()) as { caseRef: string; caseId: number; verdict: string };
}

/** Slack's v0 signature, computed here from the spec: HMAC-SHA256 over `v0:{ts}:{body}`. */
export function sign(body: string, timestamp: string, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`, 'utf8').digest('hex')}`;
}

/** A signed POST /slack/events request. `at` is the request time (seconds), normally the clock's now. */
export function signedInit(body: string, at: number, opts: { contentType?: string; secret?: string; signature?: string } = {}): RequestInit {
  const ts = String(at);
  return {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': opts.signature ?? sign(body, ts, opts.secret),
    },
    body,
  };
}

/** A block_actions interactivity body (`payload=` form field) for a click on a card button. */
export function clickBody(p: { actionId: string; ref: string; userId: string; userName: string; channel?: string; messageTs: string }): string {
  const channel = p.channel ?? CHANNEL;
  const payload = {
    type: 'block_actions',
    user: { id: p.userId, username: p.userName, name: p.userName, team_id: 'T0TEST' },
    api_app_id: 'A0KAKUNIN',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: p.messageTs, channel_id: channel, is_ephemeral: false },
    trigger_id: '123.456.abc',
    team: { id: 'T0TEST', domain: 'example' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'fraud-escalation' },
    message: { type: 'message', ts: p.messageTs, text: 'card', user: 'UKAKUNIN', bot_id: 'BKAKUNIN' },
    response_url: 'https://hooks.slack.invalid/actions/T0TEST/1/abc',
    actions: [
      { type: 'button', action_id: p.actionId, block_id: 'kkn_actions', value: p.ref, text: { type: 'plain_text', text: 'x' }, action_ts: '1767744001.000001' },
    ],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Now, in whole seconds, by the runtime's clock. */
export const nowSec = (rt: TestRuntime) => Math.floor(rt.clock.now().getTime() / 1000);

export interface TextObject {
  type: string;
  text: string;
  verbatim?: boolean;
  /** Path to the object, e.g. blocks[3].fields[1]. */
  path: string;
}

/** Every text object (mrkdwn or plain_text) anywhere in a message's blocks. */
export function textObjects(blocks: unknown, path = 'blocks'): TextObject[] {
  const out: TextObject[] = [];
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${p}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ((o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string') {
        out.push({ type: o.type, text: o.text, ...(typeof o.verbatim === 'boolean' ? { verbatim: o.verbatim } : {}), path: p });
      }
      for (const [k, x] of Object.entries(o)) walk(x, `${p}.${k}`);
    }
  };
  walk(blocks, path);
  return out;
}

/** The `<…>` control sequences Slack would act on in a mrkdwn string. */
export function controlSequences(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<[^<>]*>/g)].map((m) => m[0]);
}
