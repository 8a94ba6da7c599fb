/**
 * Making hostile text harmless in Slack mrkdwn. A fraudster controls the message body, the
 * sender's name and everything quoted from them; in a card none of it may ping (`<!channel>`,
 * `<!here>`, `<@U…>`), link (`<https://evil|label>`, bare URLs, e-mail addresses, domains) or
 * format (`*bold*`, `_it_`, `~strike~`, `` `code` ``, `:emoji:`).
 *
 * - `&`, `<`, `>` become `&amp;`, `&lt;`, `&gt;` (Slack's own escaping), so no `<…>` control
 *   sequence survives;
 * - the formatting characters become their full-width look-alikes (`＊ ＿ ～ ｀`), which Slack
 *   never parses;
 * - a zero-width space (U+200B) goes after `:`, `@`, `#` and a dot inside a word, so no client
 *   auto-links `https://…`, `a@b.jp`, `evil.example` or `#channel`, and `:emoji:` stays text;
 * - bidi controls and other control characters (except newline and tab) become U+FFFD.
 *
 * Every text object carrying such text is also sent with `verbatim: true` (see blocks.ts).
 */

import { defusePieces, fitPieces, headFor, type DefuseOptions } from '../defuse.ts';

export { ZWSP } from '../defuse.ts';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const MRKDWN: DefuseOptions = {
  replace: { ...ENTITY, '*': '＊', _: '＿', '~': '～', '`': '｀' },
  breakAfter: new Set([':', '@', '#']),
};

/**
 * The escaped form of each code point of `text`, in order. Kept as pieces so `fitMrkdwn` can cut
 * without splitting an entity, a surrogate pair or a zero-width space from its character.
 */
export function escapePieces(text: string): string[] {
  return defusePieces(text.replace(/\r\n?/g, '\n'), MRKDWN);
}

/**
 * Hostile text → mrkdwn that shows the same words and does nothing else.
 * @example escapeMrkdwn('<!channel> *pay* https://evil.example') // '&lt;!channel&gt; ＊pay＊ https:\u200B//evil.\u200Bexample'
 */
export function escapeMrkdwn(text: string): string {
  return escapePieces(text).join('');
}

/**
 * Escapes `text` and cuts it to at most `max` characters of output, ending with `…` when cut.
 * Cutting happens between escaped pieces, never inside `&amp;` or a surrogate pair.
 */
export function fitMrkdwn(text: string, max: number): string {
  return fitPieces(escapePieces(headFor(text, max)), max);
}

/** Plain text (no mrkdwn parsing) cut to `max` characters on a code-point boundary. */
export function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of Array.from(headFor(text, max))) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** A URL from kakunin's own config inside `<url|label>`; only `&`, `<`, `>` and `|` need care. */
export function slackLink(url: string, label: string): string {
  const safeUrl = url.replace(/[&<>|]/g, (c) => (c === '|' ? '%7C' : ENTITY[c]!));
  return `<${safeUrl}|${escapeMrkdwn(label)}>`;
}

/**
 * Hostile text as a mrkdwn block quote (`>` before every line), escaped and cut to `max`
 * characters including the quote marks. Returns whether it had to cut.
 */
export function quoteMrkdwn(text: string, max: number): { text: string; cut: boolean } {
  const pieces = escapePieces(headFor(text, max)).map((p) => (p === '\n' ? '\n>' : p));
  let out = '>';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const last = i === pieces.length - 1;
    if (out.length + p.length > (last ? max : max - 1)) return { text: `${out}…`, cut: true };
    out += p;
  }
  return { text: out, cut: false };
}
