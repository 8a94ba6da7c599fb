/**
 * Chatwork message notation ([To:], [rp], [qt][qtmeta], [info][title], [piconname:], [hr], [code],
 * [preview], [download]) found in one linear pass, so `prepareText` can drop the tags and keep the
 * text between them (quoted text is kept).
 *
 * Each '[' looks at most MAX_TAG_LENGTH characters ahead for its ']', so the scan stays linear even
 * for "[[[[…" or 10,000 nested [qt].
 */

/** A [qt]…[/qt] span in the original body, with the author and time from its [qtmeta]. */
export interface QuoteSpan {
  accountId: number | null;
  time: number | null;
  start: number;
  end: number;
}

/** A tag to remove: [start, end) in the original; `block` tags become a line break in `plain`. */
export interface MarkupCut {
  start: number;
  end: number;
  block: boolean;
}

/** Result of `scanMarkup`. */
export interface MarkupScan {
  cuts: MarkupCut[];
  mentions: number[];
  quotes: QuoteSpan[];
}

const MAX_TAG_LENGTH = 80;

/** Every RegExp of this file, for the ReDoS test. Each is anchored and runs on one tag's inside (≤ 80 chars). */
export const MARKUP_REGEXES = {
  tag: /^(\/?)([a-z]{2,9})(?:[: ](.{1,70}))?$/i,
  id: /^\d{1,12}$/,
  rp: /^aid=(\d{1,12})(?: to=\d{1,12}-\d{1,20})?$/,
  qtmeta: /^aid=(\d{1,12})(?: time=(\d{1,12}))?$/,
  preview: /^id=\d{1,12} ht=\d{1,6}$/,
} satisfies Record<string, RegExp>;

const BLOCK_TAGS = new Set(['qt', 'info', 'title', 'code', 'hr', 'qtmeta']);
const PAIRED_TAGS = new Set(['qt', 'info', 'title', 'code', 'download']);
const BARE_TAGS = new Set(['toall', 'hr', 'qt', 'info', 'title', 'code']);

interface Tag {
  name: string;
  closing: boolean;
  accountId: number | null;
  time: number | null;
}

/** Parses the inside of one bracket pair; null when it is not Chatwork notation. */
function parseTag(inner: string): Tag | null {
  const m = MARKUP_REGEXES.tag.exec(inner);
  if (!m) return null;
  const closing = m[1] === '/';
  const name = (m[2] as string).toLowerCase();
  const args = m[3];
  const tag: Tag = { name, closing, accountId: null, time: null };
  if (closing) return PAIRED_TAGS.has(name) && args === undefined ? tag : null;
  if (args === undefined) return BARE_TAGS.has(name) ? tag : null;
  const sep = inner.charAt(name.length);
  if (sep === ':') {
    if (!MARKUP_REGEXES.id.test(args)) return null;
    if (name === 'to') tag.accountId = Number(args);
    return name === 'to' || name === 'picon' || name === 'piconname' || name === 'download' ? tag : null;
  }
  if (name === 'rp') {
    const r = MARKUP_REGEXES.rp.exec(args);
    if (!r) return null;
    tag.accountId = Number(r[1]);
    return tag;
  }
  if (name === 'qtmeta') {
    const q = MARKUP_REGEXES.qtmeta.exec(args);
    if (!q) return null;
    tag.accountId = Number(q[1]);
    tag.time = q[2] === undefined ? null : Number(q[2]);
    return tag;
  }
  return name === 'preview' && MARKUP_REGEXES.preview.test(args) ? tag : null;
}

/** Finds the ']' closing the '[' at `open`, within MAX_TAG_LENGTH and before another '[' or a line break. */
function closingBracket(s: string, open: number, end: number): number {
  const limit = Math.min(end, open + MAX_TAG_LENGTH);
  for (let k = open + 1; k < limit; k++) {
    const c = s.charCodeAt(k);
    if (c === 0x5d) return k;
    if (c === 0x5b || c === 0x0a) return -1;
  }
  return -1;
}

/** Scans `s[0, end)` for Chatwork notation. Quotes still open at `end` end at `end`. */
export function scanMarkup(s: string, end: number): MarkupScan {
  const cuts: MarkupCut[] = [];
  const mentions = new Set<number>();
  const quotes: QuoteSpan[] = [];
  const open: QuoteSpan[] = [];
  let i = s.indexOf('[');
  while (i !== -1 && i < end) {
    const close = closingBracket(s, i, end);
    const tag = close === -1 ? null : parseTag(s.slice(i + 1, close));
    if (!tag) {
      i = s.indexOf('[', i + 1);
      continue;
    }
    const tagEnd = close + 1;
    cuts.push({ start: i, end: tagEnd, block: BLOCK_TAGS.has(tag.name) });
    if ((tag.name === 'to' || tag.name === 'rp') && tag.accountId !== null) mentions.add(tag.accountId);
    if (tag.name === 'qt' && !tag.closing) {
      const q: QuoteSpan = { accountId: null, time: null, start: i, end };
      quotes.push(q);
      open.push(q);
    } else if (tag.name === 'qt') {
      const q = open.pop();
      if (q) q.end = tagEnd;
    } else if (tag.name === 'qtmeta') {
      const q = open[open.length - 1];
      if (q && q.accountId === null) {
        q.accountId = tag.accountId;
        q.time = tag.time;
      }
    }
    i = s.indexOf('[', tagEnd);
  }
  return { cuts, mentions: [...mentions], quotes };
}
