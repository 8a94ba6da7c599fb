/**
 * Builds the `RuleContext` a rule sees: the prepared text, observables, the ledger identity, and
 * two matching primitives (`find`, `near`) that work on folded text and answer in original offsets.
 */
import { containsAny, scanLexicons, type Lexicon } from './lexicon.ts';
import type { NearOptions, RuleContext } from './rule.ts';
import { foldForMatch, toEvidence } from './text.ts';
import type { Evidence } from '../domain/detection.ts';

/** At most this many hits of one lexicon are considered, so repetitive input stays linear. */
export const MAX_HITS_PER_LEXICON = 64;

interface Hit {
  start: number;
  end: number;
  sentence: number;
}

/** The answer for a lexicon without hits, shared (most lexicons a rule asks about have none in a given message). */
const NO_HITS: readonly Hit[] = Object.freeze([]);
const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

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

/** Folded ledger names and other literals: the same few come back for every message. */
const foldedLiterals = new Map<string, string>();

function foldedLiteral(literal: string): string {
  let key = foldedLiterals.get(literal);
  if (key === undefined) {
    key = foldForMatch(literal);
    if (foldedLiterals.size >= 10_000) foldedLiterals.clear();
    foldedLiterals.set(literal, key);
  }
  return key;
}

/** The facts a context is built from: everything a rule sees except the matching primitives. */
export type ContextInput = Omit<RuleContext, 'find' | 'findText' | 'near' | 'has' | 'nameHas' | 'memo'>;

/**
 * One message's context. A class rather than closures: detection builds one per message, and
 * per-call inner functions cost an allocation each (and a `__name` call under tsx).
 */
class MessageContext implements RuleContext {
  report: ContextInput['report'];
  text: ContextInput['text'];
  directory: ContextInput['directory'];
  observables: ContextInput['observables'];
  identity: ContextInput['identity'];
  contactAgeMinutes: ContextInput['contactAgeMinutes'];
  senderInLedger: ContextInput['senderInLedger'];
  senderNameFolded: ContextInput['senderNameFolded'];
  private readonly starts: number[];
  /** Per lexicon (by its slot): its hits, then its evidence, once computed. */
  private hitCache: (readonly Hit[] | undefined)[] = [];
  private evidenceCache: (readonly Evidence[] | undefined)[] = [];
  private scanned: ReturnType<typeof scanLexicons> | null = null;

  constructor(input: ContextInput) {
    this.report = input.report;
    this.text = input.text;
    this.directory = input.directory;
    this.observables = input.observables;
    this.identity = input.identity;
    this.contactAgeMinutes = input.contactAgeMinutes;
    this.senderInLedger = input.senderInLedger;
    this.senderNameFolded = input.senderNameFolded;
    this.starts = sentenceStarts(input.text.compact);
  }

  /** Spans of the original body whose lexicon hits are ignored (quotations in a warning), and the lexicons exempt from that. */
  private ignored: { spans: readonly { start: number; end: number }[]; keep: ReadonlySet<Lexicon> } | null = null;

  /**
   * Ignore lexicon hits and observables inside `spans` (original offsets), except for the `keep`
   * lexicons. Call before any rule runs: a warning that quotes a fraud's phrases asks for nothing.
   */
  ignoreSpans(spans: readonly { start: number; end: number }[], keep: readonly Lexicon[]): void {
    if (spans.length === 0) return;
    this.ignored = { spans, keep: new Set(keep) };
    this.hitCache = [];
    this.evidenceCache = [];
    const inside = (e: Evidence) => spans.some((s) => s.start <= e.start && e.end <= s.end);
    this.observables = this.observables.filter((o) => !inside(o.evidence));
  }

  private hits(lexicon: Lexicon): readonly Hit[] {
    const cached = this.hitCache[lexicon.slot];
    if (cached) return cached;
    let found: readonly Hit[] = this.rawHits(lexicon);
    const ignored = this.ignored;
    if (found.length > 0 && ignored && !ignored.keep.has(lexicon)) {
      const map = this.text.compactMap;
      found = found.filter((h) => !ignored.spans.some((s) => s.start <= (map[h.start] as number) && (map[h.start] as number) < s.end));
    }
    if (found.length === 0) found = NO_HITS;
    this.hitCache[lexicon.slot] = found;
    return found;
  }

  private rawHits(lexicon: Lexicon): readonly Hit[] {
    const compact = this.text.compact;
    if (lexicon.index >= 0) {
      // Word lists: one automaton pass over the text serves every lexicon.
      this.scanned ??= scanLexicons(compact, MAX_HITS_PER_LEXICON);
      const scanned = this.scanned[lexicon.index];
      if (scanned === undefined) return NO_HITS;
      const found: Hit[] = new Array<Hit>(scanned.length);
      for (let k = 0; k < scanned.length; k++) {
        const h = scanned[k]!;
        found[k] = { start: h.start, end: h.end, sentence: sentenceOf(this.starts, h.start) };
      }
      return found;
    }
    const found: Hit[] = [];
    lexicon.regex.lastIndex = 0;
    for (const m of compact.matchAll(lexicon.regex)) {
      found.push({ start: m.index, end: m.index + m[0].length, sentence: sentenceOf(this.starts, m.index) });
      if (found.length >= MAX_HITS_PER_LEXICON) break;
    }
    return found;
  }

  private evidence(h: Hit): Evidence {
    return toEvidence(this.text, 'compact', h.start, h.end);
  }

  find(lexicon: Lexicon): Evidence[] {
    let found = this.evidenceCache[lexicon.slot];
    if (!found) {
      const hits = this.hits(lexicon);
      if (hits.length === 0) found = NO_EVIDENCE;
      else {
        const evidence = new Array<Evidence>(hits.length);
        for (let k = 0; k < hits.length; k++) evidence[k] = this.evidence(hits[k] as Hit);
        found = evidence;
      }
      this.evidenceCache[lexicon.slot] = found;
    }
    // Shared and cached: callers read it, never change it (the empty answer is frozen, so a change would throw).
    return found as Evidence[];
  }

  findText(literal: string): Evidence[] {
    const key = foldedLiteral(literal);
    const out: Evidence[] = [];
    if (key.length === 0) return out;
    const compact = this.text.compact;
    for (let i = compact.indexOf(key); i !== -1 && out.length < MAX_HITS_PER_LEXICON; i = compact.indexOf(key, i + key.length)) {
      out.push(toEvidence(this.text, 'compact', i, i + key.length));
    }
    return out;
  }

  private memos: Map<unknown, unknown> | null = null;

  memo<T>(key: unknown, compute: () => T): T {
    this.memos ??= new Map();
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  has(lexicon: Lexicon): boolean {
    return this.hits(lexicon).length > 0;
  }

  private nameScan: ReturnType<typeof scanLexicons> | null = null;

  nameHas(lexicon: Lexicon): boolean {
    if (this.senderNameFolded === '') return false;
    if (lexicon.index < 0) return containsAny(lexicon, this.senderNameFolded);
    this.nameScan ??= scanLexicons(this.senderNameFolded, 1);
    return (this.nameScan[lexicon.index]?.length ?? 0) > 0;
  }

  near(a: Lexicon, b: Lexicon, options: NearOptions = {}): Evidence[] {
    const maxGap = options.maxGap ?? 40;
    const as = this.hits(a);
    if (as.length === 0) return [];
    const bs = this.hits(b);
    if (bs.length === 0) return [];
    const masks = options.unless ? this.hits(options.unless) : [];
    for (const ha of as) {
      if (masks.some((m) => m.start <= ha.start && ha.end <= m.end)) continue;
      for (const hb of bs) {
        if (hb.sentence !== ha.sentence) continue;
        const after = hb.start >= ha.end && hb.start - ha.end <= maxGap;
        const before = options.anyOrder === true && hb.end <= ha.start && ha.start - hb.end <= maxGap;
        if (after || before) return [this.evidence(ha), this.evidence(hb)];
      }
    }
    return [];
  }
}

/** A rule context the engine can still narrow before rules run (see `ignoreSpans`). */
export type EngineContext = RuleContext & Pick<MessageContext, 'ignoreSpans'>;

/** Create the context for one message. Lexicon hits are computed lazily and cached. */
export function createRuleContext(input: ContextInput): EngineContext {
  return new MessageContext(input);
}
