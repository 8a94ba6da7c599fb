/**
 * Searching cases by what people type: an account as written in a message, its number alone, a
 * phone number in any common spelling, a sender's account id; not only the stored canonical form.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listCases } from '../../src/cases/queries.ts';
import { caseSearchSchema, searchCases } from '../../src/web/data/case-search.ts';
import type { TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, submit } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

describe('observable search', () => {
  it('finds a case by the account as written, its number alone, a phone in any spelling, and the sender id', async () => {
    rt = await consoleRuntime();
    const withAccount = await submit(rt, {
      message: { body: '至急、楽天銀行 第一営業支店 普通 7012345 カ）ミナトシヨウジ へ本日中に振り込んでください。', sender: { name: '総務 佐伯', accountId: 8200001 } },
    });
    const withPhone = await submit(rt, {
      message: { body: 'この件は会社の電話ではなく、私の携帯 045-600-7788 に折り返してください。', sender: { name: '営業 灰谷', accountId: 8200002 } },
    });
    await submit(rt, { message: { body: 'LINEグループを作ってQRコードを送ってください。', sender: { name: '社長', accountId: 8200003 } } });

    const find = async (observable: string) => (await searchCases(rt!.handle.db, caseSearchSchema.parse({ observable }))).rows.map((r) => r.ref);
    expect(await find('7012345')).toEqual([withAccount]);
    expect(await find('７０１２３４５')).toEqual([withAccount]);
    expect(await find('楽天銀行 第一営業支店 普通 7012345')).toEqual([withAccount]);
    expect(await find('楽天銀行 第一営業支店（普通 7012345）')).toEqual([withAccount]);
    expect(await find('口座番号 7012345')).toEqual([withAccount]);
    expect(await find('045-600-7788')).toEqual([withPhone]);
    expect(await find('０４５（６００）７７８８')).toEqual([withPhone]);
    expect(await find('+81 45 600 7788')).toEqual([withPhone]);
    expect(await find('8200002')).toEqual([withPhone]);
    expect(await find('7012346')).toEqual([]);
    expect(await find('6007789')).toEqual([]);
    // The API's list uses the same condition.
    expect((await listCases(rt.handle.db, { observable: '045-600-7788', limit: 50 })).cases.map((c) => c.ref)).toEqual([withPhone]);

    const b = new Browser(rt.app);
    await b.signIn('viewer');
    await b.get(`/cases?observable=${encodeURIComponent('楽天銀行 第一営業支店 普通 7012345')}`);
    expect(b.last).toContain(`href="/cases/${withAccount}"`);
    expect(b.last).not.toContain(`href="/cases/${withPhone}"`);
  });
});
