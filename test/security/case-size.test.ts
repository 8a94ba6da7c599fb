/**
 * Issue 15, item 10, performed against the app on a SQLite file: big message bodies through every
 * way in, one case fed 30 big reports and then read whole, and hostile text far longer than any
 * card shows handed to the card and reply builders.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { echoHostile, escapeChatwork } from '../../adapters/chatwork/escape.ts';
import { buildReply } from '../../adapters/chatwork/reply.ts';
import { fitPieces } from '../../adapters/defuse.ts';
import { buildCardMessage } from '../../adapters/slack/blocks.ts';
import { escapePieces as slackPieces, fitMrkdwn, fitPlain } from '../../adapters/slack/escape.ts';
import { buildTeamsCard } from '../../adapters/teams/card.ts';
import { escapePieces as teamsPieces, fitCardText } from '../../adapters/teams/escape.ts';
import { MAX_MESSAGE_BODY_BYTES } from '../../src/domain/report.ts';
import { FakeChatwork } from '../chatwork/fake-chatwork.ts';
import { chatworkRuntime, inbound, messageCreated, postWebhook } from '../chatwork/helpers.ts';
import { countRows, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime } from '../web/helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});
const fake = new FakeChatwork();
beforeAll(() => fake.start());
afterAll(() => fake.close());

const SENDER = { accountId: 9800811, name: '髙嶋 宗一郎' };
/** `bytes` of UTF-8 made of three-byte Japanese characters (and ASCII to make up the rest). */
const japanese = (bytes: number) => '至急振込'.repeat(Math.floor(bytes / 12)) + 'x'.repeat(bytes % 12);
type ErrorBody = { error: { code: string; message: string; fields: { path: string; message: string }[] } };

describe('item 10: a message body is capped at 64 KB at intake, the same way everywhere', () => {
  it('API: 64 KB is accepted; one byte more is a 422 naming message.body and the cap, and stores nothing', async () => {
    rt = await testRuntime();
    const token = await rt.token('intake');
    const post = (body: string) => rt!.app.request('/api/reports', jsonInit('POST', token, { message: { body, sender: SENDER } }));
    expect((await post(japanese(MAX_MESSAGE_BODY_BYTES))).status).toBe(201);
    for (const body of [japanese(MAX_MESSAGE_BODY_BYTES + 1), japanese(900_000)]) {
      const res = await post(body);
      expect(res.status).toBe(422);
      const err = ((await res.json()) as ErrorBody).error;
      expect(err.fields.map((f) => f.path)).toEqual(['message.body']);
      expect(err.message).toContain('64 KB');
    }
    const note = await rt.app.request('/api/reports', jsonInit('POST', token, { message: { body: '至急', sender: SENDER }, note: 'x'.repeat(MAX_MESSAGE_BODY_BYTES + 1) }));
    expect(note.status).toBe(422);
    expect(countRows(rt, 'reports')).toBe(1);
  });

  it('the console form answers 422 with the same words', async () => {
    rt = await consoleRuntime();
    const me = new Browser(rt.app);
    await me.signIn('viewer');
    await me.get('/report');
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(me.last)![1]!;
    const res = await me.post('/report', { body: japanese(100_000), approved: 'unknown', submissionId });
    expect(res.status).toBe(422);
    expect(me.last).toContain('64 KB');
    expect(countRows(rt, 'reports')).toBe(0);
  });

  it('the Chatwork webhook answers 422 naming webhook_event.body, and stores neither the event nor a report', async () => {
    rt = await chatworkRuntime(fake);
    const res = await postWebhook(rt, messageCreated(`[qt][qtmeta aid=9800811 time=1767745080]${japanese(100_000)}[/qt]`));
    expect(res.status).toBe(422);
    const err = ((await res.json()) as ErrorBody).error;
    expect(err.fields.map((f) => f.path)).toEqual(['webhook_event.body']);
    expect(err.message).toContain('64 KB');
    expect(inbound(rt)).toEqual([]);
    expect(countRows(rt, 'reports')).toBe(0);
  });
});

describe('item 10: a big case is read a page of reports at a time', () => {
  it('30 reports of 60 KB on one case: GET /api/cases/:ref answers 20 with a cursor, the next page the other 10', async () => {
    rt = await testRuntime();
    const intake = await rt.token('intake');
    let ref = '';
    for (let i = 0; i < 30; i++) {
      const res = await rt.app.request('/api/reports', jsonInit('POST', intake, { message: { body: `${i} ${japanese(60_000)}`, sender: SENDER } }));
      expect(res.status).toBe(201);
      ref = ((await res.json()) as { caseRef: string }).caseRef;
    }
    const reader = await rt.token('respond');
    type Detail = { reportCount: number; reports: { id: number }[]; signals: { reportId: number }[]; observables: { reportId: number }[]; nextReportsCursor: number | null; reportsSkipped: number };
    const read = async (q = '') => {
      const res = await rt!.app.request(`/api/cases/${ref}${q}`, jsonInit('GET', reader));
      const text = await res.text();
      return { status: res.status, bytes: Buffer.byteLength(text), d: JSON.parse(text) as Detail };
    };
    const first = await read();
    expect(first.status).toBe(200);
    expect(first.d.reportCount).toBe(30);
    expect(first.d.reports).toHaveLength(20);
    expect(first.bytes).toBeLessThan(21 * 2 * MAX_MESSAGE_BODY_BYTES);
    const onFirst = new Set(first.d.reports.map((r) => r.id));
    expect(first.d.signals.every((s) => onFirst.has(s.reportId))).toBe(true);
    expect(first.d.observables.every((o) => onFirst.has(o.reportId))).toBe(true);
    const second = await read(`?reportsCursor=${first.d.nextReportsCursor}`);
    expect(second.d.reports).toHaveLength(10);
    expect(second.d.reportsSkipped).toBe(20);
    expect(second.d.nextReportsCursor).toBeNull();
    expect(new Set([...onFirst, ...second.d.reports.map((r) => r.id)]).size).toBe(30);
    expect((await read('?reportsLimit=5')).d.reports).toHaveLength(5);
    expect((await read('?reportsLimit=1000')).status).toBe(422);

  });

  it('the console case page shows 20 reports and links to the next ones', async () => {
    rt = await consoleRuntime();
    const intake = await rt.token('intake');
    let ref = '';
    for (let i = 0; i < 25; i++) {
      const res = await rt.app.request('/api/reports', jsonInit('POST', intake, { message: { body: `報告 本文 ${i} 至急振込`, sender: SENDER } }));
      ref = ((await res.json()) as { caseRef: string }).caseRef;
    }
    const me = new Browser(rt.app);
    await me.signIn('viewer');
    expect((await me.get(`/cases/${ref}`)).status).toBe(200);
    expect(me.last.match(/id="report-\d+"/g)).toHaveLength(20);
    const next = /href="(\/cases\/KKN-\d+\?after=\d+)"/.exec(me.last)![1]!;
    await me.get(next);
    expect(me.last.match(/id="report-\d+"/g)).toHaveLength(5);
    expect(me.last).toContain('報告 21');
    expect(me.last).toContain('本文 24');
    expect(me.last).not.toContain('本文 19 ');
  });
});

describe('item 10: text is cut before it is escaped for a card or a reply', () => {
  it('cutting first changes nothing a card shows: same output as escaping the whole text (Slack, Teams)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '&', '<', '*', ':', '.', '\r', '\n', '\r\n', ' ', '-', '漢', '😀', '\u202e', '\u0007'), maxLength: 600 });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 120 }), (t, max) => {
        expect(fitMrkdwn(t, max)).toBe(fitPieces(slackPieces(t), max));
        expect(fitCardText(t, max)).toBe(fitPieces(teamsPieces(t), max));
        const plain = Array.from(t);
        let out = '';
        for (const ch of plain) {
          if (out.length + ch.length > max - 1) break;
          out += ch;
        }
        expect(fitPlain(t, max)).toBe(t.length <= max ? t : `${out}…`);
      }),
      { numRuns: 300 },
    );
  });

  it('Chatwork: a text up to what is read escapes as before; a longer one shows only its start and never a cut-off number', () => {
    const short = '[toall] 至急\n\n０７０－００３８－５１２９ に電話 https://evil.example/x';
    expect(escapeChatwork(short, 200)).toBe('［toall］ 至急 ０７０－００３８－５１２９ に電話 https://evil.example/x');
    expect(echoHostile(short, 200)).toBe('［toall］ 至急 ＜番号省略＞ に電話 ＜リンク省略＞');
    // A digit run that the read limit (4·max + 64 = 104 for max 10) cuts to five digits: gone, not shown half-masked.
    const straddling = `${' '.repeat(99)}07012345678${'x'.repeat(2_000_000)}`;
    expect(echoHostile(straddling, 10)).toBe('');
    const lead = `前置き${' '.repeat(95)}0701234567890${'[toall]'.repeat(300_000)}`;
    const shown = echoHostile(lead, 10);
    expect(shown).not.toMatch(/\d/);
    expect(shown).not.toContain('[');
    const cut = escapeChatwork('[toall]'.repeat(300_000), 50);
    expect([...cut]).toHaveLength(50);
    expect(cut.startsWith('［toall］［toall］')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('a stored 4 MB body (from before the cap) still makes bounded cards and replies with none of its tail', async () => {
    rt = await testRuntime();
    const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), { message: { body: '至急', sender: SENDER } }));
    const { caseRef, reportId } = (await res.json()) as { caseRef: string; reportId: number };
    const huge = `至急この口座へ ${'[toall] '.repeat(500_000)}TAIL-MARKER`;
    rt.handle.sqlite.prepare('update reports set message_body = ? where id = ?').run(huge, reportId);
    const card = await rt.deps.cases.card(caseRef);
    expect(card.message.body.length).toBe(huge.length);
    const reply = buildReply(card, { platform: 'chatwork', roomId: '1', messageId: '2', accountId: '3' }, 'received');
    const slack = JSON.stringify(buildCardMessage(card, { mentionHigh: 'none' }));
    const teams = JSON.stringify(buildTeamsCard(card));
    for (const out of [reply, slack, teams]) {
      expect(out.length).toBeLessThan(40_000);
      expect(out).not.toContain('TAIL-MARKER');
      expect(out).toContain('至急この口座へ');
    }
    expect(reply).not.toContain('[toall]');
  });
});
