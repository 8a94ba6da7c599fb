/**
 * Lexicons: word lists written naturally (「ＬＩＮＥグループ」, 「振り込み」) and matched on the folded
 * form of a message (`PreparedText.compact`), so width, kana and inserted spaces (「振 込」) don't
 * matter. Every word list is also compiled into one Aho–Corasick automaton (`scanLexicons`), so a
 * message is read once for all lexicons, in time linear in its length.
 */
import { foldForMatch } from './text.ts';

export interface Lexicon {
  name: string;
  /** Global regex over folded text: an alternation of escaped literals, longest first (or a raw pattern). */
  regex: RegExp;
  words: readonly string[];
  /** Folded words; empty for a raw pattern. */
  folded: readonly string[];
  /** Index in the automaton; -1 for a raw pattern. */
  index: number;
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;
const LATIN_HEAD = /^[a-z0-9]/;
const LATIN_TAIL = /[a-z]$/;

/**
 * Escape a folded word; Latin words get boundaries so 「line」 doesn't match "online" or
 * "LINE WORKS" (folded text has no spaces, so a letter is the only boundary there is).
 */
function guarded(word: string): string {
  const escaped = word.replace(SPECIAL, '\\$&');
  const head = LATIN_HEAD.test(word) ? '(?<![a-z0-9])' : '';
  const tail = LATIN_TAIL.test(word) ? '(?![a-z])' : '';
  return head + escaped + tail;
}

const registered: Lexicon[] = [];
let automaton: Automaton | null = null;

/** Compile a word list. Words are folded with the same fold as the message. */
export function lexicon(name: string, words: readonly string[]): Lexicon {
  // Compact keeps whitespace between Latin words but glues "sign-in" to "signin": a two-word phrase
  // ("sign in") also matches glued. Longer phrases list their glued forms themselves when people write them.
  const folded = [...new Set(words.map(foldForMatch).flatMap((w) => (w.split(' ').length === 2 ? [w, w.replace(' ', '')] : [w])).filter((w) => w.length > 0))];
  folded.sort((a, b) => b.length - a.length);
  const source = folded.map(guarded).join('|');
  const lex: Lexicon = { name, regex: new RegExp(source, 'gu'), words, folded, index: registered.length };
  registered.push(lex);
  automaton = null;
  return lex;
}

/**
 * A lexicon from a raw pattern over folded text, for shapes a word list can't say (「15時まで」).
 * The pattern must be linear-time; the ReDoS test checks every lexicon.
 */
export function pattern(name: string, source: string): Lexicon {
  return { name, regex: new RegExp(source, 'gu'), words: [], folded: [], index: -1 };
}

/** Does a folded string (a display name, say) contain any word of the lexicon, with the same boundaries as a scan? */
export function containsAny(lex: Lexicon, folded: string): boolean {
  if (lex.index >= 0) return (scanLexicons(folded, 1)[lex.index]?.length ?? 0) > 0;
  lex.regex.lastIndex = 0;
  const found = lex.regex.test(folded);
  lex.regex.lastIndex = 0;
  return found;
}

/**
 * The Aho–Corasick automaton of every word list: goto edges, fail links and the words ending at
 * each state. The root and its children — where a scan spends most of its time — have dense DFA
 * rows (every class, fail links already followed); deeper states keep only their own edges, in one
 * open-addressing hash table, and follow fail links. Memory grows with the number of edges, not
 * states × alphabet (a full DFA of the Japanese + English lists would be ~40 MB).
 */
interface Automaton {
  /** Per UTF-16 code unit: its class, 1…width-1 (0 for a unit no word contains). */
  classes: Uint16Array;
  /** Number of classes + 1. */
  width: number;
  /** Per state: its dense row number, or -1. */
  dense: Int32Array;
  /** Dense rows, `width` entries each: the next state per class. Row 0 is the root's. */
  rows: StateArray;
  /** Other edges: key = state * width + class + 1 (0: empty slot), value = next state. */
  keys: Int32Array;
  values: StateArray;
  /** keys.length - 1 (a power of two minus one). */
  mask: number;
  /** Fail link of each state (the longest proper suffix that is a state). */
  fail: StateArray;
  /** Per state: [lexicon index, word length, latin head?, latin tail?] for every word ending here. */
  out: { lex: number; len: number; head: boolean; tail: boolean }[][];
  /** Per state: 1 when a word ends there (read first: most states end none). */
  outCount: Uint8Array;
}

/**
 * State numbers: 16 bits while the lexicons have fewer than 65,536 states (~17,000 today), so the
 * tables a scan reads stay small enough to sit in cache between messages.
 */
type StateArray = Uint16Array | Int32Array;

function stateArray(states: number, length: number): StateArray {
  return states < 0x10000 ? new Uint16Array(length) : new Int32Array(length);
}

const HASH_MULTIPLIER = 0x9e3779b1;

/**
 * States up to this depth get dense rows. Deeper rows barely speed a warm scan and make the tables
 * too large to stay in cache between messages (depth 1: ~0.4 MB; depth 3: ~2.5 MB).
 */
const DENSE_DEPTH = 1;

/** Next state of a non-root state `s` on `cls` by its own edges, or -1. */
function edge(a: Automaton, s: number, cls: number): number {
  const key = s * a.width + cls + 1;
  let h = Math.imul(key, HASH_MULTIPLIER) & a.mask;
  for (;;) {
    const k = a.keys[h]!;
    if (k === key) return a.values[h]!;
    if (k === 0) return -1;
    h = (h + 1) & a.mask;
  }
}

function build(): Automaton {
  const next: Map<number, number>[] = [new Map()];
  const out: Automaton['out'] = [[]];
  for (const lex of registered) {
    for (const word of lex.folded) {
      let s = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        let t = next[s]!.get(c);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s]!.set(c, t);
        }
        s = t;
      }
      out[s]!.push({ lex: lex.index, len: word.length, head: LATIN_HEAD.test(word), tail: LATIN_TAIL.test(word) });
    }
  }
  const failLinks = new Int32Array(next.length);
  const queue: number[] = [];
  for (const t of next[0]!.values()) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    for (const [c, t] of next[s]!) {
      let f = failLinks[s]!;
      while (f > 0 && !next[f]!.has(c)) f = failLinks[f]!;
      const candidate = next[f]!.get(c);
      failLinks[t] = candidate !== undefined && candidate !== t ? candidate : 0;
      out[t] = [...out[t]!, ...out[failLinks[t]!]!];
      queue.push(t);
    }
  }
  const states = next.length;
  const fail = stateArray(states, states);
  fail.set(failLinks);
  const classes = new Uint16Array(0x10000);
  let width = 1;
  let edges = 0;
  for (const m of next) {
    edges += m.size;
    for (const c of m.keys()) if (classes[c] === 0) classes[c] = width++;
  }
  // Dense rows for the shallow states (depth ≤ DENSE_DEPTH), in breadth-first order: a state's fail
  // link is shallower, so its row is complete before the state's own edges are laid over a copy of it.
  const depth = new Int32Array(states);
  for (const t of next[0]!.values()) depth[t] = 1;
  for (const s of queue) for (const t of next[s]!.values()) depth[t] = depth[s]! + 1;
  const shallow = [0, ...queue.filter((s) => depth[s]! <= DENSE_DEPTH)];
  const dense = new Int32Array(states).fill(-1);
  const rows = stateArray(states, shallow.length * width);
  shallow.forEach((s, k) => {
    const row = k * width;
    dense[s] = k;
    const failRow = dense[fail[s]!]! * width;
    if (s !== 0) rows.copyWithin(row, failRow, failRow + width);
    for (const [c, t] of next[s]!) rows[row + classes[c]!] = t;
  });
  let size = 1;
  while (size < edges * 2) size *= 2;
  const outCount = Uint8Array.from(out, (o) => (o.length > 0 ? 1 : 0));
  const a: Automaton = { classes, width, dense, rows, keys: new Int32Array(size), values: stateArray(states, size), mask: size - 1, fail, out, outCount };
  for (let s = 1; s < states; s++) {
    for (const [c, t] of next[s]!) {
      const key = s * width + classes[c]! + 1;
      let h = Math.imul(key, HASH_MULTIPLIER) & a.mask;
      while (a.keys[h] !== 0) h = (h + 1) & a.mask;
      a.keys[h] = key;
      a.values[h] = t;
    }
  }
  return a;
}

const isLatinLetter = (c: number): boolean => c >= 0x61 && c <= 0x7a;
const isLatinOrDigit = (c: number): boolean => isLatinLetter(c) || (c >= 0x30 && c <= 0x39);

/** A hit of one lexicon in folded text: [start, end). */
export interface LexiconHit {
  start: number;
  end: number;
}

/**
 * Every word-list hit in `text`, per lexicon index, in one pass. Within a lexicon, hits are
 * leftmost-longest and non-overlapping (like the regex); at most `maxPerLexicon` are kept.
 */
export function scanLexicons(text: string, maxPerLexicon: number): (LexiconHit[] | undefined)[] {
  automaton ??= build();
  const a = automaton;
  const { classes, out, outCount, dense, rows, width, fail } = a;
  const raw: (LexiconHit[] | undefined)[] = new Array<LexiconHit[] | undefined>(registered.length);
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const cls = classes[text.charCodeAt(i)]!;
    if (cls === 0) {
      s = 0; // a character no word contains: back to the root, where no word ends
      continue;
    }
    // step(a, s, cls), inlined: dense rows answer at once; deeper states follow fail links.
    for (let state = s; ; state = fail[state]!) {
      const row = dense[state]!;
      if (row !== -1) {
        s = rows[row * width + cls]!;
        break;
      }
      const t = edge(a, state, cls);
      if (t !== -1) {
        s = t;
        break;
      }
    }
    if (outCount[s] === 0) continue;
    const found = out[s]!;
    for (let k = 0; k < found.length; k++) {
      const o = found[k]!;
      let list = raw[o.lex];
      if (list === undefined) raw[o.lex] = list = [];
      else if (list.length >= maxPerLexicon * 4) continue;
      const start = i + 1 - o.len;
      if (o.head && start > 0 && isLatinOrDigit(text.charCodeAt(start - 1))) continue;
      if (o.tail && i + 1 < text.length && isLatinLetter(text.charCodeAt(i + 1))) continue;
      list.push({ start, end: i + 1 });
    }
  }
  for (let i = 0; i < raw.length; i++) {
    const list = raw[i];
    if (list !== undefined) raw[i] = leftmostLongest(list, maxPerLexicon);
  }
  return raw;
}

function leftmostLongest(list: LexiconHit[], max: number): LexiconHit[] {
  if (list.length <= 1) return list;
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: LexiconHit[] = [];
  let reach = -1;
  for (const h of list) {
    if (h.start < reach) continue;
    kept.push(h);
    reach = h.end;
    if (kept.length >= max) break;
  }
  return kept;
}
