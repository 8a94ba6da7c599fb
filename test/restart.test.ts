import { describe, expect, it } from 'vitest';
import { corpus, countRows, jsonInit, scripted, ScriptedNotifier, testRuntime } from './helpers.ts';

describe('restart', () => {
  it('reports, cases, tokens and pending deliveries survive close and reopen; the worker resumes', async () => {
    const env = { NOTIFY_MIN_VERDICT: 'none' };
    const first = await testRuntime({ env, factories: scripted(new ScriptedNotifier('slack')) });
    const intake = await first.token('intake');
    const res = await first.app.request('/api/reports', jsonInit('POST', intake, { ...corpus()[0]!.report, externalId: 'e-1' }));
    const { caseRef, reportId } = (await res.json()) as { caseRef: string; reportId: number };
    await first.close(); // the worker never ran

    const n = new ScriptedNotifier('slack');
    const second = await testRuntime({ dir: first.dir, env, factories: scripted(n), clock: first.clock });
    try {
      expect(countRows(second, 'deliveries', "status = 'pending'")).toBe(1);
      const again = await second.app.request('/api/reports', jsonInit('POST', intake, { ...corpus()[0]!.report, externalId: 'e-1' }));
      expect(again.status).toBe(200);
      expect(((await again.json()) as { reportId: number }).reportId).toBe(reportId);
      expect(await second.worker.tick()).toMatchObject({ sent: 1 });
      expect(n.calls).toEqual([{ op: 'post', ref: caseRef, status: 'new', target: 'C-ESCALATION' }]);
      expect((await second.deps.cases.get(caseRef)).reports[0]!.report).toEqual(corpus()[0]!.report);
    } finally {
      await second.close();
    }
  });
});
