import { describe, expect, it } from 'vitest';
import { MAX_REPORTS_PER_MESSAGE, parseChatworkBody, toReports } from '../../adapters/chatwork/parse.ts';

const BOT = 900;
const ME = 42;
const reportsOf = (body: string) => {
  const out = toReports(parseChatworkBody(body, BOT), ME, BOT);
  if (out.kind !== 'reports') throw new Error(`ignored: ${out.reason}`);
  return out.reports;
};

describe('Chatwork notation → reports', () => {
  it('a quote is the suspicious message: sender = aid, sent at = time; text outside minus [To:bot] is the note', () => {
    const [r, ...rest] = reportsOf('[To:900]kakuninさん\n[qt][qtmeta aid=555 time=1767744000]至急LINEグループを作ってQRを送ってください[/qt]\n社長を名乗っています');
    expect(rest).toEqual([]);
    expect(r).toEqual({
      message: { body: '至急LINEグループを作ってQRを送ってください', sender: { accountId: 555, name: null }, sentAt: '2026-01-07T00:00:00.000Z' },
      reporter: { accountId: ME, name: null },
      note: '社長を名乗っています',
    });
  });

  it('a quote without time (or without qtmeta) has no sent time / no sender id', () => {
    expect(reportsOf('[qt][qtmeta aid=7]振込先を変更しました[/qt]')[0]!.message).toMatchObject({ sender: { accountId: 7 }, sentAt: null });
    expect(reportsOf('[qt]振込先を変更しました[/qt]')[0]!.message).toMatchObject({ sender: { accountId: null }, sentAt: null });
  });

  it('nested quotes stay inside the outer message, verbatim; the outer qtmeta is the sender', () => {
    const body = '[qt][qtmeta aid=555 time=1767744000]これを見て[qt][qtmeta aid=1000001 time=1767740000]例の件お願いします[/qt]今日中に振り込んで[/qt]';
    const [r, ...rest] = reportsOf(body);
    expect(rest).toEqual([]);
    expect(r!.message.sender?.accountId).toBe(555);
    expect(r!.message.body).toBe('これを見て[qt][qtmeta aid=1000001 time=1767740000]例の件お願いします[/qt]今日中に振り込んで');
  });

  it('several quotes of one sender make ONE report (the conversation); different senders one report each', () => {
    const one = reportsOf('[qt][qtmeta aid=5 time=1767744000]LINEで話しましょう[/qt][qt][qtmeta aid=5 time=1767744060]QRを送って[/qt]');
    expect(one).toHaveLength(1);
    expect(one[0]!.message).toMatchObject({ body: 'LINEで話しましょう\n\nQRを送って', sender: { accountId: 5 }, sentAt: '2026-01-07T00:00:00.000Z' });

    const two = reportsOf('[qt][qtmeta aid=5]A1[/qt]\n[qt][qtmeta aid=6]B1[/qt]\n[qt][qtmeta aid=5]A2[/qt]\nどちらも怪しい');
    expect(two.map((r) => [r.message.sender?.accountId, r.message.body, r.note])).toEqual([
      [5, 'A1\n\nA2', 'どちらも怪しい'],
      [6, 'B1', 'どちらも怪しい'],
    ]);
  });

  it(`at most ${MAX_REPORTS_PER_MESSAGE} reports from one message`, () => {
    const body = Array.from({ length: 15 }, (_, i) => `[qt][qtmeta aid=${100 + i}]m${i}[/qt]`).join('');
    const rs = reportsOf(body);
    expect(rs).toHaveLength(MAX_REPORTS_PER_MESSAGE);
    expect(rs.at(-1)!.message.body).toBe(['m9', 'm10', 'm11', 'm12', 'm13', 'm14'].join('\n\n'));
  });

  it('no quote: a pasted report, sender unknown; a 送信者 line names the sender and is not part of the message', () => {
    const [r] = reportsOf('[To:900]kakuninさん\n送信者: 山田 太郎\n至急、以下の口座に振り込んでください。\n○○銀行 本店 普通 1234567');
    expect(r).toEqual({
      message: { body: '至急、以下の口座に振り込んでください。\n○○銀行 本店 普通 1234567', sender: { accountId: null, name: '山田 太郎' }, sentAt: null },
      reporter: { accountId: ME, name: null },
      note: null,
    });
  });

  it('a 送信者 line in the note names the sender of a single quoted sender', () => {
    const [r] = reportsOf('[qt][qtmeta aid=9800811]今すぐ電話ください[/qt]\n送信者：髙嶋 宗一郎\n電話はまだかけていません');
    expect(r!.message.sender).toEqual({ accountId: 9800811, name: '髙嶋 宗一郎' });
    expect(r!.note).toBe('送信者：髙嶋 宗一郎\n電話はまだかけていません');
  });

  it('mentions of other people stay in the note; only the bot mention and its name go', () => {
    const [r] = reportsOf('[To:900]kakuninさん [To:31]部長\n[qt][qtmeta aid=5]x[/qt]');
    expect(r!.note).toBe('[To:31]部長');
  });

  it('ignores an empty message, a bare mention, a thank-you reply to the bot, and a quote of the bot itself', () => {
    const ignored = (b: string) => toReports(parseChatworkBody(b, BOT), ME, BOT);
    expect(ignored('   ')).toEqual({ kind: 'ignored', reason: 'empty' });
    expect(ignored('[To:900]kakuninさん')).toEqual({ kind: 'ignored', reason: 'empty' });
    expect(ignored('[rp aid=900 to=4242-123]kakuninさん\nありがとうございます')).toEqual({ kind: 'ignored', reason: 'reply_to_bot' });
    expect(ignored('[qt][qtmeta aid=900]kakunin 確認 KKN-000001[/qt]')).toEqual({ kind: 'ignored', reason: 'quotes_bot' });
    expect(ignored('[qt][qtmeta aid=5][/qt]')).toEqual({ kind: 'ignored', reason: 'empty' });
  });

  it('a reply to the bot that quotes something is still a report', () => {
    expect(reportsOf('[rp aid=900 to=4242-123]kakuninさん\nこれも\n[qt][qtmeta aid=5]送金して[/qt]')).toHaveLength(1);
  });

  it('an unclosed quote runs to the end; a stray [/qt] is text', () => {
    expect(reportsOf('メモ [qt][qtmeta aid=5]送金して')[0]!.message.body).toBe('送金して');
    const [r] = reportsOf('[/qt] 至急振込');
    expect(r!.message.body).toBe('[/qt] 至急振込');
  });

  it('brackets that are not notation are text, and the scan stays linear on hostile input', () => {
    expect(reportsOf('[重要] [qt 5] 至急')[0]!.message.body).toBe('[重要] [qt 5] 至急');
    const hostile = '[qt]'.repeat(50_000) + '['.repeat(100_000) + 'x';
    // Finishing within the test's timeout is the check (no milliseconds asserted: speed is npm run bench's job).
    const out = toReports(parseChatworkBody(hostile, BOT), ME, BOT);
    expect(out.kind).toBe('reports');
  });
});
