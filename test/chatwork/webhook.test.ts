import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatworkBinding } from '../../adapters/chatwork/index.ts';
import { countRows, type TestRuntime } from '../helpers.ts';
import { FakeChatwork } from './fake-chatwork.ts';
import {
  ACCOUNT_TOKEN,
  BOT,
  chatworkReports,
  chatworkRuntime,
  EMPLOYEE,
  inbound,
  mentionToMe,
  messageCreated,
  nextMessageId,
  postWebhook,
  REPORT_ROOM,
  ROOM_TOKEN,
  sign,
} from './helpers.ts';

const fake = new FakeChatwork();
let rt: TestRuntime;
beforeAll(() => fake.start());
afterAll(() => fake.close());
afterEach(async () => rt?.close());

const QUOTE = '[To:900]kakuninさん\n[qt][qtmeta aid=9800811 time=1767745080]平田さん\n急ぎの件です。私の新しい携帯番号にすぐ電話をください。\n会社の番号にはかけないように。[/qt]\n送信者: 髙嶋 宗一郎';

async function ok(res: Response) {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(Buffer.byteLength(text)).toBeLessThan(2048);
  return JSON.parse(text) as Record<string, unknown>;
}

async function refused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error).toMatchObject({ code });
  expect(body.error.requestId).toBeTruthy();
}

describe('POST /webhooks/chatwork', () => {
  it('a signed quote is stored raw, then becomes a report with sender, time, note and origin; the answer is tiny', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated(QUOTE);
    const raw = JSON.stringify(payload);
    expect(await ok(await postWebhook(rt, payload, { raw }))).toEqual({ ok: true });

    const [ev, ...more] = inbound(rt);
    expect(more).toEqual([]);
    expect(ev).toMatchObject({ event_type: 'message_created', status: 'processed', raw_body: raw, event_key: `${REPORT_ROOM}:${payload.webhook_event.message_id}` });
    const [r] = chatworkReports(rt);
    expect(r).toMatchObject({
      external_id: `${REPORT_ROOM}-${payload.webhook_event.message_id}`,
      sender_account_id: 9800811,
      sender_name: '髙嶋 宗一郎',
      sent_at: '2026-01-07T00:18:00.000Z',
      reporter_account_id: EMPLOYEE,
      note: '送信者: 髙嶋 宗一郎',
    });
    expect(r!.message_body).toBe('平田さん\n急ぎの件です。私の新しい携帯番号にすぐ電話をください。\n会社の番号にはかけないように。');
    expect(JSON.parse(r!.origin!)).toEqual({ platform: 'chatwork', roomId: String(REPORT_ROOM), messageId: payload.webhook_event.message_id, accountId: String(EMPLOYEE) });
    expect(JSON.parse(ev!.result!)).toMatchObject({ status: 'processed', reports: [{ reportId: r!.id, created: true }] });
    expect(countRows(rt, 'deliveries', "kind = 'reporter.notify' and platform = 'chatwork'")).toBe(1);
  });

  it('wrong, missing or other-body signatures: 401 and nothing stored', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated(QUOTE);
    await refused(await postWebhook(rt, payload, { signature: null }), 401, 'unauthorized');
    await refused(await postWebhook(rt, payload, { token: Buffer.alloc(32, 7).toString('base64') }), 401, 'unauthorized');
    await refused(await postWebhook(rt, payload, { signature: sign(ROOM_TOKEN, JSON.stringify(payload) + ' ') }), 401, 'unauthorized');
    await refused(await postWebhook(rt, payload, { signature: 'not base64 at all' }), 401, 'unauthorized');
    // The token itself used as a plain (not base64-decoded) key is not Chatwork's scheme.
    const { createHmac } = await import('node:crypto');
    const wrongKey = createHmac('sha256', ROOM_TOKEN).update(JSON.stringify(payload)).digest('base64');
    await refused(await postWebhook(rt, payload, { signature: wrongKey }), 401, 'unauthorized');
    expect(countRows(rt, 'inbound_events')).toBe(0);
    expect(countRows(rt, 'reports')).toBe(0);
  });

  it('accepts either configured token, in the header or URL-encoded in the query', async () => {
    rt = await chatworkRuntime(fake);
    await ok(await postWebhook(rt, messageCreated(QUOTE), { token: ACCOUNT_TOKEN }));
    // A signature with + and / survives URL encoding.
    let payload = messageCreated(QUOTE);
    for (let i = 0; !/[+/]/.test(sign(ROOM_TOKEN, JSON.stringify(payload))); i++) payload = messageCreated(`${QUOTE}\n${i}`);
    await ok(await postWebhook(rt, payload, { via: 'query' }));
    await ok(await postWebhook(rt, mentionToMe(QUOTE), { token: ACCOUNT_TOKEN, via: 'query' }));
    expect(chatworkReports(rt)).toHaveLength(3);
  });

  it('a replay of the same message id does nothing new (and the mention of a message seen by the room webhook is the same event)', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated(QUOTE);
    await ok(await postWebhook(rt, payload));
    expect(await ok(await postWebhook(rt, payload))).toEqual({ ok: true, duplicate: true });
    const mention = mentionToMe(QUOTE, { roomId: REPORT_ROOM, messageId: payload.webhook_event.message_id });
    expect(await ok(await postWebhook(rt, mention, { token: ACCOUNT_TOKEN }))).toEqual({ ok: true, duplicate: true });
    expect(countRows(rt, 'inbound_events')).toBe(1);
    expect(chatworkReports(rt)).toHaveLength(1);
    expect(countRows(rt, 'deliveries', "kind = 'reporter.notify'")).toBe(1);
  });

  it('malformed JSON, non-UTF-8 and non-Chatwork shapes: 400 with the error shape, nothing stored', async () => {
    rt = await chatworkRuntime(fake);
    await refused(await postWebhook(rt, null, { raw: '{"webhook_event_type": "message_created",' }), 400, 'invalid_json');
    await refused(await postWebhook(rt, null, { raw: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }), 400, 'invalid_json');
    await refused(await postWebhook(rt, { hello: 'world' }), 422, 'validation_failed');
    const noRoom = messageCreated(QUOTE) as { webhook_event: Record<string, unknown> };
    delete noRoom.webhook_event.room_id;
    await refused(await postWebhook(rt, noRoom), 422, 'validation_failed');
    await refused(await postWebhook(rt, messageCreated(QUOTE, { messageId: '12; drop table' })), 422, 'validation_failed');
    expect(countRows(rt, 'inbound_events')).toBe(0);
  });

  it('a 1 MB body is refused with 413 before anything is read or stored', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated(`[qt][qtmeta aid=5]${'振込'.repeat(350_000)}[/qt]`);
    const raw = JSON.stringify(payload);
    expect(Buffer.byteLength(raw)).toBeGreaterThan(1_000_000);
    await refused(await postWebhook(rt, payload, { raw }), 413, 'payload_too_large');
    expect(countRows(rt, 'inbound_events')).toBe(0);
  });

  it('other event types: 200 and ignored, nothing stored', async () => {
    rt = await chatworkRuntime(fake);
    for (const type of ['message_deleted', 'room_joined', '']) {
      expect(await ok(await postWebhook(rt, { ...messageCreated(QUOTE), webhook_event_type: type }))).toEqual({ ok: true, ignored: 'event_type' });
    }
    expect(countRows(rt, 'inbound_events')).toBe(0);
  });

  it('the bot’s own messages (its replies in the report room) are stored but ignored: no report, no loop', async () => {
    rt = await chatworkRuntime(fake);
    await ok(await postWebhook(rt, messageCreated('[rp aid=1000015 to=4242-1]\n[info][title]kakunin 確認 KKN-000001[/title]…[/info]', { accountId: BOT })));
    expect(inbound(rt).map((e) => [e.status, JSON.parse(e.result!).reason])).toEqual([['ignored', 'own_message']]);
    expect(countRows(rt, 'reports')).toBe(0);
    expect(countRows(rt, 'deliveries')).toBe(0);
  });

  it('a pasted report (no quote) is a report with an unknown sender; a thank-you reply to the bot is not', async () => {
    rt = await chatworkRuntime(fake);
    await ok(await postWebhook(rt, mentionToMe('[To:900]kakuninさん\n送信者: 山田\n今日中にこの口座へ振り込んでください。誰にも言わないで。')));
    await ok(await postWebhook(rt, messageCreated('[rp aid=900 to=4242-5]kakuninさん\nありがとうございます！')));
    expect(chatworkReports(rt).map((r) => [r.sender_account_id, r.sender_name, r.message_body])).toEqual([
      [null, '山田', '今日中にこの口座へ振り込んでください。誰にも言わないで。'],
    ]);
    expect(inbound(rt).map((e) => e.status)).toEqual(['processed', 'ignored']);
  });

  it('several quotes from two senders: one report each, each answered', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated('[qt][qtmeta aid=5]LINEグループを作って[/qt][qt][qtmeta aid=6]QRコードを送って[/qt][qt][qtmeta aid=5]至急[/qt]');
    await ok(await postWebhook(rt, payload));
    const id = payload.webhook_event.message_id;
    expect(chatworkReports(rt).map((r) => [r.external_id, r.sender_account_id, r.message_body])).toEqual([
      [`${REPORT_ROOM}-${id}`, 5, 'LINEグループを作って\n\n至急'],
      [`${REPORT_ROOM}-${id}-2`, 6, 'QRコードを送って'],
    ]);
    expect(countRows(rt, 'deliveries', "kind = 'reporter.notify'")).toBe(2);
  });

  it('message_updated: ignored when the message already made a report; processed when the first version made none', async () => {
    rt = await chatworkRuntime(fake);
    const reported = messageCreated(QUOTE);
    await ok(await postWebhook(rt, reported));
    const edit = messageCreated(`${QUOTE}\n追記`, { type: 'message_updated', messageId: reported.webhook_event.message_id, updateTime: 1767744200 });
    await ok(await postWebhook(rt, edit));
    expect(chatworkReports(rt)).toHaveLength(1);
    expect(JSON.parse(inbound(rt)[1]!.result!)).toEqual({ status: 'ignored', reason: 'edit_of_reported_message' });

    const bare = messageCreated('[To:900]kakuninさん');
    await ok(await postWebhook(rt, bare));
    const completed = messageCreated(`[To:900]kakuninさん\n[qt][qtmeta aid=5]口座を変更しました[/qt]`, {
      type: 'message_updated',
      messageId: bare.webhook_event.message_id,
      updateTime: 1767744300,
    });
    await ok(await postWebhook(rt, completed));
    expect(await ok(await postWebhook(rt, completed))).toEqual({ ok: true, duplicate: true });
    expect(chatworkReports(rt).map((r) => [r.external_id, r.message_body])).toEqual([
      [`${REPORT_ROOM}-${reported.webhook_event.message_id}`, expect.any(String)],
      [`${REPORT_ROOM}-${bare.webhook_event.message_id}`, '口座を変更しました'],
    ]);
  });

  it('a processing failure after the 200 leaves the event stored and pending; the sweep makes the report later, once', async () => {
    rt = await chatworkRuntime(fake);
    const binding = rt.notifiers.chatwork as ChatworkBinding;
    rt.handle.sqlite.exec("create trigger disk_on_fire before insert on reports begin select raise(abort, 'disk on fire'); end");
    const payload = messageCreated(QUOTE);
    expect(await ok(await postWebhook(rt, payload))).toEqual({ ok: true });
    const [ev] = inbound(rt);
    expect(ev).toMatchObject({ status: 'pending', attempts: 1, last_error: 'disk on fire' });
    expect(ev!.next_attempt_at).toBeGreaterThan(rt.clock.now().getTime());
    expect(countRows(rt, 'reports')).toBe(0);

    const intake = binding.intakeFor(rt.deps);
    expect(await intake.sweep()).toBe(0); // not due yet
    rt.handle.sqlite.exec('drop trigger disk_on_fire');
    rt.clock.advance(ev!.next_attempt_at - rt.clock.now().getTime());
    expect(await intake.sweep()).toBe(1);
    expect(inbound(rt)[0]).toMatchObject({ status: 'processed', attempts: 2, last_error: null });
    expect(chatworkReports(rt)).toHaveLength(1);
    expect(await intake.sweep()).toBe(0);
    expect(chatworkReports(rt)).toHaveLength(1);
  });

  it('an event stored before a crash is processed at the next start', async () => {
    rt = await chatworkRuntime(fake);
    const payload = messageCreated(QUOTE);
    const raw = JSON.stringify(payload);
    // As if the process died between storing and processing.
    const binding = rt.notifiers.chatwork as ChatworkBinding;
    const { readEvent } = await import('../../adapters/chatwork/event.ts');
    expect(await binding.intakeFor(rt.deps).store(raw, readEvent('message_created', payload.webhook_event))).toBeGreaterThan(0);
    const dir = rt.dir;
    await rt.close();

    rt = await chatworkRuntime(fake, { dir });
    expect(inbound(rt)[0]).toMatchObject({ status: 'pending' });
    await rt.notifiers.chatwork!.start!(rt.deps);
    expect(inbound(rt)[0]).toMatchObject({ status: 'processed' });
    expect(chatworkReports(rt)).toHaveLength(1);
  });

  it('a message id of any size is kept exactly (strings, not floats)', async () => {
    rt = await chatworkRuntime(fake);
    const messageId = nextMessageId();
    await ok(await postWebhook(rt, messageCreated(QUOTE, { messageId })));
    expect(chatworkReports(rt)[0]!.external_id).toBe(`${REPORT_ROOM}-${messageId}`);
  });
});
