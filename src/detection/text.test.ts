import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_ANALYSED_CHARS, foldForMatch, prepareText, toEvidence, type PreparedText } from './text.ts';

function evidenceOf(p: PreparedText, needle: string) {
  const i = p.plain.indexOf(needle);
  expect(i).toBeGreaterThanOrEqual(0);
  return toEvidence(p, 'plain', i, i + needle.length);
}

describe('prepareText: Chatwork notation', () => {
  it('drops [To:], keeps the name, and records the mention', () => {
    const p = prepareText('[To:1000006]柴田さん\n[To:1000007]野中さん\nお疲れ様です');
    expect(p.plain).toBe('柴田さん\n野中さん\nお疲れ様です');
    expect(p.mentions).toEqual([1000006, 1000007]);
  });

  it('drops [rp aid= to=] and [toall], records the reply target', () => {
    const p = prepareText('[rp aid=1000015 to=41827739-1764220391]平田さん\n[toall]皆さん');
    expect(p.plain).toBe('平田さん\n皆さん');
    expect(p.mentions).toEqual([1000015]);
  });

  it('keeps quoted text, records the quote span with its author and time', () => {
    const body = '了解です[qt][qtmeta aid=42 time=1767745080]振込先を変更します[/qt]確認します';
    const p = prepareText(body);
    expect(p.plain).toBe('了解です\n振込先を変更します\n確認します');
    expect(p.quotes).toEqual([{ accountId: 42, time: 1767745080, start: 4, end: body.indexOf('確認') }]);
    expect(body.slice(p.quotes[0]!.start, p.quotes[0]!.end)).toBe('[qt][qtmeta aid=42 time=1767745080]振込先を変更します[/qt]');
  });

  it('nested and unclosed quotes: inner closes first, unclosed ends at the analysed length', () => {
    const body = '[qt][qtmeta aid=1 time=2][qt][qtmeta aid=3 time=4]内側[/qt]外側[/qt][qt]閉じない';
    const p = prepareText(body);
    expect(p.quotes.map((q) => [q.accountId, body.slice(q.start, q.end)])).toEqual([
      [1, '[qt][qtmeta aid=1 time=2][qt][qtmeta aid=3 time=4]内側[/qt]外側[/qt]'],
      [3, '[qt][qtmeta aid=3 time=4]内側[/qt]'],
      [null, '[qt]閉じない'],
    ]);
    expect(p.quotes[2]!.end).toBe(p.analysedLength);
  });

  it('drops [info][title][hr][code][piconname:][picon:][preview][download] tags but keeps their text', () => {
    const body = '[info][title]【注意喚起】なりすまし[/title]本文です[hr][code]x=1[/code][/info][piconname:123]さん[picon:9][preview id=5 ht=100][download:77]請求書.pdf (12 KB)[/download]';
    const p = prepareText(body);
    expect(p.plain).toBe('【注意喚起】なりすまし\n本文です\nx=1\nさん請求書.pdf (12 KB)');
  });

  it('keeps unknown bracket text and malformed tags', () => {
    const p = prepareText('【重要】[abc]です [To:abc] [qt [rp aid=x]');
    expect(p.plain).toBe('【重要】[abc]です [To:abc] [qt [rp aid=x]');
    expect(p.mentions).toEqual([]);
  });

  it('is case-insensitive for tag names, like Chatwork', () => {
    expect(prepareText('[TO:5]A[Info]B[/INFO]').plain).toBe('A\nB\n');
  });
});

describe('prepareText: normalisation', () => {
  it('folds full-width digits, letters and dashes; keeps line breaks', () => {
    const p = prepareText('０７０－００３８－５１２９\r\nＬＩＮＥ　ＩＤ：ａｂｃ');
    expect(p.plain).toBe('070-0038-5129\nLINE ID:abc');
  });

  it('maps every dash variant to "-", and ー only between digits', () => {
    const p = prepareText('090ー1234ｰ5678 a‐b‑c–d—e―f−g﹣h コーヒー');
    expect(p.plain).toBe('090-1234-5678 a-b-c-d-e-f-g-h コーヒー');
  });

  it('handles NFKC expansion (㍻, ㈱) and composition (ﾊﾞ, か+゛) with exact offsets', () => {
    const body = '㍻30年 ㈱ABC ﾊﾞｯｸ か\u3099 ハ゛';
    const p = prepareText(body);
    expect(p.plain).toBe('平成30年 (株)ABC バック が バ');
    expect(evidenceOf(p, '成').text).toBe('㍻');
    expect(evidenceOf(p, 'バック').text).toBe('ﾊﾞｯｸ');
    expect(evidenceOf(p, 'が').text).toBe('か\u3099');
    expect(evidenceOf(p, '株').text).toBe('㈱');
  });

  it('drops zero-width and bidi characters, turns controls into spaces, lone surrogates into U+FFFD', () => {
    const p = prepareText('振\u200b込\u202e\u0007X\ud800Y\udc00');
    expect(p.plain).toBe('振込 X\ufffdY\ufffd');
  });

  it('keeps astral characters (emoji, 𠮷) whole', () => {
    const p = prepareText('𠮷野🙏さん');
    expect(p.plain).toBe('𠮷野🙏さん');
    expect(evidenceOf(p, '🙏')).toEqual({ text: '🙏', start: 3, end: 5 });
  });
});

describe('prepareText: compact', () => {
  it('removes spaces and separators inside keywords and folds case and kana', () => {
    expect(prepareText('振 込 を Ｌ Ｉ Ｎ Ｅ で L-I-N-E・ライン_グループ').compact).toBe('振込をlineでlineらいんぐるーぷ');
  });

  it('turns each run of line breaks into one 。, none at the start or after 。', () => {
    expect(prepareText('\n\nはい。\n\nお願いします\n\n\n至急').compact).toBe('はい。お願いします。至急');
  });

  it('keeps a dash between katakana as ー (グル―プ = グループ)', () => {
    expect(prepareText('グル―プ').compact).toBe(prepareText('グループ').compact);
  });

  it('folds Cyrillic and Greek homoglyphs to Latin', () => {
    expect(prepareText('LІNЕ').compact).toBe('line');
  });

  it('maps compact spans back to the original', () => {
    const body = '[To:1]至 急 で Ｌ Ｉ Ｎ Ｅ を';
    const p = prepareText(body);
    const i = p.compact.indexOf('line');
    expect(toEvidence(p, 'compact', i, i + 4).text).toBe('Ｌ Ｉ Ｎ Ｅ');
    const j = p.compact.indexOf('至急');
    expect(toEvidence(p, 'compact', j, j + 2)).toEqual({ text: '至 急', start: 6, end: 9 });
  });
});

describe('foldForMatch', () => {
  it('is the compact fold, so lexicon words match however they are written', () => {
    expect(foldForMatch('ＬＩＮＥグループ')).toBe('lineぐるーぷ');
    expect(foldForMatch('ライン')).toBe(foldForMatch('らいん'));
    expect(foldForMatch('Ｌ Ｉ Ｎ Ｅ')).toBe('line');
    expect(prepareText('新しくＬＩＮＥ　グループを作って').compact).toContain(foldForMatch('LINEグループ'));
  });

  it('does not remove Chatwork notation (only prepareText does)', () => {
    expect(foldForMatch('[To:1]')).toBe('[to:1]');
  });
});

describe('toEvidence', () => {
  it('does not include a removed tag after the span', () => {
    const body = '[qt]0901234[/qt]末尾';
    const p = prepareText(body);
    expect(evidenceOf(p, '0901234')).toEqual({ text: '0901234', start: 4, end: 11 });
  });

  it('clamps out-of-range and empty spans', () => {
    const p = prepareText('abc');
    expect(toEvidence(p, 'plain', -5, 99)).toEqual({ text: 'abc', start: 0, end: 3 });
    expect(toEvidence(p, 'plain', 2, 1)).toEqual({ text: '', start: 2, end: 2 });
    expect(toEvidence(p, 'compact', 3, 3)).toEqual({ text: '', start: 3, end: 3 });
  });
});

const pieces = fc.constantFrom(
  '[qt]', '[/qt]', '[qtmeta aid=1 time=2]', '[To:12]', '[rp aid=3 to=4-5]', '[info]', '[title]', '[/title]', '[hr]',
  '[', ']', '\r\n', '\n', '\r', '\u3099', '\uff9e', 'ﾊ', 'か', '㍻', '㈱', '\ufdfa', '０', '－', 'ー', '1', ' ', '\u200b',
  '\ud800', '\udc00', '\ud83d\ude4f', 'Ｌ', 'İ', 'ß', 'ﬃ', '\u0301', 'e', '。', '\u0000', '\u2028',
);
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.array(pieces, { maxLength: 80 }).map((a) => a.join('')),
);

function checkMaps(p: PreparedText, text: string, map: Int32Array, ends: Int32Array): void {
  expect(map.length).toBe(text.length + 1);
  expect(ends.length).toBe(text.length);
  expect(map[text.length]).toBe(p.analysedLength);
  for (let i = 0; i < text.length; i++) {
    expect(map[i]!).toBeGreaterThanOrEqual(i > 0 ? map[i - 1]! : 0);
    expect(ends[i]!).toBeGreaterThan(map[i]!);
    expect(ends[i]!).toBeLessThanOrEqual(p.analysedLength);
    if (i > 0) expect(ends[i]!).toBeGreaterThanOrEqual(ends[i - 1]!);
  }
}

describe('offset properties', () => {
  it('never throws; maps are monotonic and within [0, analysedLength]', () => {
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 0, max: 250 }), (body, max) => {
        const p = prepareText(body, max);
        expect(p.analysedLength).toBeLessThanOrEqual(Math.min(body.length, max));
        expect(p.truncated).toBe(body.length > p.analysedLength);
        checkMaps(p, p.plain, p.plainMap, p.plainEnds);
        checkMaps(p, p.compact, p.compactMap, p.compactEnds);
      }),
      { numRuns: 400 },
    );
  });

  it('toEvidence text is always original.slice(start, end), for both forms', () => {
    fc.assert(
      fc.property(hostileString, fc.nat(), fc.nat(), (body, a, b) => {
        const p = prepareText(body);
        for (const form of ['plain', 'compact'] as const) {
          const len = form === 'plain' ? p.plain.length : p.compact.length;
          const s = len === 0 ? 0 : a % (len + 1);
          const e = len === 0 ? 0 : s + (b % (len - s + 1));
          const ev = toEvidence(p, form, s, e);
          expect(ev.text).toBe(body.slice(ev.start, ev.end));
          expect(ev.start).toBeLessThanOrEqual(ev.end);
          expect(ev.end).toBeLessThanOrEqual(p.analysedLength);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never ends the analysed prefix between the halves of a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), fc.integer({ min: 0, max: 60 }), (body, max) => {
        const p = prepareText(body, max);
        const n = p.analysedLength;
        if (n > 0 && n < body.length) {
          const hi = body.charCodeAt(n - 1);
          const lo = body.charCodeAt(n);
          expect(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff).toBe(false);
        }
      }),
    );
  });
});

describe('hostile input (returns, truncated as documented)', () => {
  it('1 MB body: analyses only the bounded prefix', () => {
    const body = '振込先口座を変更します。'.repeat(90_000);
    expect(body.length).toBeGreaterThan(1_000_000);
    const p = prepareText(body);
    expect(p.truncated).toBe(true);
    expect(p.analysedLength).toBe(MAX_ANALYSED_CHARS);
    expect(p.plainMap[p.plain.length]).toBe(MAX_ANALYSED_CHARS);
  });

  it('10,000 nested [qt] tags', () => {
    const body = '[qt][qtmeta aid=1 time=1]'.repeat(10_000) + '本文' + '[/qt]'.repeat(10_000);
    const p = prepareText(body);
    expect(p.truncated).toBe(true);
    expect(p.quotes.length).toBeGreaterThan(0);
    expect(p.quotes.every((q) => q.end <= p.analysedLength)).toBe(true);
    expect(p.plain.replace(/\n/g, '')).toBe('');
  });

  it('100k repetitions of "[qt" and of "[" without a closing bracket', () => {
    for (const body of ['[qt'.repeat(100_000), '['.repeat(300_000), `[${'a'.repeat(300_000)}`]) {
      const p = prepareText(body);
      expect(p.truncated).toBe(true);
      expect(p.plain).toBe(body.slice(0, p.analysedLength));
    }
  });

  it('unpaired surrogates and control characters in bulk', () => {
    const body = '\ud800\u0000\udfff\u0007\u200b'.repeat(50_000);
    const p = prepareText(body);
    expect(p.truncated).toBe(true);
    expect(p.plain).not.toMatch(/[\ud800-\udfff]/);
  });

  it('runaway combining marks are split into bounded units', () => {
    const p = prepareText(`a${'\u0301'.repeat(30_000)}`);
    expect(p.analysedLength).toBe(MAX_ANALYSED_CHARS);
    expect(p.plain.length).toBeGreaterThan(100);
  });

  it('maxChars of 0, negative, NaN or Infinity', () => {
    expect(prepareText('abc', 0).plain).toBe('');
    expect(prepareText('abc', -1).analysedLength).toBe(0);
    expect(prepareText('abc', Number.NaN).analysedLength).toBe(3);
    expect(prepareText('abc', Number.POSITIVE_INFINITY).analysedLength).toBe(3);
  });
});
