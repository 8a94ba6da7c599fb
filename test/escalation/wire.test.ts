import { afterEach, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../helpers.ts';
import { HIGH_WITH_ACCOUNT, LOW_LINE, MEDIUM_WITH_ACCOUNT, MIN, NONE_LINE, TEST_POLICY, httpNotifier, only, policyEnv, startRecorder, submitLine } from './fixtures.ts';

let rt: TestRuntime | undefined;
let recorder: Awaited<ReturnType<typeof startRecorder>> | undefined;
afterEach(async () => {
  await rt?.close();
  await recorder?.close();
  rt = undefined;
  recorder = undefined;
});

describe('reminders over the wire', () => {
  it('a due timer becomes a thread reply on the posted card, with the mention, after a failed attempt is retried', async () => {
    let failRemind = 1;
    recorder = await startRecorder((r) => (r.path === '/remind' && failRemind-- > 0 ? 503 : 200));
    const p = policyEnv(TEST_POLICY);
    rt = await testRuntime({ dir: p.dir, env: { ...p.env, DELIVERY_BASE_DELAY_MS: '1000' }, factories: only(httpNotifier(recorder.url)), random: () => 0 });
    const { caseRef } = await submitLine(rt, HIGH_WITH_ACCOUNT);
    await rt.worker.tick();
    const posted = recorder.requests.find((r) => r.path === '/post')!;
    expect(posted.body).toMatchObject({ channel: 'C-ESCALATION', ref: caseRef, severity: 'high' });

    rt.clock.advance(10 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 1, retried: 1 });
    rt.clock.advance(500); // backoff(1) with random 0
    expect(await rt.worker.tick()).toMatchObject({ fired: 0, sent: 1 });

    const reminds = recorder.requests.filter((r) => r.path === '/remind');
    expect(reminds).toHaveLength(2); // the 503, then the retry
    expect(reminds[1]!.body).toEqual({
      channel: 'C-ESCALATION',
      thread_ts: '170000001.0001', // the ts the fake answered to the post
      ref: caseRef,
      reminder: {
        level: 1,
        mention: true,
        text: {
          ja: `${caseRef} はだれも対応を開始しないまま10分が経過しました。内容を確認し「対応を開始する」を押してください。`,
          en: `${caseRef} has not been acknowledged for 10 min. Please look at it and press Acknowledge.`,
        },
      },
    });
  });

  it('routes cards by severity: high to its channels, medium to its own, low nowhere', async () => {
    recorder = await startRecorder();
    const p = policyEnv({
      high: { targets: ['slack:C-FRAUD', 'slack:C-ALL'] },
      medium: { targets: ['slack:C-ALL'] },
      low: { targets: [] },
    });
    rt = await testRuntime({ dir: p.dir, env: { ...p.env, NOTIFY_MIN_VERDICT: 'none' }, factories: only(httpNotifier(recorder.url), ['C-DEFAULT']) });
    const high = await submitLine(rt, HIGH_WITH_ACCOUNT);
    const medium = await submitLine(rt, MEDIUM_WITH_ACCOUNT);
    const low = await submitLine(rt, LOW_LINE);
    const none = await submitLine(rt, NONE_LINE);
    expect([high.verdict, medium.verdict, low.verdict, none.verdict]).toEqual(['high', 'medium', 'low', 'none']);
    await rt.worker.tick();
    const posts = recorder.requests.filter((r) => r.path === '/post').map((r) => `${r.body.ref}→${r.body.channel}`);
    expect(posts).toEqual([
      `${high.caseRef}→C-FRAUD`,
      `${high.caseRef}→C-ALL`,
      `${medium.caseRef}→C-ALL`,
      // none: not in the file, so the default: every configured target (NOTIFY_MIN_VERDICT=none)
      `${none.caseRef}→C-DEFAULT`,
    ]);
  });
});
