/**
 * Builds the `RuleContext` a rule sees: the prepared text, observables, the ledger identity, and
 * two matching primitives (`find`, `near`) that work on folded text and answer in original offsets.
 */
import { scanLexicons, type Lexicon } from '../../rules/lexicon.ts';
import type { RuleContext } from '../../rules/types.ts';
import { foldForMatch, toEvidence } from './text.ts';
import type { Evidence } from './types.ts';

/** At most this many hits of one lexicon are considered, so repetitive input stays linear. */
export const MAX_HITS_PER_LEXICON = 64;

interface Hit {
  start: number;
  end: number;
  sentence: number;
}

const MARU = 0x3002; // 。 (line breaks are folded to it)
const FULL_EXCLAMATION = 0xff01;
const FULL_QUESTION = 0xff1f;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;

/** Where each sentence of the folded text starts: boundaries are 。！？!? and line breaks (folded to 。). */
function sentenceStarts(compact: string): number[] {
  const starts = [0];
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    if (c === MARU || c === EXCLAMATION || c === QUESTION || c === FULL_EXCLAMATION || c === FULL_QUESTION) starts.push(i + 1);
  }
  return starts;
}

function sentenceOf(starts: number[], index: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The facts a context is built from: everything a rule sees except the matching primitives. */
export type ContextInput = Omit<RuleContext, 'find' | 'findText' | 'near'>;

/** Create the context for one message. Lexicon hits are computed lazily and cached. */
export function createRuleContext(input: ContextInput): RuleContext {
  const { text } = input;
  const starts = sentenceStarts(text.compact);
  const cache = new Map<Lexicon, Hit[]>();
  const evidenceCache = new Map<Lexicon, Evidence[]>();
  let scanned: ReturnType<typeof scanLexicons> | null = null;

  function hits(lexicon: Lexicon): Hit[] {
    let found = cache.get(lexicon);
    if (found) return found;
    found = [];
    if (lexicon.index >= 0) {
      // Word lists: one automaton pass over the text serves every lexicon.
      scanned ??= scanLexicons(text.compact, MAX_HITS_PER_LEXICON);
      for (const h of scanned[lexicon.index] ?? []) found.push({ start: h.start, end: h.end, sentence: sentenceOf(starts, h.start) });
    } else {
      lexicon.regex.lastIndex = 0;
      for (const m of text.compact.matchAll(lexicon.regex)) {
        found.push({ start: m.index, end: m.index + m[0].length, sentence: sentenceOf(starts, m.index) });
        if (found.length >= MAX_HITS_PER_LEXICON) break;
      }
    }
    cache.set(lexicon, found);
    return found;
  }

  const evidence = (h: Hit): Evidence => toEvidence(text, 'compact', h.start, h.end);

  return {
    ...input,
    find(lexicon) {
      let found = evidenceCache.get(lexicon);
      if (!found) evidenceCache.set(lexicon, (found = hits(lexicon).map(evidence)));
      return found;
    },
    findText(literal) {
      const key = foldForMatch(literal);
      const out: Evidence[] = [];
      if (key.length === 0) return out;
      for (let i = text.compact.indexOf(key); i !== -1 && out.length < MAX_HITS_PER_LEXICON; i = text.compact.indexOf(key, i + key.length)) {
        out.push(toEvidence(text, 'compact', i, i + key.length));
      }
      return out;
    },
    near(a, b, options = {}) {
      const maxGap = options.maxGap ?? 40;
      const bs = hits(b);
      const masks = options.unless ? hits(options.unless) : [];
      for (const ha of hits(a)) {
        if (masks.some((m) => m.start <= ha.start && ha.end <= m.end)) continue;
        for (const hb of bs) {
          if (hb.sentence !== ha.sentence) continue;
          const after = hb.start >= ha.end && hb.start - ha.end <= maxGap;
          const before = options.anyOrder === true && hb.end <= ha.start && ha.start - hb.end <= maxGap;
          if (after || before) return [evidence(ha), evidence(hb)];
        }
      }
      return [];
    },
  };
}
