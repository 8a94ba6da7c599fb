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

/** Zero-width space: invisible, but breaks links and shortcodes. */
export const ZWSP = '\u200B';

const FULL_WIDTH: Record<string, string> = { '*': '＊', _: '＿', '~': '～', '`': '｀' };
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// C0/C1 controls except \t \n, bidi embeddings/overrides/isolates, and line/paragraph separators.
const UNSAFE_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u2028\u2029]/u;
const WORDISH = /[\p{L}\p{N}]/u;

/**
 * The escaped form of each code point of `text`, in order. Kept as pieces so `fitMrkdwn` can cut
 * without splitting an entity, a surrogate pair or a zero-width space from its character.
 */
export function escapePieces(text: string): string[] {
  const chars = Array.from(text.replace(/\r\n?/g, '\n'));
  return chars.map(function escapeChar(ch, i) {
    const next = chars[i + 1] ?? '';
    const prev = chars[i - 1] ?? '';
    if (ENTITY[ch]) return ENTITY[ch]!;
    if (FULL_WIDTH[ch]) return FULL_WIDTH[ch]!;
    if (UNSAFE_CONTROL.test(ch)) return '\uFFFD';
    if ((ch === ':' || ch === '@' || ch === '#') && next !== '' && !/\s/u.test(next)) return ch + ZWSP;
    if ((ch === '.' || ch === '．') && WORDISH.test(prev) && WORDISH.test(next)) return ch + ZWSP;
    return ch;
  });
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
  const pieces = escapePieces(text);
  const whole = pieces.join('');
  if (whole.length <= max) return whole;
  let out = '';
  for (const p of pieces) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out}…`;
}

/** Plain text (no mrkdwn parsing) cut to `max` characters on a code-point boundary. */
export function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const ch of Array.from(text)) {
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
  const pieces = escapePieces(text).map((p) => (p === '\n' ? '\n>' : p));
  let out = '>';
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!;
    const last = i === pieces.length - 1;
    if (out.length + p.length > (last ? max : max - 1)) return { text: `${out}…`, cut: true };
    out += p;
  }
  return { text: out, cut: false };
}
