/**
 * The keyed audit chain (issue 15, item 6). The attacks are done the way someone holding only the
 * database file would do them: raw SQL and node:crypto, never kakunin's key; the verdict comes from
 * `kakunin audit verify`, as an operator would run it. Before keyed chains, cutting the last
 * events or recomputing every hash verified "ok".
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/audit/canonical-json.ts';
import { main } from '../src/main.ts';
import { corpus, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';
import { Browser, consoleRuntime, submit } from './web/helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

async function withEvents(env: Record<string, string> = {}): Promise<TestRuntime> {
  const r = await testRuntime({ env });
  const intake = await r.token('intake');
  for (const line of corpus().slice(0, 3)) await r.app.request('/api/reports', jsonInit('POST', intake, line.report));
  const actor = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };
  await r.deps.cases.act('KKN-000001', 'acknowledge', actor, { note: 'on it' });
  await r.deps.cases.act('KKN-000001', 'resolve', actor, { resolution: 'false_positive' });
  return r;
}

function cli(dir: string, env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { env: { DATABASE_URL: `file:${dir}/kakunin.db`, LOG_LEVEL: 'silent', ...env }, out: (l) => out.push(l), err: (l) => err.push(l) }).then(
    (code) => ({ code, out: out.join('\n'), err: err.join('\n') }),
  );
}
const verify = (r: TestRuntime, env: Record<string, string> = {}) => cli(r.dir, env, 'audit', 'verify');

type Row = Record<string, string | number | null>;
const rowsOf = (r: TestRuntime) => r.handle.sqlite.prepare('select * from case_events order by id').all() as Row[];
const contentOf = (row: Row) => ({
  caseId: row.case_id,
  type: row.type,
  fromStatus: row.from_status,
  toStatus: row.to_status,
  resolution: row.resolution,
  actor: { platform: row.actor_platform, userId: row.actor_user_id, displayName: row.actor_name },
  note: row.note,
  data: row.data,
  at: row.at,
});

/** Rewrites the hashes of the first `limit` rows (all by default) with `hash` (what an attacker can compute). */
function rehashAll(r: TestRuntime, hash: (prev: string, row: Row) => string, limit = Infinity): string {
  let prev = '';
  const update = r.handle.sqlite.prepare('update case_events set prev_hash = ?, hash = ? where id = ?');
  for (const row of rowsOf(r).slice(0, limit)) {
    const h = hash(prev, row);
    update.run(prev, h, row.id);
    prev = h;
  }
  return prev;
}
const sha256Chain = (prev: string, row: Row) => createHash('sha256').update(prev + canonicalJson(contentOf(row)), 'utf8').digest('hex');

describe('keyed audit chain', () => {
  it('verifies an untouched chain (CLI exit 0) and prints its signed head', async () => {
    rt = await withEvents();
    const n = rowsOf(rt).length;
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: true, rows: n, head: { events: n, legacyEvents: 0 } });
    const v = await verify(rt);
    expect(v.code).toBe(0);
    expect(v.out).toContain(`${n} events; signed head ${String(rowsOf(rt).at(-1)!.hash)}`);
  });

  it('names the first edited row (raw SQL tamper) and exits 1', async () => {
    rt = await withEvents();
    const row = rt.handle.sqlite.prepare("select id from case_events where type = 'acknowledge'").get() as { id: number };
    rt.handle.sqlite.prepare("update case_events set note = 'nothing to see' where id = ?").run(row.id);
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: false, brokenId: row.id });
    const v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toContain(`row ${row.id}`);
  });

  it('catches a deleted row at the row after it', async () => {
    rt = await withEvents();
    rt.handle.sqlite.prepare('delete from case_events where id = 2').run();
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: false, brokenId: 3 });
  });

  it('ATTACK: deleting the last three events is caught by the signed head, and stays caught after new events', async () => {
    rt = await withEvents();
    const n = rowsOf(rt).length;
    rt.handle.sqlite.prepare('delete from case_events where id > ?').run(n - 3);
    const v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toContain(`the signed head says ${n} events`);
    expect(v.err).toContain(`the table has ${n - 3}`);

    // The next event continues the signed head, not the shortened table: the gap stays visible.
    await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), corpus()[5]!.report));
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: false, brokenId: n + 1 });
    expect((await verify(rt)).code).toBe(1);
  });

  it('ATTACK: editing an event and recomputing every hash (plain SHA-256, or HMAC under a guessed key) is caught', async () => {
    rt = await withEvents();
    const ack = rt.handle.sqlite.prepare("select id from case_events where type = 'acknowledge'").get() as { id: number };
    rt.handle.sqlite.prepare("update case_events set actor_name = 'Mallory' where id = ?").run(ack.id);
    const last = rehashAll(rt, sha256Chain);
    const n = rowsOf(rt).length;
    // Even the head's count and last hash are made to agree (its MAC cannot be).
    rt.handle.sqlite.prepare('update audit_head set last_hash = ?, events = ?').run(last, n);
    let v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toContain('the signed head');

    const guess = randomBytes(32);
    const hmacChain = (prev: string, row: Row) => createHmac('sha256', guess).update(prev + canonicalJson(contentOf(row)), 'utf8').digest('hex');
    const forgedLast = rehashAll(rt, hmacChain);
    rt.handle.sqlite.prepare('update audit_head set last_hash = ?, events = ?, mac = ?').run(forgedLast, n, createHmac('sha256', guess).update('x').digest('hex'));
    v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toContain('does not match this key');
  });

  it('ATTACK: removing the signed head does not make the chain look fine', async () => {
    rt = await withEvents();
    rt.handle.sqlite.prepare('delete from audit_head').run();
    const v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/BROKEN|NOT KEYED/);
  });

  it('ATTACK through the console export: a chain cut at the end is BROKEN in the CSV and the header', async () => {
    rt = await consoleRuntime();
    await submit(rt);
    await submit(rt, corpus()[3]!.report);
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    const url = '/export/cases.csv?from=2026-01-01&to=2026-01-31';
    const ok = await b.get(url);
    const head = String(rowsOf(rt).at(-1)!.hash);
    expect(ok.headers.get('x-kakunin-audit-chain')).toBe(`ok; events=${rowsOf(rt).length}; head=${head}`);
    expect(await ok.text()).toContain(`signed head: ${rowsOf(rt).length} events, last ${head}`);

    const n = rowsOf(rt).length;
    rt.handle.sqlite.prepare('delete from case_events where id = ?').run(n);
    const cut = await b.get(url);
    expect(cut.headers.get('x-kakunin-audit-chain')).toBe(`broken; row=${n - 1}`);
    expect(await cut.text()).toContain(`the signed head says ${n} events`);
  });
});

describe('the secret key', () => {
  it('is generated on first start beside the database, mode 0600, and never written into it', async () => {
    rt = await withEvents();
    const file = path.join(rt.dir, 'kakunin.db.key');
    const stat = fs.statSync(file);
    expect(stat.mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8').trim();
    const raw = Buffer.from(text, 'base64');
    expect(raw).toHaveLength(32);
    await rt.close();
    const dir = rt.dir;
    rt = undefined;
    for (const name of fs.readdirSync(dir).filter((f) => f.startsWith('kakunin.db') && f !== 'kakunin.db.key')) {
      const bytes = fs.readFileSync(path.join(dir, name));
      expect(bytes.includes(raw), name).toBe(false);
      expect(bytes.includes(Buffer.from(text)), name).toBe(false);
    }
    // Reopened, the same key verifies the chain.
    rt = await testRuntime({ dir });
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: true });
  });

  it('a key file the group or others can read, or one that cannot be read, stops the start', async () => {
    rt = await withEvents();
    const dir = rt.dir;
    await rt.close();
    rt = undefined;
    const file = path.join(dir, 'kakunin.db.key');
    fs.chmodSync(file, 0o644);
    await expect(testRuntime({ dir })).rejects.toThrow(/mode 644 lets the group or others read it; run: chmod 600/);
    expect((await cli(dir, {}, 'retention', 'run', '--days', '1')).err).toContain('chmod 600');
    fs.chmodSync(file, 0o600);
    const key = fs.readFileSync(file);
    fs.rmSync(file);
    fs.mkdirSync(file);
    await expect(testRuntime({ dir })).rejects.toThrow(/key file .*kakunin\.db\.key: (cannot be read|is not a regular file)/);
    fs.rmdirSync(file);
    // A keyed database whose key is gone does not get a fresh one: nothing would verify.
    await expect(testRuntime({ dir })).rejects.toThrow(/the key file .* does not exist, but this database's audit chain is keyed/);
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, key, { mode: 0o600 });
    rt = await testRuntime({ dir });
    expect(await rt.deps.audit.verify()).toMatchObject({ ok: true });
  });

  it('KAKUNIN_SECRET_KEY: validated at start; used instead of a file; a different key is refused', async () => {
    await expect(testRuntime({ env: { KAKUNIN_SECRET_KEY: 'short' } })).rejects.toThrow(/KAKUNIN_SECRET_KEY: must be 32 random bytes or more/);
    await expect(testRuntime({ env: { KAKUNIN_SECRET_KEY: 'ab'.repeat(16) } })).rejects.toThrow(/KAKUNIN_SECRET_KEY/); // 16 bytes
    const key = randomBytes(32);
    rt = await withEvents({ KAKUNIN_SECRET_KEY: key.toString('base64') });
    expect(fs.existsSync(path.join(rt.dir, 'kakunin.db.key'))).toBe(false);
    expect((await verify(rt, { KAKUNIN_SECRET_KEY: key.toString('hex') })).code).toBe(0); // hex or base64
    expect((await verify(rt)).err).toContain('KAKUNIN_SECRET_KEY: not set');
    const v = await verify(rt, { KAKUNIN_SECRET_KEY: randomBytes(32).toString('base64') });
    expect(v.code).toBe(1);
    expect(v.err).toContain('does not match this key');
    const dir = rt.dir;
    await rt.close();
    rt = undefined;
    await expect(testRuntime({ dir, env: { KAKUNIN_SECRET_KEY: randomBytes(32).toString('base64') } })).rejects.toThrow(/signed head does not match the secret key/);
  });
});

describe('a database from before keyed chains', () => {
  /** Turns `r`'s database into what an older kakunin left: plain SHA-256 links, no head, no key. */
  async function legacyDatabase(): Promise<{ dir: string; events: number; lastHash: string }> {
    const r = await withEvents();
    const lastHash = rehashAll(r, sha256Chain);
    r.handle.sqlite.prepare('delete from audit_head').run();
    const events = rowsOf(r).length;
    await r.close();
    fs.rmSync(path.join(r.dir, 'kakunin.db.key'));
    return { dir: r.dir, events, lastHash };
  }

  it('`audit verify` reports it as not keyed (exit 1) and changes nothing; `migrate` keys and anchors it', async () => {
    const { dir, events, lastHash } = await legacyDatabase();
    const before = await cli(dir, {}, 'audit', 'verify');
    expect(before.code).toBe(1);
    expect(before.err).toContain(`NOT KEYED: ${events} events`);
    expect(fs.existsSync(path.join(dir, 'kakunin.db.key'))).toBe(false);

    const m = await cli(dir, {}, 'migrate');
    expect(m.code).toBe(0);
    expect(m.out).toContain(`${events} earlier events verified and anchored, audit_keyed added to 3 cases`);
    rt = await testRuntime({ dir });
    const rows = rowsOf(rt);
    expect(rows.slice(0, events).map((r) => r.hash).at(-1)).toBe(lastHash); // old rows kept byte for byte
    const keyed = rows.slice(events);
    expect(keyed.map((r) => [r.type, r.case_id])).toEqual([['audit_keyed', 1], ['audit_keyed', 2], ['audit_keyed', 3]]);
    expect(JSON.parse(String(keyed[0]!.data))).toMatchObject({ legacyEvents: events, legacyLastHash: lastHash });
    expect(keyed[0]!.prev_hash).toBe(lastHash);
    const v = await verify(rt);
    expect(v.code).toBe(0);
    expect(v.out).toContain(`anchoring ${events} events from before keyed chains`);
    // Keyed once: a restart adds nothing.
    await rt.close();
    rt = await testRuntime({ dir });
    expect(rowsOf(rt)).toHaveLength(events + 3);
  });

  it('ATTACK: after anchoring, an old event edited with all old hashes recomputed is caught', async () => {
    const { dir, events } = await legacyDatabase();
    rt = await testRuntime({ dir }); // the first start keys it, as `serve` would
    rt.handle.sqlite.prepare("update case_events set actor_name = 'Mallory' where type = 'acknowledge'").run();
    rehashAll(rt, sha256Chain, events); // the old part links up again, but ends elsewhere than where it was anchored
    const v = await verify(rt);
    expect(v.code).toBe(1);
    expect(v.err).toMatch(/case_events row \d+/);
  });

  it('a broken old chain is not keyed: the start stops and says where', async () => {
    const { dir } = await legacyDatabase();
    const sqlite = (await import('better-sqlite3')).default;
    const db = new sqlite(path.join(dir, 'kakunin.db'));
    db.prepare("update case_events set note = 'rewritten' where id = 2").run();
    db.close();
    await expect(testRuntime({ dir })).rejects.toThrow(/written before keyed chains is broken at case_events row 2/);
    const m = await cli(dir, {}, 'migrate');
    expect(m.code).toBe(1);
  });
});
