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
  /** Position of its answers in a message's caches (word lists and patterns alike, from 0). */
  slot: number;
}

let slots = 0;

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
  const lex: Lexicon = { name, regex: new RegExp(source, 'gu'), words, folded, index: registered.length, slot: slots++ };
  registered.push(lex);
  automaton = null;
  return lex;
}

/**
 * A lexicon from a raw pattern over folded text, for shapes a word list can't say (「15時まで」).
 * The pattern must be linear-time; the ReDoS test checks every lexicon.
 */
export function pattern(name: string, source: string): Lexicon {
  return { name, regex: new RegExp(source, 'gu'), words: [], folded: [], index: -1, slot: slots++ };
}

/** Every word list compiled so far, in automaton order (for tests that hold the automaton to the regexes). */
export function registeredLexicons(): readonly Lexicon[] {
  return [...registered];
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
 * The Aho–Corasick automaton of every word list, laid out to stay small: a scan is memory-bound
 * (between two messages the rest of the engine pushes the tables out of cache, and a cold scan took
 * five times as long as a warm one), so every table a step reads is packed.
 *
 * - Character classes: ASCII and the kana block by direct index, every other code unit through a
 *   small open-addressing table (a few KB instead of a 128 KB array indexed by code unit).
 * - Per state, two int32s side by side: where its edges start, and its fail link, whether a word
 *   ends there and its dense row.
 * - Edges: one int32 each (class << 16 | next state), sorted by class per state, searched in place.
 * - Dense rows (a full DFA row: every class, fail links already followed) only for the root and
 *   the few states with many edges, where a search would be long.
 */
interface Automaton {
  /** Class (1…width-1, 0: in no word) of ASCII units at [0, 0x80) and of U+3000…U+30FF at [0x80, 0x180). */
  near: Uint16Array;
  /** Other units: entry = unit << 16 | class, 0 = empty; `farShift` turns a hash into an index. */
  far: Uint32Array;
  farShift: number;
  /** Number of classes + 1. */
  width: number;
  /** Per state s: meta[2s] = index of its first edge (meta[2s + 2] ends them); meta[2s + 1] = META_*. */
  meta: Int32Array;
  /** Edges, class << 16 | next state, ascending by class within a state. */
  edges: Int32Array;
  /** Dense rows, `width` entries each; row 0 is the root's. */
  rows: Uint16Array;
  /** Per state: [lexicon index, word length, latin head?, latin tail?] for every word ending here. */
  out: { lex: number; len: number; head: boolean; tail: boolean }[][];
}

/** meta[2s + 1]: fail link in the low 16 bits, bit 16 set when a word ends at s, dense row + 1 from bit 17 (0: none). */
const META_FAIL = 0xffff;
const META_OUT = 1 << 16;
const META_ROW_SHIFT = 17;

/** States with at least this many edges get a dense row (besides the root): a binary search there would take many steps. */
const DENSE_MIN_EDGES = 24;
/** Up to this many edges, a state's edges are searched linearly. */
const LINEAR_EDGES = 8;

const HASH_MULTIPLIER = 0x9e3779b1;

function nearIndex(c: number): number {
  if (c < 0x80) return c;
  if (c >= 0x3000 && c < 0x3100) return c - 0x3000 + 0x80;
  return -1;
}

/** Class of a UTF-16 code unit (0 when no word contains it). */
function classOf(a: Automaton, c: number): number {
  const n = nearIndex(c);
  if (n !== -1) return a.near[n]!;
  const mask = a.far.length - 1;
  for (let h = Math.imul(c, HASH_MULTIPLIER) >>> a.farShift; ; h = (h + 1) & mask) {
    const e = a.far[h]!;
    if (e === 0) return 0;
    if (e >>> 16 === c) return e & 0xffff;
  }
}

/** Next state of a state without a dense row on `cls` by its own edges [lo, hi), or -1. */
function edge(edges: Int32Array, lo: number, hi: number, cls: number): number {
  if (hi - lo <= LINEAR_EDGES) {
    for (let k = lo; k < hi; k++) {
      const e = edges[k]!;
      const c = e >>> 16;
      if (c === cls) return e & 0xffff;
      if (c > cls) return -1;
    }
    return -1;
  }
  let l = lo;
  let h = hi - 1;
  while (l <= h) {
    const mid = (l + h) >>> 1;
    const e = edges[mid]!;
    const c = e >>> 16;
    if (c === cls) return e & 0xffff;
    if (c < cls) l = mid + 1;
    else h = mid - 1;
  }
  return -1;
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
  const states = next.length;
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (const t of next[0]!.values()) queue.push(t);
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi]!;
    for (const [c, t] of next[s]!) {
      let f = fail[s]!;
      while (f > 0 && !next[f]!.has(c)) f = fail[f]!;
      const candidate = next[f]!.get(c);
      fail[t] = candidate !== undefined && candidate !== t ? candidate : 0;
      out[t] = [...out[t]!, ...out[fail[t]!]!];
      queue.push(t);
    }
  }

  // Classes: every code unit some word contains, numbered from 1.
  const classByUnit = new Map<number, number>();
  for (const m of next) for (const c of m.keys()) if (!classByUnit.has(c)) classByUnit.set(c, classByUnit.size + 1);
  const width = classByUnit.size + 1;
  if (states > META_FAIL + 1 || width > 0x7fff) throw new Error(`lexicons too large for the packed automaton (${states} states, ${width} classes)`);
  const near = new Uint16Array(0x180);
  const farUnits = [...classByUnit].filter(([c]) => nearIndex(c) === -1);
  let farBits = 4;
  while (1 << farBits < farUnits.length * 4) farBits++;
  const far = new Uint32Array(1 << farBits);
  const farShift = 32 - farBits;
  for (const [c, cls] of classByUnit) {
    const n = nearIndex(c);
    if (n !== -1) {
      near[n] = cls;
      continue;
    }
    let h = Math.imul(c, HASH_MULTIPLIER) >>> farShift;
    while (far[h] !== 0) h = (h + 1) & (far.length - 1);
    far[h] = ((c << 16) | cls) >>> 0;
  }

  // Dense rows: the root and the states with many edges, each a full row of the DFA.
  const step = (from: number, c: number): number => {
    let f = from;
    while (f > 0 && !next[f]!.has(c)) f = fail[f]!;
    return next[f]!.get(c) ?? 0;
  };
  const denseStates = [0, ...queue.filter((s) => next[s]!.size >= DENSE_MIN_EDGES)];
  const rows = new Uint16Array(denseStates.length * width);
  const rowOf = new Int32Array(states).fill(-1);
  denseStates.forEach((s, k) => {
    rowOf[s] = k;
    for (const [c, cls] of classByUnit) rows[k * width + cls] = step(s, c);
  });

  const meta = new Int32Array(2 * states + 2);
  const edges = new Int32Array(states - 1);
  let e = 0;
  for (let s = 0; s < states; s++) {
    meta[2 * s] = e;
    meta[2 * s + 1] = fail[s]! | (out[s]!.length > 0 ? META_OUT : 0) | ((rowOf[s]! + 1) << META_ROW_SHIFT);
    if (rowOf[s] !== -1) continue;
    const own = [...next[s]!].map(([c, t]) => (classByUnit.get(c)! << 16) | t).sort((x, y) => x - y);
    for (const packed of own) edges[e++] = packed;
  }
  meta[2 * states] = e;
  return { near, far, farShift, width, meta, edges: edges.subarray(0, e), rows, out };
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
  const { out, meta, edges, rows, width } = a;
  const raw: (LexiconHit[] | undefined)[] = new Array<LexiconHit[] | undefined>(registered.length);
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const cls = classOf(a, unit);
    if (cls === 0) {
      s = 0; // a character no word contains: back to the root, where no word ends
      continue;
    }
    // One DFA step: a dense row answers at once; otherwise the state's own edges, then its fail link.
    for (let state = s; ; ) {
      const info = meta[2 * state + 1]!;
      const row = info >>> META_ROW_SHIFT;
      if (row !== 0) {
        s = rows[(row - 1) * width + cls]!;
        break;
      }
      const t = edge(edges, meta[2 * state]!, meta[2 * state + 2]!, cls);
      if (t !== -1) {
        s = t;
        break;
      }
      state = info & META_FAIL;
    }
    if ((meta[2 * s + 1]! & META_OUT) === 0) continue;
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
  // Found in order of their ends: usually already by start (then longest first), and a sort allocates.
  let ordered = true;
  for (let k = 1; k < list.length && ordered; k++) {
    const a = list[k - 1]!;
    const b = list[k]!;
    ordered = a.start < b.start || (a.start === b.start && a.end >= b.end);
  }
  if (!ordered) list.sort((a, b) => a.start - b.start || b.end - a.end);
  // Kept in place (no copy): hits that overlap a kept one are dropped by moving the others down.
  let kept = 0;
  let reach = -1;
  for (let k = 0; k < list.length && kept < max; k++) {
    const h = list[k]!;
    if (h.start < reach) continue;
    list[kept++] = h;
    reach = h.end;
  }
  list.length = kept;
  return list;
}
