/**
 * Text from a fraudster (or any person) echoed into a Chatwork message must not be notation:
 * `[toall]`, `[To:123]`, `[rp aid=…]`, `[info]`, `[qt]`, `[piconname:…]`, `[hr]`, `[code]` … would
 * mention people, forge a kakunin box or hide text. Every ASCII bracket becomes its full-width twin
 * (［ ］), which Chatwork never parses and people still read. Line breaks and tabs collapse to a
 * space (an echo cannot start a line that looks like ours), bidi and other format controls are
 * dropped (no reversed or hidden text), and the result is cut to `max` characters.
 *
 * @example escapeChatwork('[toall]至急[To:123]') // '［toall］至急［To:123］'
 */
export function escapeChatwork(text: string, max = 200): string {
  const flat = text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g, '')
    .replace(/\[/g, '［')
    .replace(/\]/g, '］')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
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
  const masked = text
    .replace(URL_LIKE, '＜リンク省略＞')
    .replace(EMAIL_LIKE, '＜メール省略＞')
    .replace(NUMBER_LIKE, (m) => ((m.match(/\p{Nd}/gu)?.length ?? 0) >= 6 ? '＜番号省略＞' : m));
  return escapeChatwork(masked, max);
}
