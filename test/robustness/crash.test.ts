/**
 * The crash experiment at small scale (scripts/crash-test.ts runs it at 2,000): the real server
 * process is SIGKILLed in the middle of 150 concurrent reports and restarted on the same file.
 */
import { describe, expect, it } from 'vitest';
import { crashPassed, runCrashTest } from '../../scripts/lib/crash.ts';

describe('crash: SIGKILL midway through concurrent intake', () => {
  it('loses no report answered 2xx and no card; duplicates only within the documented window', async () => {
    const r = await runCrashTest({ reports: 150, concurrency: 30 });
    expect(r.answeredBeforeKill).toBeGreaterThanOrEqual(75);
    expect(r.answeredBeforeKill).toBeLessThan(150); // the kill really came midway
    expect(r.unanswered).toBeGreaterThan(0);
    expect(r.lost).toEqual([]);
    expect(r.doubled).toEqual([]);
    expect(r.stored).toBe(150);
    expect(r.casesNeedingCard).toBeGreaterThan(0);
    expect(r.cardsMissing).toEqual([]);
    expect(r.pendingLeft).toBe(0);
    expect(r.dead).toBe(0);
    // At-least-once: at most the posts that were in flight when the process died can repeat.
    expect(r.duplicates.length).toBeLessThanOrEqual(r.casesNeedingCard);
    for (const d of r.duplicates) expect(d.posts).toBe(2);
    expect(crashPassed(r)).toBe(true);
  }, 90_000);
});
