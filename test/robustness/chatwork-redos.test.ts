/**
 * Issue 15, item 4: a long Chatwork message froze the server. `/[ \t]+\n/g` and `/\s+$/g` in the
 * parser retried their run of spaces from every start position (240,000 spaces: 30 s with the
 * event loop blocked, /healthz waiting); quotes were grouped by copying an array per quote, and a
 * [qtmeta] after a run of spaces rescanned it each time. These tests perform those attacks:
 * - through the signed webhook, on a real runtime (the old parser does not finish within the
 *   test's time limit: that is how it fails, no timing is asserted here);
 * - on the parser, showing the work is bounded: a message longer than MAX_PARSED_CHARS parses
 *   exactly like its first MAX_PARSED_CHARS, however long it is;
 * - and the hand-written trimming (adapters/chatwork/text.ts) says what the regexes said, on any
 *   small input (fast-check), so nothing but the running time changed.
 * redos-detector over every regex of the code base is test/robustness/redos-sweep.test.ts.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PARSED_CHARS, parseChatworkBody, toReports } from '../../adapters/chatwork/parse.ts';
import { collapseBlankLines, cutAt, findSenderLine, tidyLines, trimQuoteBody } from '../../adapters/chatwork/text.ts';
import type { TestRuntime } from '../helpers.ts';
import { FakeChatwork } from '../chatwork/fake-chatwork.ts';
import { BOT, chatworkReports, chatworkRuntime, inbound, messageCreated, postWebhook } from '../chatwork/helpers.ts';

const ME = 42;
const parse = (body: string) => parseChatworkBody(body, BOT);

/** The shapes, each far longer than what is parsed. */
const ATTACKS: Record<string, string> = {
  'spaces without a line break (/[ \\t]+\\n/)': 'メモ' + ' '.repeat(240_000) + 'x',
  'spaces inside a quote, not at its end (/\\s+$/)': '[qt][qtmeta aid=5]振込' + ' '.repeat(240_000) + 'x[/qt]',
  'ideographic spaces and tabs': '[qt]' + '　\t'.repeat(120_000) + '送金[/qt]',
  'a sender line followed by spaces': '送信者: 山田' + ' '.repeat(240_000) + '太郎',
  'many quotes of one sender (grouping)': '[qt][qtmeta aid=5]a[/qt]'.repeat(20_000),
  '[qtmeta] after a run of spaces': '[qt]' + ' '.repeat(100_000) + 'x' + '[qtmeta aid=1]'.repeat(10_000) + '[/qt]',
  'line breaks and spaces alternating': ' \n'.repeat(120_000) + 'x',
};

describe('Chatwork parser: hostile sizes', () => {
  it.each(Object.entries(ATTACKS))('%s: only the first MAX_PARSED_CHARS are read (the parse is bounded)', (_name, body) => {
    expect(body.length).toBeGreaterThan(MAX_PARSED_CHARS * 2);
    const whole = parse(body);
    const prefix = parse(cutAt(body, MAX_PARSED_CHARS));
    expect(whole.truncated).toBe(true);
    expect(prefix.truncated).toBe(false);
    expect({ ...whole, truncated: false }).toEqual(prefix);
    // Doubling the input changes nothing: the work does not grow with what lies past the cap.
    expect(parse(body + body)).toEqual(whole);
  });

  it('the parsed result of each shape is right, not just fast', () => {
    const spaces = parse(ATTACKS['spaces inside a quote, not at its end (/\\s+$/)']!);
    expect(spaces.quotes).toHaveLength(1);
    expect(spaces.quotes[0]!.body).toBe('振込'); // unclosed at the cap: runs to the end, trailing spaces trimmed
    // Thousands of quotes of one sender are one report (the quote cut at the cap has no sender: a second one).
    const many = toReports(parse(ATTACKS['many quotes of one sender (grouping)']!), ME, BOT);
    if (many.kind !== 'reports') throw new Error('expected reports');
    expect(many.reports.map((r) => r.message.sender?.accountId)).toEqual([5, null]);
    expect(many.reports[0]!.message.body).toBe(Array.from({ length: Math.floor(MAX_PARSED_CHARS / 24) }, () => 'a').join('\n\n'));
    expect(parse(ATTACKS['a sender line followed by spaces']!).senderName).toBe('山田');
    expect(parse(ATTACKS['[qtmeta] after a run of spaces']!).quotes[0]!.accountId).toBeNull();
    expect(toReports(parse(' '.repeat(240_000)), ME, BOT)).toEqual({ kind: 'ignored', reason: 'empty' });
  });

  it('a message just under the cap is parsed whole', () => {
    const body = '[qt][qtmeta aid=5]' + 'あ'.repeat(MAX_PARSED_CHARS - 30) + '[/qt]';
    expect(body.length).toBeLessThanOrEqual(MAX_PARSED_CHARS);
    expect(parse(body)).toMatchObject({ truncated: false, quotes: [{ accountId: 5 }] });
  });
});

describe('the hand-written trimming says what the regexes said', () => {
  const OLD_SENDER_LINE = /^[ \t　]*(?:送信者|差出人|送り主|発信者|sender|from)[ \t　]*[:：][ \t　]*([^\n]{1,80}?)[ \t　]*$/im;
  const piece = fc.constantFrom(' ', '\t', '\n', '　', '\r', '\u00a0', 'a', 'あ', '送信者', 'From', ':', '：', 'x'.repeat(81));
  const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

  it('trimQuoteBody = .replace(/^\\n+|\\s+$/g, "")', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(trimQuoteBody(s)).toBe(s.replace(/^\n+|\s+$/g, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('tidyLines = .replace(/[ \\t]+\\n/g, "\\n").replace(/\\n{3,}/g, "\\n\\n").trim()', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(tidyLines(s)).toBe(s.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('collapseBlankLines = .replace(/\\n{3,}/g, "\\n\\n").trim()', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(collapseBlankLines(s)).toBe(s.replace(/\n{3,}/g, '\n\n').trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('findSenderLine finds the name the old multi-line regex found (lines without \\r)', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const s = raw.replaceAll('\r', '');
        const old = OLD_SENDER_LINE.exec(s);
        expect(findSenderLine(s)?.name ?? null).toBe(old ? old[1]!.trim() || null : null);
        expect(findSenderLine(s) !== null).toBe(old !== null);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the attack through the webhook', () => {
  const fake = new FakeChatwork();
  let rt: TestRuntime | undefined;
  beforeAll(() => fake.start());
  afterAll(() => fake.close());
  afterEach(async () => {
    await rt?.close();
    rt = undefined;
  });

  it('a quote padded up to the 64 KB cap with spaces is answered 200 and stored as the right report', async () => {
    rt = await chatworkRuntime(fake);
    // A backtracking parser is quadratic on this; the linear one reads it in one pass.
    const body = '[qt][qtmeta aid=555 time=1767744000]振込先を変更しました' + ' '.repeat(60_000) + 'x[/qt]';
    const res = await postWebhook(rt, messageCreated(body));
    expect(res.status).toBe(200);
    const [ev] = inbound(rt);
    expect(ev).toMatchObject({ status: 'processed' });
    expect(JSON.parse(ev!.raw_body).webhook_event.body).toBe(body); // the whole event is kept
    const [r] = chatworkReports(rt);
    expect(r).toMatchObject({ sender_account_id: 555 });
    expect(r!.message_body.startsWith('振込先を変更しました')).toBe(true);
    expect(r!.message_body.endsWith('x')).toBe(true); // the quote was read to its end
    expect((await rt.app.request('/healthz')).status).toBe(200);
  });

  it('a quote padded past the cap (240,000 spaces) is refused 422 naming the field, and nothing is stored', async () => {
    rt = await chatworkRuntime(fake);
    const body = '[qt][qtmeta aid=555 time=1767744000]振込先を変更しました' + ' '.repeat(240_000) + 'x[/qt]';
    const res = await postWebhook(rt, messageCreated(body));
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('webhook_event.body');
    expect(chatworkReports(rt)).toHaveLength(0);
    expect((await rt.app.request('/healthz')).status).toBe(200);
  });
});
