import { afterEach, describe, expect, it } from 'vitest';
import { ScriptedNotifier, corpus, countRows, testRuntime, type TestRuntime } from '../helpers.ts';
import { HIGH_WITH_ACCOUNT, LOW_LINE, MEDIUM_WITH_ACCOUNT, MIN, TEST_POLICY, only, policyEnv, submitLine } from './fixtures.ts';

const runtimes: TestRuntime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.close();
});

const ALICE = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };

async function setup(n = new ScriptedNotifier('slack'), policy: unknown = TEST_POLICY, reuse?: { dir: string; clock: TestRuntime['clock'] }) {
  const p = reuse ? { dir: reuse.dir, env: policyEnv(policy).env } : policyEnv(policy);
  const rt = await testRuntime({ dir: p.dir, env: p.env, factories: only(n, ['C-ESCALATION']), random: () => 0, ...(reuse ? { clock: reuse.clock } : {}) });
  runtimes.push(rt);
  return { rt, n };
}

const reminders = (n: ScriptedNotifier) => n.calls.filter((c) => c.op === 'remind');
const timerRows = (rt: TestRuntime) =>
  rt.handle.sqlite.prepare('select kind, attempt, due_at, fired_at, cancelled_at from escalation_timers order by id').all() as {
    kind: string;
    attempt: number;
    due_at: number;
    fired_at: string | null;
    cancelled_at: string | null;
  }[];
const escalationEvents = async (rt: TestRuntime, ref: string) => (await rt.deps.cases.get(ref)).events.filter((e) => e.type.startsWith('escalation.'));

describe('escalation timers', () => {
  it('fire at the due time and not before: first reminder, re-notifications, then the second level', async () => {
    const { rt, n } = await setup();
    const { caseRef, verdict } = await submitLine(rt, HIGH_WITH_ACCOUNT);
    expect(verdict).toBe('high');
    const t0 = rt.clock.now().getTime();
    expect(timerRows(rt)).toEqual([{ kind: 'ack_timeout', attempt: 1, due_at: t0 + 10 * MIN, fired_at: null, cancelled_at: null }]);
    expect(await rt.worker.tick()).toMatchObject({ sent: 1, fired: 0 });

    rt.clock.advance(10 * MIN - 1);
    expect(await rt.worker.tick()).toMatchObject({ fired: 0, sent: 0 });
    expect(reminders(n)).toHaveLength(0);

    rt.clock.advance(1);
    expect(await rt.worker.tick()).toMatchObject({ fired: 1, sent: 1 });
    expect(reminders(n)).toEqual([
      {
        op: 'remind',
        ref: caseRef,
        reminder: {
          level: 1,
          mention: true,
          text: {
            ja: `${caseRef} はだれも対応を開始しないまま10分が経過しました。内容を確認し「対応を開始する」を押してください。`,
            en: `${caseRef} has not been acknowledged for 10 min. Please look at it and press Acknowledge.`,
          },
        },
      },
    ]);
    const [ev] = await escalationEvents(rt, caseRef);
    expect(ev).toMatchObject({ type: 'escalation.ack_timeout', fromStatus: 'new', toStatus: 'new', actor: { platform: 'system' } });

    // Two re-notifications, 5 minutes apart, each exactly at its time.
    for (const level of [2, 3]) {
      rt.clock.advance(5 * MIN - 1);
      expect(await rt.worker.tick()).toMatchObject({ fired: 0 });
      rt.clock.advance(1);
      expect(await rt.worker.tick()).toMatchObject({ fired: 1 });
      expect(reminders(n).at(-1)).toMatchObject({ reminder: { level, mention: true } });
    }

    // Then the second level: the card goes to C-LEGAL and both channels hear, with a mention.
    rt.clock.advance(5 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 1 });
    expect(n.calls.filter((c) => c.op === 'post')).toEqual([
      { op: 'post', ref: caseRef, status: 'new', target: 'C-ESCALATION' },
      { op: 'post', ref: caseRef, status: 'new', target: 'C-LEGAL' },
    ]);
    const last = reminders(n).slice(-2);
    expect(last.map((r) => r.op === 'remind' && r.reminder.level)).toEqual(['second_level', 'second_level']);
    expect(last[0]).toMatchObject({ reminder: { mention: true, text: { ja: expect.stringContaining('上位の担当者にエスカレーション') } } });

    // The chain is over: nothing more, however long nobody answers.
    rt.clock.advance(24 * 60 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 0 });
    expect(reminders(n)).toHaveLength(5);
    expect((await escalationEvents(rt, caseRef)).map((e) => e.type)).toEqual([
      'escalation.ack_timeout',
      'escalation.renotify',
      'escalation.renotify',
      'escalation.second_level',
    ]);

    // A later action updates the card on the second-level channel too.
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    await rt.worker.tick();
    expect(n.calls.filter((c) => c.op === 'update').map((c) => c.op === 'update' && c.messageId)).toEqual(['m1', 'm2']);
  });

  it('stop the moment the case is acknowledged (cancelled in the same transaction); then the unresolved reminder runs until resolution', async () => {
    const { rt, n } = await setup();
    const { caseRef } = await submitLine(rt, HIGH_WITH_ACCOUNT);
    await rt.worker.tick();
    rt.clock.advance(10 * MIN);
    await rt.worker.tick();
    expect(reminders(n)).toHaveLength(1);

    rt.clock.advance(2 * MIN);
    const ackAt = rt.clock.now().getTime();
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    // No tick in between: the action itself cancelled the pending re-notification.
    expect(timerRows(rt).map((t) => [t.kind, t.fired_at ? 'fired' : t.cancelled_at ? 'cancelled' : 'pending'])).toEqual([
      ['ack_timeout', 'fired'],
      ['renotify', 'cancelled'],
      ['unresolved', 'pending'],
    ]);
    expect(timerRows(rt).at(-1)!.due_at).toBe(ackAt + 120 * MIN);

    rt.clock.advance(119 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 0 });
    expect(reminders(n)).toHaveLength(1);

    rt.clock.advance(1 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 1 });
    expect(reminders(n).at(-1)).toEqual({
      op: 'remind',
      ref: caseRef,
      reminder: {
        level: 1,
        mention: false,
        text: {
          ja: `${caseRef} は対応中ですが、未解決のまま2時間が経過しました。対応状況を更新してください。`,
          en: `${caseRef} was acknowledged but has stayed unresolved for 2 h. Please update it.`,
        },
      },
    });

    await rt.deps.cases.act(caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    expect(countRows(rt, 'escalation_timers', 'fired_at is null and cancelled_at is null')).toBe(0);
    rt.clock.advance(30 * 24 * 60 * MIN);
    expect(await rt.worker.tick()).toMatchObject({ fired: 0 });
    expect(reminders(n)).toHaveLength(2);
  });

  it('low and none cases get no card and no timer; a case raised from medium to high has its first reminder pulled earlier', async () => {
    const { rt } = await setup();
    await submitLine(rt, LOW_LINE); // low
    expect(countRows(rt, 'deliveries')).toBe(0);
    expect(countRows(rt, 'escalation_timers')).toBe(0);

    const medium = await submitLine(rt, MEDIUM_WITH_ACCOUNT);
    expect(medium.verdict).toBe('medium');
    const t0 = rt.clock.now().getTime();
    expect(timerRows(rt)).toMatchObject([{ kind: 'ack_timeout', due_at: t0 + 60 * MIN }]);
    rt.clock.advance(MIN);
    // The same sender again, now with a high message: same case, stricter deadline.
    const sender = MEDIUM_WITH_ACCOUNT.message.sender;
    const again = await submitLine(rt, HIGH_WITH_ACCOUNT, { message: { ...corpus()[HIGH_WITH_ACCOUNT]!.report.message, sender } });
    expect(again.verdict).toBe('high');
    expect(again.caseRef).toBe(medium.caseRef);
    expect(timerRows(rt)).toMatchObject([{ kind: 'ack_timeout', due_at: t0 + MIN + 10 * MIN }]);
  });

  it('survive a restart in the middle: the next timer fires once after reopening on the same file', async () => {
    const first = await setup();
    const { caseRef } = await submitLine(first.rt, HIGH_WITH_ACCOUNT);
    await first.rt.worker.tick();
    first.rt.clock.advance(10 * MIN);
    expect(await first.rt.worker.tick()).toMatchObject({ fired: 1 });
    expect(reminders(first.n)).toHaveLength(1);
    const { dir, clock } = first.rt;
    await first.rt.close();
    runtimes.splice(runtimes.indexOf(first.rt), 1);

    clock.advance(3 * MIN); // down for a while: the renotify timer is not due yet
    const second = await setup(new ScriptedNotifier('slack'), TEST_POLICY, { dir, clock });
    expect(await second.rt.worker.tick()).toMatchObject({ fired: 0 });
    clock.advance(2 * MIN);
    expect(await second.rt.worker.tick()).toMatchObject({ fired: 1, sent: 1 });
    expect(await second.rt.worker.tick()).toMatchObject({ fired: 0, sent: 0 });
    expect(reminders(second.n)).toEqual([{ op: 'remind', ref: caseRef, reminder: expect.objectContaining({ level: 2 }) }]);
    expect((await escalationEvents(second.rt, caseRef)).map((e) => e.type)).toEqual(['escalation.ack_timeout', 'escalation.renotify']);
  });

  it('a timer that fell due while kakunin was down fires on the first tick after the restart, once', async () => {
    const first = await setup();
    const { caseRef } = await submitLine(first.rt, HIGH_WITH_ACCOUNT);
    const { dir, clock } = first.rt;
    await first.rt.close(); // the card was never even posted
    runtimes.splice(0);
    clock.advance(45 * MIN);
    const second = await setup(new ScriptedNotifier('slack'), TEST_POLICY, { dir, clock });
    expect(await second.rt.worker.tick()).toMatchObject({ fired: 1, sent: 2 });
    expect(second.n.calls.map((c) => c.op)).toEqual(['post', 'remind']); // never a reminder before its card
    expect(await escalationEvents(second.rt, caseRef)).toHaveLength(1);
  });

  it('never fire twice: two workers on the same database tick at once, and a stale claim loses', async () => {
    const a = await setup();
    const { caseRef } = await submitLine(a.rt, HIGH_WITH_ACCOUNT);
    await a.rt.worker.tick();
    const b = await setup(new ScriptedNotifier('slack'), TEST_POLICY, { dir: a.rt.dir, clock: a.rt.clock });
    a.rt.clock.advance(10 * MIN);

    const [sa, sb] = await Promise.all([a.rt.worker.tick(), b.rt.worker.tick()]);
    expect(sa.fired + sb.fired).toBe(1);
    expect(await escalationEvents(a.rt, caseRef)).toHaveLength(1);
    expect(countRows(a.rt, 'deliveries', "kind = 'card.remind'")).toBe(1);
    expect(reminders(a.n).length + reminders(b.n).length).toBe(1);

    // A worker that read the due list before the other claimed it: the conditional UPDATE says no.
    a.rt.clock.advance(5 * MIN);
    const id = (a.rt.handle.sqlite.prepare("select id from escalation_timers where kind = 'renotify'").get() as { id: number }).id;
    expect(await b.rt.escalation.fire(id)).toBe(true);
    expect(await a.rt.escalation.fire(id)).toBe(false);
    expect(await b.rt.escalation.fire(id)).toBe(false);
    expect(await escalationEvents(a.rt, caseRef)).toHaveLength(2);
  });

  it('an acknowledgement racing a due timer: whichever commits first wins, never both', async () => {
    const { rt, n } = await setup();
    const { caseRef } = await submitLine(rt, HIGH_WITH_ACCOUNT);
    await rt.worker.tick();
    rt.clock.advance(10 * MIN);
    const id = (rt.handle.sqlite.prepare("select id from escalation_timers where kind = 'ack_timeout'").get() as { id: number }).id;
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    expect(await rt.escalation.fire(id)).toBe(false);
    await rt.worker.tick();
    expect(reminders(n)).toHaveLength(0);
    expect(await escalationEvents(rt, caseRef)).toHaveLength(0);
  });
});
