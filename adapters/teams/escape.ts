/**
 * Making hostile text harmless in an Adaptive Card TextBlock or FactSet value. Teams renders a
 * subset of Markdown there (bold, italic, strike, code, headings, quotes, lists, `[label](url)`)
 * and auto-links bare URLs, e-mail addresses and domains. A fraudster controls the message body,
 * the sender's name and everything quoted from them; on a card none of it may format or link.
 *
 * Backslash escapes are not used: Teams clients disagree about them (desktop hides the
 * backslash, mobile shows it or still formats, see microsoft/AdaptiveCards#5590 and #4677).
 * Instead:
 * - Markdown and HTML punctuation becomes its full-width look-alike (`＊ ＿ ～ ｀ ＃ ＞ ＜ ［ ］ （ ） ｛ ｝`),
 *   which no renderer parses and which reads naturally in Japanese text;
 * - a list marker at the start of a line (`- `, `+ `, `1. `, `1) `) gets a full-width `－ ＋ ．`
 *   so it stays text, and so does a line of only `-` or `=` (a rule or a heading underline);
 * - a zero-width space (U+200B) goes after `:` and `@` and after a dot inside a word, so no client
 *   auto-links `https://…`, `a@b.jp` or `evil.example`;
 * - bidi controls and other control characters (except newline and tab) become U+FFFD.
 */

import { defusePieces, fitPieces, headFor, type DefuseOptions } from '../defuse.ts';

export { ZWSP } from '../defuse.ts';

const FULL_WIDTH: Record<string, string> = {
  '*': '＊',
  _: '＿',
  '~': '～',
  '`': '｀',
  '#': '＃',
  '>': '＞',
  '<': '＜',
  '[': '［',
  ']': '］',
  '(': '（',
  ')': '）',
  '{': '｛',
  '}': '｝',
  '|': '｜',
  '\\': '＼',
};
const CARD_TEXT: DefuseOptions = { replace: FULL_WIDTH, breakAfter: new Set([':', '@']) };
const LIST_MARKER = /^([ \t]*)([-+]|\d{1,9}[.)])(?=[ \t]|$)/gmu;
const LIST_FULL_WIDTH: Record<string, string> = { '-': '－', '+': '＋', '.': '．', ')': '）' };
// A line of only dashes or equals signs: a rule, or the underline of a setext heading.
const RULE_LINE = /^[ \t]*[-=]{2,}[ \t]*$/gmu;

/**
 * The escaped form of each code point of `text`, in order. Kept as pieces so `fitCardText` can
 * cut without splitting a surrogate pair or a zero-width space from its character.
 */
export function escapePieces(text: string): string[] {
  const unlisted = text
    .replace(/\r\n?/g, '\n')
    .replace(RULE_LINE, (line) => line.replace(/-/g, '－').replace(/=/g, '＝'))
    .replace(LIST_MARKER, (_m, indent: string, marker: string) => indent + marker.replace(/[-+.)]$/u, (c) => LIST_FULL_WIDTH[c]!));
  return defusePieces(unlisted, CARD_TEXT);
}

/**
 * Hostile text → card text that shows the same words and does nothing else.
 * @example escapeCardText('**pay** https://evil.example') // '＊＊pay＊＊ https:\u200B//evil.\u200Bexample'
 */
export function escapeCardText(text: string): string {
  return escapePieces(text).join('');
}

/**
 * Escapes `text` and cuts it to at most `max` characters of output, ending with `…` when cut.
 * Cuts fall between escaped pieces, never inside a surrogate pair.
 */
export function fitCardText(text: string, max: number): string {
  return fitPieces(escapePieces(headFor(text, max)), max);
}

/**
 * Text for a multi-line TextBlock: Markdown needs a blank line to break a line, so each line
 * break is doubled after escaping (runs of blank lines collapse to one).
 */
export function cardParagraphs(escaped: string): string {
  return escaped
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
