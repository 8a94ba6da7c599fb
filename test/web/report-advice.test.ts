/**
 * The web form's result page gives advice that matches the verdict (src/domain/advice.ts, the same
 * module as the Chatwork reply): a genuine partner's invoice is not told to remove the partner, and
 * "legal/IT were notified" appears only when a card was queued for people.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { senderIdOf } from '../../src/web/pages/report.tsx';
import type { TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const LEDGER = {
  organization: { name: '株式会社あおば冷機', domain: 'aoba-reiki.example.jp' },
  people: [
    { name: '榊原 修一', kana: 'サカキバラ シュウイチ', role: '代表取締役', executive: true, chatworkAccountId: 6100001, email: 's.sakakibara@aoba-reiki.example.jp', phone: '022-000-6001' },
    { name: '戸川 美奈', kana: 'トガワ ミナ', role: '経理課長', executive: false, chatworkAccountId: 6100002, email: 'm.togawa@aoba-reiki.example.jp', phone: '022-000-6002' },
  ],
  counterparties: [
    {
      company: '有限会社北斗空調サービス',
      contactName: '三宅 亮',
      chatworkAccountId: 6200001,
      email: 'miyake@hokuto-ac.example.jp',
      phone: '022-000-7001',
      bankAccounts: [{ bank: '七十七銀行', branch: '泉支店', type: '普通', number: '3344556', holder: 'ﾕ)ﾎｸﾄｸｳﾁﾖｳｻｰﾋﾞｽ' }],
    },
  ],
};

async function report(b: Browser, fields: Record<string, string>): Promise<string> {
  await b.get('/report');
  const submissionId = /name="submissionId" value="([^"]+)"/.exec(b.last)![1]!;
  const res = await b.post('/report', { approved: 'unknown', note: '', submissionId, ...fields });
  expect(res.status).toBe(201);
  return b.last;
}

describe('advice on the report result page', () => {
  it('a genuine partner invoice (none): what was checked, verify via the ledger if in doubt, no removal, no "notified" without a card', async () => {
    // Cards only from medium up: a none verdict queues nothing for people.
    rt = await consoleRuntime({ NOTIFY_MIN_VERDICT: 'medium' });
    await rt.deps.directory.replace(LEDGER as never, rt.clock.now());
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    const page = await report(b, {
      body: '北斗空調サービスの三宅です。いつもお世話になっております。\n先月分の定期点検費用の請求書をお送りします。お支払いはいつもの口座へ月末までにお願いいたします。',
      senderName: '三宅 亮',
      senderId: '6200001',
    });
    expect(page).toContain('id="checked"');
    expect(page).toContain('照合しました');
    expect(page).not.toMatch(/コンタクトから削除|退出|今すぐ行ってください/);
    expect(page).not.toContain('通知しました');
    expect(page).toContain('まだ不安が残る場合は');
  });

  it('an impostor of the president (high): the checklist, the reasons, the ledger contact to call, and "notified" because a card went to the inbox', async () => {
    rt = await consoleRuntime();
    await rt.deps.directory.replace(LEDGER as never, rt.clock.now());
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    const page = await report(b, {
      body: '榊原です。至急、本日中に下記口座へ300万円を振り込んでください。この件は他の人には言わないように。\nゆうちょ銀行 〇一八店 普通 9988776 ヤマダ タロウ',
      senderName: '榊原 修一',
      senderId: '[To:9911223]榊原さん',
      approved: 'today',
    });
    expect(page).toContain('今すぐ行ってください');
    expect(page).toContain('id="reasons"');
    expect(page).toContain('榊原 修一（代表取締役） ☎ 022-000-6001 / ✉ s.sakakibara@aoba-reiki.example.jp');
    expect(page).toContain('法務・情報システム担当に通知しました。');
    expect(page).not.toContain('id="checked"');
    // The [To:…] notation pasted into the id field gave the number.
    const d = await rt.deps.cases.get(/KKN-\d{6}/.exec(page)![0]);
    expect((d.reports[0]!.report as { message: { sender: { accountId: number } } }).message.sender.accountId).toBe(9911223);
  });

  it('through the public report link: a receipt and the general steps, never the verdict, reasons, a ledger contact or "notified"', async () => {
    rt = await consoleRuntime();
    await rt.deps.directory.replace(LEDGER as never, rt.clock.now());
    const admin = new Browser(rt.app);
    await admin.signIn('admin');
    await admin.get('/admin');
    await admin.post('/admin/report-link/rotate', {});
    const link = new URL(/id="secret">([^<]+)</.exec(admin.last)![1]!.trim());
    const anon = new Browser(rt.app);
    await anon.get(`${link.pathname}${link.search}`);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(anon.last)![1]!;
    const res = await anon.post(`${link.pathname}${link.search}`, {
      body: '榊原です。至急、本日中に下記口座へ300万円を振り込んでください。この件は他の人には言わないように。',
      senderName: '榊原 修一',
      senderId: '9911223',
      approved: 'today',
      reporterName: '匿名',
      note: '',
      submissionId,
    });
    expect(res.status).toBe(201);
    expect(anon.last).toMatch(/R-\d{6}/);
    expect(anon.last).not.toMatch(/KKN-\d{6}|id="reasons"|022-000-6001|s\.sakakibara|通知しました|なりすまし詐欺の可能性が高い/);
    expect(anon.last).toContain('最近承認したばかりの相手なら');
  });

  it('the sender id accepts what an employee can copy: digits (full-width too), [To:…], aid=…; other text is refused by validation', () => {
    expect(senderIdOf('９９１１２２３')).toBe('9911223');
    expect(senderIdOf('[To:9911223]榊原さん')).toBe('9911223');
    expect(senderIdOf('[rp aid=9911223 to=1-2]')).toBe('9911223');
    expect(senderIdOf('  ')).toBeUndefined();
    expect(senderIdOf('tanaka_taro')).toBe('tanaka_taro');
  });
});
