/**
 * Text from a fraudster (or any person) echoed into a Chatwork message must not be notation:
 * `[toall]`, `[To:123]`, `[rp aid=…]`, `[info]`, `[qt]`, `[piconname:…]`, `[hr]`, `[code]` … would
 * mention people, forge a kakunin box or hide text. Every ASCII bracket becomes its full-width twin
 * (［ ］), which Chatwork never parses and people still read. Line breaks and tabs collapse to a
 * space (an echo cannot start a line that looks like ours), bidi and other format controls are
 * dropped (no reversed or hidden text), and the result is cut to `max` characters.
 *
 * Only the first `readFor(max)` characters are read: the text is cut before it is escaped, so a
 * huge body costs what a short one does. (Escaping drops and collapses characters, so a text that
 * is mostly whitespace or controls may show less than `max` characters; it never shows more.)
 *
 * @example escapeChatwork('[toall]至急[To:123]') // '［toall］至急［To:123］'
 */
export function escapeChatwork(text: string, max = 200): string {
  const h = head(text, max);
  return flatten(h.text, max, h.cut);
}

/** How much of a text an echo of at most `max` characters reads. */
export const readFor = (max: number) => 4 * Math.max(0, max) + 64;

/** The first `readFor(max)` UTF-16 units of `text` (never half a surrogate pair), and whether that cut anything. */
function head(text: string, max: number): { text: string; cut: boolean } {
  const n = readFor(max);
  if (text.length <= n) return { text, cut: false };
  const last = text.charCodeAt(n - 1);
  return { text: text.slice(0, last >= 0xd800 && last <= 0xdbff ? n - 1 : n), cut: true };
}

function flatten(text: string, max: number, cut: boolean): string {
  const flat = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, '')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > max || (cut && chars.length > 0) ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

const URL_LIKE = /(?:h\s*t\s*t\s*p\s*s?\s*[:：]\s*[/／]{2}|ｈｔｔｐｓ?[:：][/／]{2}|www\.|line\.me|lin\.ee)[^\s「」『』（）()<>]*/giu;
const EMAIL_LIKE = /[^\s@＠「」『』（）()<>]{1,64}[@＠][^\s@＠「」『』（）()<>]{1,255}/gu;
// Seven or more characters of digits and separators holding at least six digits: phones, account numbers.
const NUMBER_LIKE = /\p{Nd}[\p{Nd}\-－‐―ー−.．\s()（）]{5,}\p{Nd}/gu;

/**
 * A fraudster's contacts never reach a reply, even quoted: phone and account numbers, links and
 * e-mail addresses are replaced by a placeholder, so the only contact a reply shows is the
 * ledger's. Then `escapeChatwork`.
 * @example echoHostile('至急 ０７０－００３８－５１２９ に電話') // '至急 ＜番号省略＞ に電話'
 */
export function echoHostile(text: string, max = 200): string {
  const h = head(text, max);
  // A number the cut went through may have too few digits left to be masked: drop that tail.
  const whole = h.cut ? h.text.slice(0, numberTailStart(h.text)) : h.text;
  const masked = whole
    .replace(URL_LIKE, '＜リンク省略＞')
    .replace(EMAIL_LIKE, '＜メール省略＞')
    .replace(NUMBER_LIKE, (m) => ((m.match(/\p{Nd}/gu)?.length ?? 0) >= 6 ? '＜番号省略＞' : m));
  return flatten(masked, max, h.cut);
}

const NUMBER_PART = /[\p{Nd}\-－‐―ー−.．\s()（）]/u;

/** Where the run of digits and separators that ends `text` starts (text.length when there is none); a loop, not a backtracking regex. */
function numberTailStart(text: string): number {
  let i = text.length;
  while (i > 0 && NUMBER_PART.test(text[i - 1]!)) i -= 1;
  return i;
}
