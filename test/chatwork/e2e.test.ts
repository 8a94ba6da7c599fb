import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directoryJson, jsonInit, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import { API_TOKEN, chatworkReports, chatworkRuntime, EMPLOYEE, messageCreated, postWebhook, REPORT_ROOM } from './helpers.ts';

const fake = new FakeChatwork();
let rt: TestRuntime;
beforeAll(() => fake.start());
afterAll(() => fake.close());
afterEach(async () => rt?.close());

// The CEO, on a brand-new account, asks to call a number from the message (dev corpus d-001).
const FORWARDED = [
  '[To:900]kakuninさん',
  '[qt][qtmeta aid=9800811 time=1767745080]平田さん',
  '急ぎの件です。私の新しい携帯番号にすぐ電話をください。',
  '０７０－００３８－５１２９',
  '会社の番号にはかけないように。理由は後で話します。[toall][/qt]',
  '送信者: 髙嶋 宗一郎',
  '電話はまだかけていません。',
].join('\n');

describe('Chatwork end to end', () => {
  it('signed webhook → report stored (real detection) → outbox tick → the reporter gets a reply with the case ref and the ledger contact; later changes are replied too', async () => {
    rt = await chatworkRuntime(fake);
    const put = await rt.app.request('/api/directory', jsonInit('PUT', await rt.token('admin'), directoryJson()));
    expect(put.status).toBe(200);
    const before = fake.posted.length;

    const payload = messageCreated(FORWARDED);
    const messageId = payload.webhook_event.message_id;
    expect((await postWebhook(rt, payload)).status).toBe(200);
    const [report] = chatworkReports(rt);
    expect(report).toMatchObject({ sender_account_id: 9800811, sender_name: '髙嶋 宗一郎', reporter_account_id: EMPLOYEE });
    const ref = `KKN-${String(report!.case_id).padStart(6, '0')}`;
    const verdict = (rt.handle.sqlite.prepare('select verdict from reports where id = ?').get(report!.id) as { verdict: string }).verdict;
    expect(['medium', 'high']).toContain(verdict);
    expect(fake.posted.length).toBe(before); // nothing is sent from the request itself

    expect(await rt.worker.tick()).toMatchObject({ sent: 1 });
    const [reply] = fake.posted.slice(before);
    expect(reply).toMatchObject({ roomId: String(REPORT_ROOM), token: API_TOKEN, contentType: 'application/x-www-form-urlencoded' });
    const body = reply!.form.body!;
    expect(body.startsWith(`[rp aid=${EMPLOYEE} to=${REPORT_ROOM}-${messageId}]`)).toBe(true);
    expect(body).toContain(`${ref} として受け付けました`);
    expect(body).toContain('☎ 092-000-1001'); // the CEO's phone from the ledger
    expect(body).not.toMatch(/０７０|070.?0038|5129/); // never the number from the message
    expect(body).not.toContain('[toall]');
    expect(body).toContain('今すぐ行ってください');
    expect(body.indexOf('ご報告ありがとうございます')).toBeLessThan(body.indexOf('Thank you.'));

    await rt.deps.cases.act(ref, 'acknowledge', { platform: 'slack', userId: 'U1', displayName: '経理 佐藤' });
    await rt.deps.cases.act(ref, 'resolve', { platform: 'slack', userId: 'U1', displayName: '経理 佐藤' }, { resolution: 'fraud_confirmed' });
    expect(await rt.worker.tick()).toMatchObject({ sent: 2 });
    const [ack, resolved] = fake.posted.slice(before + 1).map((p) => p.form.body!);
    expect(ack).toContain(`${ref} の更新です。`);
    expect(ack).toContain('担当者が確認を始めました');
    expect(resolved).toContain('詐欺と確認されました');
    expect(resolved).toContain('☎ 092-000-1001');
    expect(ack!.startsWith(`[rp aid=${EMPLOYEE} to=${REPORT_ROOM}-${messageId}]`)).toBe(true);

    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
    // The bot's own replies come back through the room webhook: ignored, no loop.
    const echo = messageCreated(ack!, { accountId: 900 });
    expect((await postWebhook(rt, echo)).status).toBe(200);
    expect(chatworkReports(rt)).toHaveLength(1);
    expect(await rt.worker.tick()).toMatchObject({ sent: 0 });
  });
});
