/**
 * Issue 15, item 5: after `kakunin retention run`, the purged message was still in kakunin.db
 * (twice: free space of the rewritten pages) and in its WAL. This performs the same check on the
 * bytes: a case is resolved, time passes, the CLI purges it while the server's connection is open,
 * and then neither the .db nor the -wal file holds the message, the note, the pieces of it that
 * signals quoted, or the bank account and phone as the fraudster wrote them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/main.ts';
import { jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

const DAY = 86_400_000;
const ALICE = { platform: 'api' as const, userId: 'token:1', displayName: 'Alice' };

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

/** Every file of the database as bytes (the -shm holds no content but is read too). */
function fileBytes(dir: string): { name: string; bytes: Buffer }[] {
  return ['kakunin.db', 'kakunin.db-wal', 'kakunin.db-shm']
    .map((name) => path.join(dir, name))
    .filter((f) => fs.existsSync(f))
    .map((f) => ({ name: path.basename(f), bytes: fs.readFileSync(f) }));
}

/** Which of `needles` occur (UTF-8) in which file. */
function found(dir: string, needles: string[]): string[] {
  const hits: string[] = [];
  for (const { name, bytes } of fileBytes(dir)) {
    for (const n of needles) if (bytes.includes(Buffer.from(n, 'utf8'))) hits.push(`${name}: ${n}`);
  }
  return hits;
}

describe('retention purge takes the text out of the file', () => {
  it('after `kakunin retention run`, the .db and -wal bytes hold no purged text or fragment of it', async () => {
    rt = await testRuntime({ env: { NOTIFY_MIN_VERDICT: 'none' } });
    const r = rt;
    const intake = await r.token('intake');
    // Long enough to spill into overflow pages as well as sit in a table page.
    const secret = '合言葉は桜色の象です。'.repeat(400);
    const body = `至急、新しい口座に振り込んでください。みずほ銀行 虎ノ門支店 普通 7654321 名義 ヤマダハナコ 連絡は 080-9911-2233 まで。${secret}`;
    const note = '社長を名乗る人からの依頼です（報告者メモ：経理の田中）';
    const res = await r.app.request('/api/reports', jsonInit('POST', intake, { message: { body, sender: { accountId: 6_100_001, name: '山田 社長' } }, note, externalId: 'file-1' }));
    expect(res.status).toBe(201);
    const { caseRef, reportId } = (await res.json()) as { caseRef: string; reportId: number };
    // A case that stays open, whose text must stay.
    const keptBody = '請求書を確認してください 別件 4711';
    const kept = await r.app.request('/api/reports', jsonInit('POST', intake, { message: { body: keptBody, sender: { accountId: 6_100_002 } }, externalId: 'file-2' }));
    expect(kept.status).toBe(201);

    // The fragments: what signals quoted and how observables were written, unique to this report.
    const sql = r.handle.sqlite;
    const evidence = (sql.prepare('select data from signals where report_id = ?').all(reportId) as { data: string }[]).flatMap(
      (s) => (JSON.parse(s.data) as { evidence: { text: string }[] }).evidence.map((e) => e.text),
    );
    const displays = (sql.prepare('select display, value from observables where report_id = ?').all(reportId) as { display: string; value: string }[])
      .filter((o) => o.display !== o.value)
      .map((o) => o.display);
    expect(displays.length).toBeGreaterThan(0);
    // (A fragment that the open case also contains, such as 「ください」, rightly stays.)
    const needles = [...new Set([body, note, secret.slice(0, 40), '虎ノ門支店 普通 7654321', 'ヤマダハナコ', '080-9911-2233', ...evidence, ...displays])].filter(
      (n) => n.length >= 4 && !keptBody.includes(n),
    );
    expect(needles.length).toBeGreaterThan(8);

    await r.deps.cases.act(caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    r.clock.advance(31 * DAY);
    expect(found(r.dir, [body.slice(0, 30)]).length).toBeGreaterThan(0); // the search sees the text before the purge

    const out: string[] = [];
    const io = { env: { DATABASE_URL: `file:${r.dir}/kakunin.db` }, out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await main(['retention', 'run', '--days', '30'], io)).toBe(0);
    expect(out.join('\n')).toContain('WAL emptied');

    // The server's connection is still open, as with `serve` running.
    expect(found(r.dir, needles)).toEqual([]);
    expect(found(r.dir, [keptBody])).not.toEqual([]); // the open case keeps its text

    // What stays: the case, its canonical observables (grouping) and the signals' rules.
    const obs = sql.prepare('select kind, value, display, details from observables where report_id = ?').all(reportId) as Record<string, unknown>[];
    expect(obs.length).toBeGreaterThan(0);
    for (const o of obs) expect(o).toMatchObject({ display: o.value, details: null });
    const signals = (sql.prepare('select rule_id, data from signals where report_id = ?').all(reportId) as { rule_id: string; data: string }[]).map((s) => ({ ruleId: s.rule_id, ...JSON.parse(s.data) }));
    expect(signals.length).toBeGreaterThan(0);
    for (const s of signals) {
      expect(s.evidence).toEqual([]);
      expect(s.detail).toBeUndefined();
      expect(s.title.ja).toBeTruthy();
    }
    expect((await r.deps.cases.get(caseRef)).status).toBe('resolved');
    expect(await main(['audit', 'verify'], io)).toBe(0);

    await r.close();
    rt = null;
    expect(found(r.dir, needles)).toEqual([]);
  });
});
