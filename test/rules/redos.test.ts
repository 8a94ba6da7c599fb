/** Every lexicon regex is linear-time: checked with redos-detector, plus a pathological input. */
import { isSafe } from 'redos-detector';
import { describe, expect, it } from 'vitest';
import * as giftcard from '../../rules/lexicons/giftcard.ts';
import * as identity from '../../rules/lexicons/identity.ts';
import * as mitigating from '../../rules/lexicons/mitigating.ts';
import * as money from '../../rules/lexicons/money.ts';
import * as offplatform from '../../rules/lexicons/offplatform.ts';
import * as pressure from '../../rules/lexicons/pressure.ts';
import * as requests from '../../rules/lexicons/requests.ts';
import * as secrets from '../../rules/lexicons/secrets.ts';
import type { Lexicon } from '../../src/detection/lexicon.ts';
import { SUPPORT_REGEXES } from '../../rules/support.ts';

const modules = { giftcard, identity, mitigating, money, offplatform, pressure, requests, secrets };
const lexicons: [string, Lexicon][] = Object.entries(modules).flatMap(([mod, exports]) =>
  Object.entries(exports as Record<string, Lexicon>).map(([name, lex]) => [`${mod}.${name}`, lex] as [string, Lexicon]),
);

/** A run of literal characters (escaped or not) of a regex source, outside brackets and operators. */
const LITERAL_RUN = /(?:\\.|[^\\()[\]|?*+{}^$!<=:])+/gu;

/** Quantifiers outside character escapes: `*`, `+`, `?` (not `(?`), `{n,m}`. */
const QUANTIFIER = /(?<!\\)(?:[*+]|(?<!\()\?(?![<=!:])|\{\d+(?:,\d*)?\})/u;

const wordLists = lexicons.filter(([, lex]) => lex.words.length > 0);
const patterns = lexicons.filter(([, lex]) => lex.words.length === 0);

describe('lexicon regexes', () => {
  it('finds every lexicon', () => {
    expect(wordLists.length).toBeGreaterThan(30);
    expect(patterns.length).toBeGreaterThan(0);
  });

  // A word list compiles to an alternation of escaped literals with fixed-width look-arounds and no
  // quantifier, which backtracks at most (pattern length) steps per position: linear by construction.
  // The analyser is run per alternative (the whole alternation is linear but too large for it); it
  // takes ~50–150 ms each, and the Japanese + English lists have ~3,000 alternatives. Without quantifiers, an alternative's backtracking depends only on its shape (which
  // look-arounds, escapes and brackets, where), not on which letters its literal has: each distinct
  // shape is analysed once, every letter run of the literal written as one 'a'.
  it.each(wordLists)('%s is an alternation of literals without quantifiers', { timeout: 120_000 }, (_name, lex) => {
    expect(lex.regex.source).not.toMatch(QUANTIFIER);
    const shapes = new Set(lex.regex.source.split(/(?<!\\)\|/u).map((alternative) => alternative.replace(LITERAL_RUN, 'a')));
    for (const shape of shapes) expect(isSafe(new RegExp(shape, 'u')).safe, shape).toBe(true);
  });

  it('a shape keeps what matters for backtracking', () => {
    expect('(?<![a-z0-9])wire transfer(?![a-z])'.replace(LITERAL_RUN, 'a')).toBe('(?<![a])a(?![a])');
    expect('振込\\(株\\)'.replace(LITERAL_RUN, 'a')).toBe('a');
    expect('(a+)+b'.replace(LITERAL_RUN, 'a')).toBe('(a+)+a');
  });

  it.each(patterns)('%s (a raw pattern) is ReDoS-safe', (_name, lex) => {
    const result = isSafe(lex.regex, { timeout: 10_000 });
    expect(result.safe, JSON.stringify(result.error)).toBe(true);
  });

  it('the quantifier check would catch a quantifier', () => {
    expect('(a+)+b').toMatch(QUANTIFIER);
    expect('ab?c').toMatch(QUANTIFIER);
    expect('x{2,}').toMatch(QUANTIFIER);
    expect('(?<![a-z])line(?![a-z])').not.toMatch(QUANTIFIER);
  });
});

describe('rule helper regexes', () => {
  it.each(Object.entries(SUPPORT_REGEXES))('support.%s is ReDoS-safe', (_name, re) => {
    const result = isSafe(re, { timeout: 10_000 });
    expect(result.safe, JSON.stringify(result.error)).toBe(true);
  });
});
