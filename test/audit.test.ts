import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/cases/audit.ts';
import { main } from '../src/main.ts';
import { corpus, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

async function withEvents(): Promise<TestRuntime> {
  const r = testRuntime();
  const intake = r.token('intake');
  for (const line of corpus().slice(0, 3)) await r.app.request('/api/reports', jsonInit('POST', intake, line.report));
  const actor = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };
  r.deps.cases.act('KKN-000001', 'acknowledge', actor, { note: 'on it' });
  r.deps.cases.act('KKN-000001', 'resolve', actor, { resolution: 'false_positive' });
  return r;
}

function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const env = { DATABASE_URL: `file:${dir}/kakunin.db`, LOG_LEVEL: 'silent' };
  return main(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) }).then((code) => ({ code, out, err }));
}

describe('hash-chained audit trail', () => {
  it('verifies an untouched chain (CLI exit 0)', async () => {
    rt = await withEvents();
    const events = rt.handle.sqlite.prepare('select count(*) n from case_events').get() as { n: number };
    expect(verifyAuditChain(rt.handle.db)).toEqual({ ok: true, rows: events.n });
    const r = await cli(rt.dir, 'audit', 'verify');
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`${events.n} events`);
  });

  it('names the first edited row (raw SQL tamper) and exits 1', async () => {
    rt = await withEvents();
    const row = rt.handle.sqlite.prepare("select id from case_events where type = 'acknowledge'").get() as { id: number };
    rt.handle.sqlite.prepare("update case_events set note = 'nothing to see' where id = ?").run(row.id);
    expect(verifyAuditChain(rt.handle.db)).toMatchObject({ ok: false, brokenId: row.id });
    const r = await cli(rt.dir, 'audit', 'verify');
    expect(r.code).toBe(1);
    expect(r.err.join('\n')).toContain(`row ${row.id}`);
  });

  it('catches a deleted row at the row after it, even when the hashes of the rest are intact', async () => {
    rt = await withEvents();
    rt.handle.sqlite.prepare('delete from case_events where id = 2').run();
    expect(verifyAuditChain(rt.handle.db)).toMatchObject({ ok: false, brokenId: 3 });
  });

  it('catches an actor rewritten together with a recomputed own hash (chain link breaks at the next row)', async () => {
    rt = await withEvents();
    const { eventHash } = await import('../src/cases/audit.ts');
    const r = rt.handle.sqlite.prepare('select * from case_events where id = 4').get() as Record<string, string | number | null>;
    const content = {
      caseId: r.case_id,
      type: r.type,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      resolution: r.resolution,
      actor: { platform: r.actor_platform, userId: r.actor_user_id, displayName: 'Mallory' },
      note: r.note,
      data: r.data,
      at: r.at,
    };
    const forged = eventHash(String(r.prev_hash), content as never);
    rt.handle.sqlite.prepare("update case_events set actor_name = 'Mallory', hash = ? where id = 4").run(forged);
    expect(verifyAuditChain(rt.handle.db)).toMatchObject({ ok: false, brokenId: 5 });
  });
});
