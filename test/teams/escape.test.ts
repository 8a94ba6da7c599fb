import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardParagraphs, escapeCardText, fitCardText, ZWSP } from '../../adapters/teams/escape.ts';
import { HOSTILE } from './fixtures.ts';
import { activeMarkup } from './inert.ts';

describe('Teams card text escaping', () => {
  it('defuses Markdown, HTML-ish tags, links, e-mail addresses, domains, lists and bidi tricks', () => {
    const out = escapeCardText(HOSTILE);
    expect(activeMarkup(out)).toBeNull();
    expect(out).toContain('＊＊至急＊＊');
    expect(out).toContain('［こちら］（https:');
    expect(out).toContain(`evil.${ZWSP}example`);
    expect(out).toContain(`ceo@${ZWSP}evil`);
    expect(out).toContain('＜at＞全員＜/at＞');
    expect(out).toContain('｛｛DATE（');
    expect(out.split('\n')).toContain('－ 項目');
    expect(out.split('\n')).toContain('1． 送金');
    expect(out.split('\n')).toContain('2） 確認');
    expect(out).toContain('\uFFFDevil\uFFFD');
  });

  it('keeps ordinary Japanese business text, numbers and times as they are', () => {
    const text = '振込先は 1,234,500円、期限は 15:00 です。電話 03-1234-5678 にお願いします';
    expect(escapeCardText(text)).toBe(text.replace('15:00', `15:${ZWSP}00`));
  });

  it('no input of any shape escapes as active markup', () => {
    const alphabet = fc.constantFrom(...'*_~`#>[]()-+.1:/@ \nahttps:wexample.com'.split(''), 'https://', 'a@b.jp', '\u202E', '1. ', '- ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')), (s) => activeMarkup(escapeCardText(s)) === null),
      { numRuns: 1000 },
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => activeMarkup(escapeCardText(s)) === null));
  });

  it('cuts to the limit without splitting a surrogate pair, and says it cut', () => {
    const s = '𠮷😀'.repeat(100);
    const out = fitCardText(s, 51);
    expect(out.length).toBeLessThanOrEqual(51);
    expect(out.endsWith('…')).toBe(true);
    expect(out.slice(0, -1)).toBe('𠮷😀'.repeat(12) + '𠮷');
    expect(fitCardText('short', 51)).toBe('short');
  });

  it('keeps line breaks as paragraphs (Markdown needs a blank line)', () => {
    expect(cardParagraphs('a\nb\n\n\n\nc')).toBe('a\n\nb\n\nc');
  });
});
