/**
 * Property-based tests (fast-check) of every parser that reads hostile text: Chatwork notation
 * (adapters/chatwork/parse.ts), the detection text layer (prepareText), observables (bank
 * accounts, phone numbers, URLs, e-mail, LINE ids, amounts) and the whole engine. For any input:
 * no exception, results within their contracts, and bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REPORTS_PER_MESSAGE, parseChatworkBody, toReports } from '../../adapters/chatwork/parse.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { bankAccountValue, canonicalUrl, extractObservables, normaliseBankName, phoneValue } from '../../src/detection/observables.ts';
import { prepareText } from '../../src/detection/text.ts';
import { directorySchema } from '../../src/domain/directory.ts';
import { reportSchema } from '../../src/domain/report.ts';
import { directoryJson } from '../helpers.ts';
import { HOSTILE_STRINGS } from './hostile-strings.ts';

const detect = createDetector(ruleSet);

const BOT = 900;

/** Pieces that look like Chatwork notation, numbers, banks, phones and links, plus noise. */
const fragment = fc.oneof(
  fc.constantFrom(
    '[qt]', '[/qt]', '[qtmeta aid=555 time=1767744000]', '[qtmeta aid=900]', '[qtmeta aid=x]', '[To:900]', '[To:123456]', '[rp aid=900 to=1-2]',
    '[info]', '[/info]', '[title]', '[/title]', '[code]', '[/code]', '[hr]', '[piconname:5]', '[', ']', '[[', ']]', '[/', '[qt', 'qt]',
    '送信者: 山田太郎', 'From: CEO', '\n', '\r\n', '　', ' ',
    '三井住友銀行 新宿支店 普通 1234567', '普通預金 口座番号 7654321 名義 ヤマダタロウ', 'ゆうちょ 記号10170 番号12345671',
    '090-1234-5678', '０７０－００３８－５１２９', '+81 90 1234 5678', '03(1234)5678', 'https://line.me/ti/g/abc', 'ｈｔｔｐｓ：／／evil．example',
    'a@b.example', 'ID: kakunin_ceo', '4,800,000円', '￥1,000,000', 'Amazonギフト券', '－', 'ー', '〜',
  ),
  fc.constantFrom(...HOSTILE_STRINGS.map((s) => s.slice(0, 300))),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 0, max: 99_999_999 }).map(String),
);
const notation = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(notation, fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 }));

const directory = directorySchema.parse(directoryJson());

describe('Chatwork notation parser', () => {
  it('never throws; at most 10 reports, each a valid report whose sender is a quoted account (or none)', () => {
    fc.assert(
      fc.property(notation, fc.integer({ min: 1, max: 2 ** 40 }), (body, reporter) => {
        const parsed = parseChatworkBody(body, BOT);
        for (const q of parsed.quotes) {
          expect(q.accountId === null || Number.isSafeInteger(q.accountId)).toBe(true);
          expect(body.includes(q.body)).toBe(true); // verbatim slices, nothing invented
        }
        const out = toReports(parsed, reporter, BOT);
        if (out.kind === 'reports') {
          expect(out.reports.length).toBeGreaterThan(0);
          expect(out.reports.length).toBeLessThanOrEqual(MAX_REPORTS_PER_MESSAGE);
          for (const r of out.reports) {
            expect(reportSchema.safeParse(r).success).toBe(true);
            expect(r.message.sender?.accountId).not.toBe(BOT);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  // No time is asserted (speed is npm run bench's job and a loaded machine flakes any bound); a
  // quadratic parser would not finish these within the test's timeout, and a recursive one would
  // overflow the stack on the nesting.
  it('gets through pathological nesting and unclosed tags', () => {
    for (const body of ['[qt]'.repeat(20_000), '[qt][qtmeta aid=1]'.repeat(10_000) + '[/qt]'.repeat(10_000), '['.repeat(200_000), '[To:'.repeat(50_000)]) {
      expect(['reports', 'ignored']).toContain(toReports(parseChatworkBody(body, BOT), 1, BOT).kind);
    }
  });
});

describe('detection text layer (prepareText)', () => {
  it('never throws; the offset maps are monotone and stay inside the analysed prefix', () => {
    fc.assert(
      fc.property(anyText, (body) => {
        const p = prepareText(body);
        expect(p.analysedLength).toBeLessThanOrEqual(body.length);
        expect(p.plainMap.length).toBe(p.plain.length + 1);
        expect(p.compactMap.length).toBe(p.compact.length + 1);
        for (let i = 0; i < p.plain.length; i++) {
          expect(p.plainMap[i]!).toBeLessThanOrEqual(p.plainMap[i + 1]!);
          expect(p.plainEnds[i]!).toBeLessThanOrEqual(p.analysedLength);
        }
        expect(p.plainMap[p.plain.length]).toBe(p.analysedLength);
        for (const m of p.mentions) expect(Number.isSafeInteger(m)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('observables (bank accounts, phones, URLs, e-mail, LINE ids, amounts)', () => {
  it('never throw; every observable has a value and evidence inside the original text', () => {
    fc.assert(
      fc.property(anyText, (body) => {
        const p = prepareText(body);
        for (const o of extractObservables(p)) {
          expect(typeof o.value).toBe('string');
          expect(o.value.length).toBeGreaterThan(0);
          expect(o.evidence.start).toBeGreaterThanOrEqual(0);
          expect(o.evidence.end).toBeLessThanOrEqual(body.length);
          expect(o.evidence.start).toBeLessThanOrEqual(o.evidence.end);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the canonicalisers accept any string: phoneValue, canonicalUrl, normaliseBankName, bankAccountValue', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        const phone = phoneValue(a);
        expect(phone === null || /^\+?\d+$/.test(phone)).toBe(true);
        const url = canonicalUrl(b);
        if (url) expect(typeof url.host).toBe('string');
        expect(typeof normaliseBankName(c)).toBe('string');
        expect(typeof bankAccountValue({ bank: a, branch: b, type: c, number: a + c })).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the whole engine', () => {
  // Time is not asserted here (a loaded machine makes any bound flaky, and speed is npm run bench's
  // job): that no input can make the engine slow is what the ReDoS sweep over every regex proves.
  it('any message from any sender gets a verdict (no exception)', () => {
    fc.assert(
      fc.property(anyText, fc.option(anyText), fc.option(fc.integer()), (body, name, accountId) => {
        const verdict = detect({ message: { body, sender: { name, accountId } } }, directory, { now: new Date('2026-01-07T00:00:00Z') }).verdict;
        expect(['none', 'low', 'medium', 'high']).toContain(verdict);
      }),
      { numRuns: 300 },
    );
  });
});
