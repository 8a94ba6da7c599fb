import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { corpus, countRows, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
let other: Database.Database | null = null;
afterEach(async () => {
  other?.close();
  other = null;
  await rt?.close();
});

const report = (i: number) => corpus()[i % corpus().length]!.report;
const API = { kind: 'token', tokenId: 1, tokenName: 'queue-test' } as const;

describe('intake group commit', () => {
  it('stores reports arriving together in one go, and answers each only once a second connection can read it', async () => {
    rt = await testRuntime();
    other = new Database(rt.deps.config.databasePath, { readonly: true });
    const seen = other.prepare('select count(*) as n from reports where id = ?');
    const pending = Array.from({ length: 12 }, (_, i) =>
      rt.deps.cases.submitGrouped(report(i), { caller: API, externalId: `g-${i}` }).then((out) => {
        // Settled: the commit is visible to another connection.
        expect((seen.get(out.result.reportId) as { n: number }).n).toBe(1);
        return out;
      }),
    );
    expect(countRows(rt, 'reports')).toBe(0); // checked, not yet written: the write waits for the batch
    const outs = await Promise.all(pending);
    expect(outs.every((o) => o.created)).toBe(true);
    expect(new Set(outs.map((o) => o.result.reportId)).size).toBe(12);
    expect(countRows(rt, 'reports')).toBe(12);
    expect(countRows(rt, 'case_events', "type in ('opened', 'report_added')")).toBe(12);
  });

  it('a repeat (source, externalId) inside the same batch is the same report, answered 200', async () => {
    rt = await testRuntime();
    const token = await rt.token('intake');
    const body = { ...report(3), externalId: 'same-id' };
    const [a, b] = await Promise.all([rt.app.request('/api/reports', jsonInit('POST', token, body)), rt.app.request('/api/reports', jsonInit('POST', token, body))]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as { reportId: number }[];
    expect(ja!.reportId).toBe(jb!.reportId);
    expect(countRows(rt, 'reports')).toBe(1);
  });

  it("a report whose writes fail is rolled back alone; the rest of its batch is stored", async () => {
    rt = await testRuntime();
    rt.handle.sqlite.exec(`create temp trigger refuse before insert on main.reports when new.external_id = 'poison'
      begin select raise(abort, 'refused by test trigger'); end`);
    const results = await Promise.allSettled([
      rt.deps.cases.submitGrouped(report(0), { caller: API, externalId: 'ok-1' }),
      rt.deps.cases.submitGrouped(report(1), { caller: API, externalId: 'poison' }),
      rt.deps.cases.submitGrouped(report(2), { caller: API, externalId: 'ok-2' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/refused by test trigger/);
    expect(rt.handle.sqlite.prepare('select external_id from reports order by id').pluck().all()).toEqual(['ok-1', 'ok-2']);
    // Nothing of the refused report survived its savepoint: no case, event, signal or delivery of its own.
    const caseIds = (results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ result: { caseId: number } }>[]).map((r) => r.value.result.caseId);
    expect(countRows(rt, 'cases', `id not in (${caseIds.join(',')})`)).toBe(0);
    expect(countRows(rt, 'case_events')).toBe(2);
    expect(countRows(rt, 'signals', 'report_id not in (select id from reports)')).toBe(0);
  });

  it('when the commit cannot happen, every report of the batch is refused and none is stored; the next batch works', async () => {
    rt = await testRuntime();
    rt.handle.sqlite.pragma('busy_timeout = 50');
    other = new Database(rt.deps.config.databasePath);
    other.exec('begin immediate'); // another process holds the write lock
    const refused = await Promise.allSettled([0, 1, 2].map((i) => rt.deps.cases.submitGrouped(report(i), { caller: API, externalId: `busy-${i}` })));
    expect(refused.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/locked|busy/i);
    other.exec('rollback');
    expect(countRows(rt, 'reports')).toBe(0);
    const out = await rt.deps.cases.submitGrouped(report(0), { caller: API, externalId: 'busy-0' });
    expect(out.created).toBe(true);
    expect(countRows(rt, 'reports')).toBe(1);
  });

  it('POST /api/reports under 30 concurrent requests: every answer is 201 with its own report, all stored', async () => {
    rt = await testRuntime();
    const token = await rt.token('intake');
    const res = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rt.app.request('/api/reports', jsonInit('POST', token, { ...report(i), externalId: `c-${i}` }))),
    );
    expect(res.map((r) => r.status)).toEqual(Array(30).fill(201));
    const ids = await Promise.all(res.map(async (r) => ((await r.json()) as { reportId: number }).reportId));
    expect(new Set(ids).size).toBe(30);
    expect(countRows(rt, 'reports')).toBe(30);
  });
});
