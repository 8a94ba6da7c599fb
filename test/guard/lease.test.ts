import { afterEach, describe, expect, it } from 'vitest';
import { createLease } from '../../src/db/lease.ts';
import { testRuntime, type TestRuntime } from '../helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe('database lease', () => {
  it('one holder at a time; renewals keep it; another takes it only after it expires or is released', async () => {
    rt = await testRuntime();
    const a = createLease(rt.handle.db, 'poller', { ttlMs: 60_000, holder: 'a' });
    const b = createLease(rt.handle.db, 'poller', { ttlMs: 60_000, holder: 'b' });
    const now = () => rt!.clock.now();
    expect(await a.hold(now())).toBe(true);
    expect(a.fresh).toBe(true);
    expect(await b.hold(now())).toBe(false);
    rt.clock.advance(30_000);
    expect(await a.hold(now())).toBe(true); // renewed until +90 s
    expect(a.fresh).toBe(false);
    rt.clock.advance(59_000);
    expect(await b.hold(now())).toBe(false);
    rt.clock.advance(2_000); // a did not renew: expired
    expect(await b.hold(now())).toBe(true);
    expect(b.fresh).toBe(true);
    expect(await a.hold(now())).toBe(false);
    await b.release();
    expect(await a.hold(now())).toBe(true);
    expect(a.fresh).toBe(true); // taken over: it was b's in between
    // Another lease name is independent.
    expect(await createLease(rt.handle.db, 'other', { ttlMs: 1_000, holder: 'b' }).hold(now())).toBe(true);
  });
});
