/** kakunin's own report sources (contact_request, watch) are not for API callers. */
import { afterEach, describe, expect, it } from 'vitest';
import { countRows, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe('report sources', () => {
  it('an API caller cannot submit as contact_request or watch (it would take over their id space), nor as chatwork or web: 422, nothing stored', async () => {
    rt = await testRuntime();
    const token = await rt.token('intake');
    for (const source of ['contact_request', 'watch', 'chatwork', 'web']) {
      const res = await rt.app.request('/api/reports', jsonInit('POST', token, { message: { body: '至急振り込んでください' }, source, externalId: '1000015-555' }));
      expect(res.status, source).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
    }
    expect(countRows(rt, 'reports')).toBe(0);
    const ok = await rt.app.request('/api/reports', jsonInit('POST', token, { message: { body: '至急振り込んでください' }, source: 'api', externalId: 'x' }));
    expect(ok.status).toBe(201);
    expect(countRows(rt, 'reports')).toBe(1);
  });
});
