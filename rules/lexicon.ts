/**
 * Lexicons: word lists written naturally (「ＬＩＮＥグループ」, 「振り込み」) and matched on the folded
 * form of a message (`PreparedText.compact`), so width, kana and inserted spaces (「振 込」) don't
 * matter. Every word list is also compiled into one Aho–Corasick automaton (`scanLexicons`), so a
 * message is read once for all lexicons, in time linear in its length.
 */
import { foldForMatch } from '../src/detection/text.ts';

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

interface Automaton {
  /** Per UTF-16 code unit: its column in `delta` (0 for a unit no word contains). */
  classes: Int32Array;
  /** Columns per state in `delta`. */
  width: number;
  /** The goto/fail automaton flattened into a DFA: next state = delta[state * width + class]. */
  delta: Int32Array;
  /** Per state: [lexicon index, word length, latin head?, latin tail?] for every word ending here. */
  out: { lex: number; len: number; head: boolean; tail: boolean }[][];
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
  const fail = new Int32Array(next.length);
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
  // Flatten: one column per code unit that occurs in a word; every other unit leads to the root.
  const classes = new Int32Array(0x10000);
  let width = 1;
  for (const m of next) for (const c of m.keys()) if (classes[c] === 0) classes[c] = width++;
  const delta = new Int32Array(next.length * width);
  // States in breadth-first order, so a state's fail target is complete before the state itself.
  for (const s of [0, ...queue]) {
    const row = s * width;
    const failRow = fail[s]! * width;
    for (let k = 1; k < width; k++) delta[row + k] = s === 0 ? 0 : delta[failRow + k]!;
    for (const [c, t] of next[s]!) delta[row + classes[c]!] = t;
  }
  return { classes, width, delta, out };
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
  const { classes, width, delta, out } = automaton;
  const raw: (LexiconHit[] | undefined)[] = new Array<LexiconHit[] | undefined>(registered.length);
  let s = 0;
  for (let i = 0; i < text.length; i++) {
    s = delta[s * width + classes[text.charCodeAt(i)]!]!;
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
