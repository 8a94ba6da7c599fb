/**
 * Lexicons: word lists written naturally (「ＬＩＮＥグループ」, 「振り込み」) and compiled once into a
 * linear-time regex over the folded form of a message (`PreparedText.compact`), so width,
 * kana and inserted spaces (「振 込」) don't matter.
 */
import { foldForMatch } from '../src/detection/text.ts';

export interface Lexicon {
  name: string;
  /** Global regex over folded text: an alternation of escaped literals, longest first. */
  regex: RegExp;
  words: readonly string[];
}

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * Escape a folded word; Latin words get boundaries so 「line」 doesn't match "online" or
 * "LINE WORKS" (folded text has no spaces, so a letter is the only boundary there is).
 */
function guarded(word: string): string {
  const escaped = word.replace(SPECIAL, '\\$&');
  const head = /^[a-z0-9]/.test(word) ? '(?<![a-z0-9])' : '';
  const tail = /[a-z]$/.test(word) ? '(?![a-z])' : '';
  return head + escaped + tail;
}

/** Compile a word list. Words are folded with the same fold as the message. */
export function lexicon(name: string, words: readonly string[]): Lexicon {
  const folded = [...new Set(words.map(foldForMatch).filter((w) => w.length > 0))];
  folded.sort((a, b) => b.length - a.length);
  const source = folded.map(guarded).join('|');
  return { name, regex: new RegExp(source, 'gu'), words };
}

/** Union of lexicons, for "any of these". */
export function anyOf(name: string, ...lexicons: Lexicon[]): Lexicon {
  return lexicon(
    name,
    lexicons.flatMap((l) => l.words),
  );
}

/**
 * A lexicon from a raw pattern over folded text, for shapes a word list can't say (「15時まで」).
 * The pattern must be linear-time; the ReDoS test checks every lexicon.
 */
export function pattern(name: string, source: string): Lexicon {
  return { name, regex: new RegExp(source, 'gu'), words: [] };
}
