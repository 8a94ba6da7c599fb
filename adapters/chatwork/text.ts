/**
 * Linear text helpers for the Chatwork parser. A chat message is hostile input, and a regex such
 * as `/\s+$/` or `/[ \t]+\n/` tries its greedy run again from every start position inside a long
 * run of spaces that is not followed by what it needs: 240,000 spaces took 30 s. These walk the
 * text once (each character is looked at a bounded number of times), and the tests prove it by
 * running redos-detector over every regex in src/, adapters/ and rules/ (test/robustness/redos-sweep.test.ts).
 */

/** Spaces a line may start or end with around a `送信者:` annotation (ASCII space, tab, ideographic space). */
const isLineSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000;

/** `s` without its leading line feeds and trailing white space (what a quote's body is cut to). */
export function trimQuoteBody(s: string): string {
  let start = 0;
  while (start < s.length && s.charCodeAt(start) === 0x0a) start += 1;
  return s.slice(start).trimEnd();
}

/**
 * Joins `lines` with at most one blank line in a row, trimmed: what `.replace(/\n{3,}/g, '\n\n').trim()`
 * did, in one pass.
 */
function joinCollapsed(lines: string[]): string {
  const out: string[] = [];
  let blank = 0;
  for (const line of lines) {
    blank = line === '' ? blank + 1 : 0;
    if (blank < 2) out.push(line);
  }
  return out.join('\n').trim();
}

/** Runs of blank lines become one, and the whole is trimmed. */
export function collapseBlankLines(s: string): string {
  return joinCollapsed(s.split('\n'));
}

/**
 * Tidies the reporter's note: spaces and tabs at the end of each line go, runs of blank lines
 * become one, and the whole is trimmed.
 * @example tidyLines('a  \n\n\n\nb\t') // 'a\n\nb'
 */
export function tidyLines(s: string): string {
  return joinCollapsed(
    s.split('\n').map((line) => {
      let end = line.length;
      while (end > 0 && (line.charCodeAt(end - 1) === 0x20 || line.charCodeAt(end - 1) === 0x09)) end -= 1;
      return line.slice(0, end);
    }),
  );
}

const SENDER_KEYWORDS = ['送信者', '差出人', '送り主', '発信者', 'sender', 'from'];
/** Longest name a `送信者:` line may give. */
export const MAX_SENDER_NAME = 80;

/** A `送信者: 山田太郎` line: the name written (null when only spaces follow the colon) and the line's index. */
export interface SenderLine {
  name: string | null;
  line: number;
}

/** Reads one line as `<keyword> : <name>`, or null. */
function senderOf(line: string): string | null | undefined {
  let i = 0;
  while (i < line.length && isLineSpace(line.charCodeAt(i))) i += 1;
  const head = line.slice(i, i + 6).toLowerCase();
  const keyword = SENDER_KEYWORDS.find((k) => head.startsWith(k));
  if (!keyword) return undefined;
  i += keyword.length;
  while (i < line.length && isLineSpace(line.charCodeAt(i))) i += 1;
  const colon = line.charCodeAt(i);
  if (colon !== 0x3a && colon !== 0xff1a) return undefined; // ':' or '：'
  const rest = line.slice(i + 1);
  if (rest === '') return undefined;
  let start = 0;
  let end = rest.length;
  while (start < end && isLineSpace(rest.charCodeAt(start))) start += 1;
  while (end > start && isLineSpace(rest.charCodeAt(end - 1))) end -= 1;
  if (end - start > MAX_SENDER_NAME) return undefined;
  return rest.slice(start, end).trim() || null;
}

/**
 * The first line of `text` that names the sender (`送信者: …`, `差出人：…`, `From: …`), if any.
 * @example findSenderLine('転送します\n送信者: 山田 太郎\n本文') // { name: '山田 太郎', line: 1 }
 */
export function findSenderLine(text: string): SenderLine | null {
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const name = senderOf(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (name !== undefined) return { name, line: n };
  }
  return null;
}

/** `text` without line number `line` (its content; the line break stays, as a blank line). */
export function withoutLine(text: string, line: number): string {
  const lines = text.split('\n');
  lines[line] = '';
  return lines.join('\n');
}

/**
 * At most `max` UTF-16 units of `s`, never ending between the halves of a surrogate pair.
 * @example cutAt('a😀', 2) // 'a'
 */
export function cutAt(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}
