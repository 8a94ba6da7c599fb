import { afterEach, describe, expect, it } from 'vitest';
import { createRuntime } from '../src/runtime.ts';
import { AppError } from '../src/errors.ts';
import { corpus, jsonInit, testConfig, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

async function newCase(r: TestRuntime): Promise<string> {
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), corpus()[0]!.report));
  return ((await res.json()) as { caseRef: string }).caseRef;
}

const act = (r: TestRuntime, ref: string, token: string, body: unknown) => r.app.request(`/api/cases/${ref}/actions`, jsonInit('POST', token, body));

describe('case life', () => {
  it('new → acknowledged → investigating → resolved → reopened, each an audited event with its actor', async () => {
    rt = await testRuntime();
    const ref = await newCase(rt);
    const t = await rt.token('respond', '法務 田中');
    for (const [body, status] of [
      [{ action: 'acknowledge', note: '確認中' }, 'acknowledged'],
      [{ action: 'investigate' }, 'investigating'],
      [{ action: 'resolve', resolution: 'fraud_confirmed' }, 'resolved'],
      [{ action: 'reopen' }, 'acknowledged'],
    ] as const) {
      rt.clock.advance(1000);
      const res = await act(rt, ref, t, body);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe(status);
    }
    const detail = (await (await rt.app.request(`/api/cases/${ref}`, jsonInit('GET', t))).json()) as {
      status: string;
      resolution: string | null;
      events: { type: string; fromStatus: string | null; toStatus: string; actor: { displayName: string; platform: string }; note: string | null }[];
    };
    expect(detail.status).toBe('acknowledged');
    expect(detail.resolution).toBeNull();
    expect(detail.events.map((e) => `${e.type}:${e.fromStatus}->${e.toStatus}`)).toEqual([
      'opened:null->new',
      'acknowledge:new->acknowledged',
      'investigate:acknowledged->investigating',
      'resolve:investigating->resolved',
      'reopen:resolved->acknowledged',
    ]);
    expect(detail.events[1]).toMatchObject({ actor: { displayName: '法務 田中', platform: 'api' }, note: '確認中' });
  });

  it('409 for an impossible transition, saying why and who acted first', async () => {
    rt = await testRuntime();
    const ref = await newCase(rt);
    expect((await act(rt, ref, await rt.token('respond', 'Alice'), { action: 'acknowledge' })).status).toBe(200);
    const res = await act(rt, ref, await rt.token('respond', 'Bob'), { action: 'acknowledge' });
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('already');
    expect(error.message).toContain('Alice');
    const reopen = await act(rt, ref, await rt.token('respond'), { action: 'reopen' });
    expect(reopen.status).toBe(409);
  });

  it('422 when resolve has no resolution (and nothing changes)', async () => {
    rt = await testRuntime();
    const ref = await newCase(rt);
    const res = await act(rt, ref, await rt.token('respond'), { action: 'resolve' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('resolution');
    expect((await rt.deps.cases.get(ref)).status).toBe('new');
  });

  it('two concurrent actions cannot both win', async () => {
    rt = await testRuntime();
    const ref = await newCase(rt);
    const [a, b] = await Promise.all([
      act(rt, ref, await rt.token('respond', 'Alice'), { action: 'acknowledge' }),
      act(rt, ref, await rt.token('respond', 'Bob'), { action: 'acknowledge' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await rt.deps.cases.get(ref)).events.filter((e) => e.type === 'acknowledge')).toHaveLength(1);
  });

  it('a second process acting on a stale version loses with 409 (conditional update across connections)', async () => {
    rt = await testRuntime();
    const ref = await newCase(rt);
    const other = await createRuntime(testConfig(rt.dir), { clock: rt.clock });
    try {
      const seen = (await other.deps.cases.get(ref)).version;
      await rt.deps.cases.act(ref, 'acknowledge', { platform: 'slack', userId: 'U1', displayName: 'Alice' });
      let err: unknown;
      try {
        await other.deps.cases.act(ref, 'investigate', { platform: 'teams', userId: 'T1', displayName: 'Bob' }, { expectedVersion: seen });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('conflict');
      expect((await other.deps.cases.get(ref)).status).toBe('acknowledged');
    } finally {
      await other.close();
    }
  });
});
