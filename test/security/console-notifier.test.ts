/**
 * Issue 15, item 11, performed against the app on a SQLite file with a fake Slack: with Slack
 * configured, the console notifier still wrote every card (message text, names, bank accounts)
 * into the log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../slack/fake-slack.ts';
import { SIGNING_SECRET } from '../slack/helpers.ts';
import { jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});
let slack: FakeSlack;
beforeAll(async () => {
  slack = await new FakeSlack().start();
});
afterAll(() => slack.close());

const REPORT = {
  message: {
    body: '社長の髙嶋です。至急、みずほ銀行 渋谷支店 普通 7654321 に振り込み、090-1234-5678 に電話してください。',
    sender: { accountId: 9800811, name: '髙嶋 宗一郎' },
  },
  reporter: { accountId: 1000015, name: '平田 智史' },
  note: '経理の佐藤さんにも届いています',
};
/** What must never reach a log line. */
const PRIVATE = ['振り込み', '7654321', '090-1234-5678', '髙嶋', '平田', '佐藤', '9800811'];

function slackEnv(extra: Record<string, string> = {}) {
  return { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_CHANNEL_ID: 'C0ESCALATE', SLACK_API_URL: slack.url, NOTIFY_MIN_VERDICT: 'none', ...extra };
}

async function reportAndDeliver(r: TestRuntime): Promise<string> {
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), REPORT));
  expect(res.status).toBe(201);
  const { caseRef } = (await res.json()) as { caseRef: string };
  await r.worker.tick();
  await r.deps.cases.act(caseRef, 'acknowledge', { platform: 'slack', userId: 'U1', displayName: '経理 佐藤' });
  r.clock.advance(60_000);
  await r.worker.tick();
  return caseRef;
}

const consoleLines = (r: TestRuntime) => r.log.lines.filter((l) => l.notifier === 'console');

describe('item 11: the console notifier', () => {
  it('with Slack configured it is off unless asked for: cards go to Slack only, and nothing private reaches the log', async () => {
    rt = await testRuntime({ env: slackEnv() });
    expect(rt.notifiers.console).toBeUndefined();
    await reportAndDeliver(rt);
    expect(slack.calls.some((c) => c.method === 'chat.postMessage')).toBe(true);
    expect(consoleLines(rt)).toEqual([]);
    const log = JSON.stringify(rt.log.lines);
    for (const p of PRIVATE) expect(log, p).not.toContain(p);
  });

  it('asked for with CONSOLE_NOTIFIER=true, it logs the ref, severity and counts, never the message, names or observables', async () => {
    rt = await testRuntime({ env: slackEnv({ CONSOLE_NOTIFIER: 'true' }) });
    const ref = await reportAndDeliver(rt);
    const lines = consoleLines(rt);
    expect(lines.map((l) => l.op)).toEqual(['card.post', 'card.update']);
    expect(lines[0]!.card).toMatchObject({ ref, status: 'new', reports: 1, reporters: 1 });
    expect((lines[0]!.card as { observables: number }).observables).toBeGreaterThan(0);
    expect(Object.keys(lines[0]!.card as object).sort()).toEqual(['linkedCases', 'observables', 'ref', 'reporters', 'reports', 'resolution', 'score', 'severity', 'signals', 'status']);
    const log = JSON.stringify(rt.log.lines);
    for (const p of PRIVATE) expect(log, p).not.toContain(p);
  });

  it('without Slack or Teams it is on by default (a fresh install sees escalation work), with the same short lines; false turns it off', async () => {
    rt = await testRuntime({ env: { NOTIFY_MIN_VERDICT: 'none' } });
    await reportAndDeliver(rt);
    expect(consoleLines(rt).length).toBeGreaterThan(0);
    const log = JSON.stringify(rt.log.lines);
    for (const p of PRIVATE) expect(log, p).not.toContain(p);
    await rt.close();
    rt = await testRuntime({ env: { CONSOLE_NOTIFIER: 'false' } });
    expect(rt.notifiers.console).toBeUndefined();
  });
});
