/**
 * The one-pass automaton (`scanLexicons`) must find exactly what each lexicon's own regex finds:
 * leftmost-longest, non-overlapping, with the same Latin-word boundaries.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.ts';
import fs from 'node:fs';
import path from 'node:path';
import { lexicon, registeredLexicons, scanLexicons } from '../../src/detection/lexicon.ts';
import { prepareText } from '../../src/detection/text.ts';
import * as money from '../../rules/lexicons/money.ts';
import * as offplatform from '../../rules/lexicons/offplatform.ts';
import * as requests from '../../rules/lexicons/requests.ts';

void rules; // load every rule, so every lexicon is registered
const sample = [money.TRANSFER, money.PAYMENT_TERMS, offplatform.CHAT_APPS, offplatform.GROUP_KEY, requests.REQUEST, requests.SEND_TO_ME];

function viaRegex(lex: typeof money.TRANSFER, text: string): [number, number][] {
  lex.regex.lastIndex = 0;
  return [...text.matchAll(lex.regex)].map((m) => [m.index, m.index + m[0].length]);
}

describe('scanLexicons', () => {
  it('agrees with each lexicon regex on text made of lexicon words and noise', () => {
    const words = sample.flatMap((l) => l.folded);
    const piece = fc.oneof(fc.constantFrom(...words), fc.constantFrom('a', 'x', '1', '。', 'の', 'ー', 'line', 'online', 'qrs'));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const scanned = scanLexicons(text, 1000);
        for (const lex of sample) {
          expect((scanned[lex.index] ?? []).map((h) => [h.start, h.end])).toEqual(viaRegex(lex, text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with every lexicon regex on every message of the development corpus', () => {
    const root = path.resolve(import.meta.dirname, '../../examples/corpus');
    const bodies = fs
      .readdirSync(root)
      .filter((d) => fs.existsSync(path.join(root, d, 'corpus.jsonl')))
      .flatMap((d) => fs.readFileSync(path.join(root, d, 'corpus.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== ''))
      .map((l) => (JSON.parse(l) as { report: { message: { body: string } } }).report.message.body);
    expect(bodies.length).toBeGreaterThan(1000);
    const lexicons = registeredLexicons();
    expect(lexicons.length).toBeGreaterThan(50);
    let compared = 0;
    for (const body of bodies) {
      const text = prepareText(body).compact;
      const scanned = scanLexicons(text, 1000);
      for (const lex of lexicons) {
        const expected = viaRegex(lex, text);
        expect((scanned[lex.index] ?? []).map((h) => [h.start, h.end]), `${lex.name} in ${body.slice(0, 40)}`).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it('respects Latin boundaries', () => {
    const lex = lexicon('test-line', ['LINE']);
    const hits = (text: string) => scanLexicons(text, 10)[lex.index]?.length ?? 0;
    expect(hits('lineぐるーぷ')).toBe(1);
    expect(hits('online')).toBe(0);
    expect(hits('lineworks')).toBe(0);
    expect(hits('2line')).toBe(0);
  });

  it('keeps at most the given number of hits per lexicon', () => {
    const text = '振込'.repeat(5_000);
    expect(scanLexicons(text, 64)[money.TRANSFER.index]!.length).toBe(64);
  });
});
