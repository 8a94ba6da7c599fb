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

const modules = { giftcard, identity, mitigating, money, offplatform, pressure, requests, secrets };
const lexicons: [string, Lexicon][] = Object.entries(modules).flatMap(([mod, exports]) =>
  Object.entries(exports as Record<string, Lexicon>).map(([name, lex]) => [`${mod}.${name}`, lex] as [string, Lexicon]),
);

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
  // The analyser is run on each alternative (the whole alternation is linear but too large for it).
  it.each(wordLists)('%s is an alternation of literals without quantifiers', (_name, lex) => {
    expect(lex.regex.source).not.toMatch(QUANTIFIER);
    for (const alternative of lex.regex.source.split(/(?<!\\)\|/u)) {
      expect(isSafe(new RegExp(alternative, 'u')).safe, alternative).toBe(true);
    }
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
