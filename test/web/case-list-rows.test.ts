/**
 * Every row of the case list shows its own case: sender, id and excerpt come from that case's
 * first report (a correlated subquery that once compared reports.case_id with reports.id).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { caseSearchSchema, searchCases } from '../../src/web/data/case-search.ts';
import { listCases } from '../../src/cases/queries.ts';
import type { TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, submit } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const SENDERS = [
  { name: '北条 早苗', accountId: 7100001, body: '北条です。至急、下記の口座に本日中に振り込んでください。三井住友銀行 梅田支店 普通 4455667' },
  { name: '久我 透', accountId: 7100002, body: '久我です。LINEグループを作成してQRコードを送ってください。' },
  { name: '真柴 陽介', accountId: 7100003, body: '真柴です。会社の口座残高を教えてください。至急です。' },
  { name: '宇佐美 環', accountId: 7100004, body: '宇佐美です。Amazonギフトカードを5万円分購入して番号を送ってください。' },
];

describe('case list rows', () => {
  it('each row shows the sender, id and text of its own case, in the data, the API and the page', async () => {
    rt = await consoleRuntime();
    // Reports from other senders first, so case ids and report ids differ.
    const refs: string[] = [];
    for (const s of SENDERS) {
      refs.push(await submit(rt, { message: { body: s.body, sender: { name: s.name, accountId: s.accountId } } }));
    }
    // A second report on the first case shifts the report ids further from the case ids.
    await submit(rt, { message: { body: `${SENDERS[0]!.body} 再送`, sender: { name: SENDERS[0]!.name, accountId: SENDERS[0]!.accountId } } });
    expect(new Set(refs).size).toBe(SENDERS.length);

    const { rows } = await searchCases(rt.handle.db, caseSearchSchema.parse({ sort: 'oldest' }));
    expect(rows.map((r) => r.ref)).toEqual(refs);
    rows.forEach((r, i) => {
      expect(r.senderName).toBe(SENDERS[i]!.name);
      expect(r.senderAccountId).toBe(SENDERS[i]!.accountId);
      expect(r.excerpt).toBe(SENDERS[i]!.body.slice(0, 120));
    });

    // Text search and the API's list narrow to the right case.
    const byText = await searchCases(rt.handle.db, caseSearchSchema.parse({ q: 'QRコード' }));
    expect(byText.rows.map((r) => r.ref)).toEqual([refs[1]]);
    expect((await listCases(rt.handle.db, { q: '残高', limit: 50 })).cases.map((c) => c.ref)).toEqual([refs[2]]);

    const b = new Browser(rt.app);
    await b.signIn('viewer');
    await b.get('/cases?sort=oldest');
    const trs = b.last.split('<tr>').slice(2);
    expect(trs).toHaveLength(SENDERS.length);
    trs.forEach((tr, i) => {
      expect(tr).toContain(refs[i]);
      expect(tr).toContain(SENDERS[i]!.name);
      expect(tr).toContain(String(SENDERS[i]!.accountId));
      for (const other of SENDERS.filter((_, j) => j !== i)) expect(tr).not.toContain(other.name);
    });
  });
});
