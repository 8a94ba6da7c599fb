/**
 * Chatwork notation → reports. The employee quotes (引用) the suspicious message into the report
 * room, or mentions the bot with it:
 *
 *   [To:900]kakuninさん
 *   [qt][qtmeta aid=555 time=1767744000]至急LINEグループを作ってQRを送ってください[/qt]
 *   社長を名乗っています 送信者: 山田太郎
 *
 * Each top-level quote is one suspicious message (sender = aid, sent at = time). A quote may hold
 * nested quotes (the fraudster quoting something); they stay inside its body, verbatim. Several
 * quotes: the quotes of one sender make ONE report (a conversation is judged as a whole); quotes of
 * different senders make one report each. Text outside the quotes, minus `[To:bot]`, is the
 * reporter's note. No quote: the text is a pasted report, sender unknown. A line such as
 * `送信者: 山田太郎` names the sender.
 *
 * Linear by construction, because the message is written by whoever wants to stall the relay: each
 * '[' looks ahead at most 80 chars, white space is trimmed by hand (text.ts), not by regexes that
 * backtrack over runs of spaces, and only the first MAX_PARSED_CHARS of a message are read.
 */
import type { Report } from '../../src/domain/report.ts';
import { collapseBlankLines, cutAt, findSenderLine, tidyLines, trimQuoteBody, withoutLine } from './text.ts';

/** One top-level [qt]…[/qt]. `body` is everything inside it after the [qtmeta], verbatim. */
export interface ChatworkQuote {
  accountId: number | null;
  sentAt: string | null;
  body: string;
}

/** What a message says, before it becomes reports. */
export interface ParsedMessage {
  quotes: ChatworkQuote[];
  /** The reporter's own text (outside the quotes), tags to the bot removed; '' when none. */
  note: string;
  /** From a `送信者: …` / `From: …` line written by the reporter. */
  senderName: string | null;
  /** True when the message is a reply to the bot ([rp aid=bot …]). */
  replyToBot: boolean;
  /** True when the message was longer than MAX_PARSED_CHARS and only its beginning was read. */
  truncated: boolean;
}

/** Why a message makes no report. */
export type ParseOutcome = { kind: 'reports'; reports: Report[] } | { kind: 'ignored'; reason: 'empty' | 'reply_to_bot' | 'quotes_bot' };

/** At most this many reports from one message; further senders join the last one. */
export const MAX_REPORTS_PER_MESSAGE = 10;
/**
 * Only this many UTF-16 units of a message are parsed (64 Ki: far more than a chat message holds;
 * the webhook admits 256 KiB bodies). The raw event stays stored whole in `inbound_events`.
 */
export const MAX_PARSED_CHARS = 64 * 1024;
const MAX_TAG = 80;
const TAG = /^(\/?)([a-z]{2,9})(?:([: ])(.{1,70}))?$/i;
const QTMETA = /^aid=(\d{1,12})(?: time=(\d{1,12}))?$/;
const RP = /^aid=(\d{1,12})(?: to=\d{1,12}-\d{1,20})?$/;

interface Tag {
  start: number;
  end: number;
  name: string;
  closing: boolean;
  sep: string | undefined;
  args: string | undefined;
}

/** Every bracketed tag, in order; text that only looks like a tag (`[重要]`, `[[[`) is skipped. */
function scanTags(s: string): Tag[] {
  const tags: Tag[] = [];
  let i = s.indexOf('[');
  while (i !== -1) {
    let close = -1;
    const limit = Math.min(s.length, i + MAX_TAG);
    for (let k = i + 1; k < limit; k++) {
      const c = s.charCodeAt(k);
      if (c === 0x5d) {
        close = k;
        break;
      }
      if (c === 0x5b || c === 0x0a) break;
    }
    const m = close === -1 ? null : TAG.exec(s.slice(i + 1, close));
    if (!m) {
      i = s.indexOf('[', i + 1);
      continue;
    }
    tags.push({ start: i, end: close + 1, closing: m[1] === '/', name: m[2]!.toLowerCase(), sep: m[3], args: m[4] });
    i = s.indexOf('[', close + 1);
  }
  return tags;
}

const toIso = (t: string | undefined): string | null => (t === undefined ? null : new Date(Number(t) * 1000).toISOString());

/** Splits a Chatwork message body into its top-level quotes and the reporter's note. */
export function parseChatworkBody(message: string, botAccountId: number | null): ParsedMessage {
  const body = cutAt(message, MAX_PARSED_CHARS);
  const tags = scanTags(body);
  const quotes: ChatworkQuote[] = [];
  const outside: [number, number][] = [];
  let depth = 0;
  let cursor = 0;
  // `metaDecided`: the first [qtmeta] of a quote settles whether it describes the quote; any later
  // one has text before it. Deciding once keeps the whitespace check from rescanning the quote.
  let current: { accountId: number | null; sentAt: string | null; contentStart: number; metaDecided: boolean } | null = null;
  let replyToBot = false;

  for (const t of tags) {
    if (t.name === 'qt' && !t.closing && t.args === undefined) {
      if (depth === 0) {
        outside.push([cursor, t.start]);
        current = { accountId: null, sentAt: null, contentStart: t.end, metaDecided: false };
      }
      depth += 1;
    } else if (t.name === 'qt' && t.closing && depth > 0) {
      depth -= 1;
      if (depth === 0 && current) {
        quotes.push({ accountId: current.accountId, sentAt: current.sentAt, body: trimQuoteBody(body.slice(current.contentStart, t.start)) });
        current = null;
        cursor = t.end;
      }
    } else if (t.name === 'qtmeta' && depth === 1 && current && !current.metaDecided && t.sep === ' ') {
      current.metaDecided = true;
      const m = QTMETA.exec(t.args ?? '');
      // Only the [qtmeta] that opens the quote describes it.
      if (m && body.slice(current.contentStart, t.start).trim() === '') {
        current.accountId = Number(m[1]);
        current.sentAt = toIso(m[2]);
        current.contentStart = t.end;
      }
    } else if (t.name === 'rp' && depth === 0 && t.sep === ' ') {
      const m = RP.exec(t.args ?? '');
      if (m && botAccountId !== null && Number(m[1]) === botAccountId) replyToBot = true;
    }
  }
  if (current) {
    // An unclosed quote runs to the end of the message.
    quotes.push({ accountId: current.accountId, sentAt: current.sentAt, body: trimQuoteBody(body.slice(current.contentStart)) });
  } else {
    outside.push([cursor, body.length]);
  }

  const rawNote = outside.map(([a, b]) => body.slice(a, b)).join('\n');
  const note = tidyLines(stripBotTags(rawNote, botAccountId));
  return { quotes, note, senderName: findSenderLine(rawNote)?.name ?? null, replyToBot, truncated: body.length < message.length };
}

/** Removes `[To:bot]name` and `[rp aid=bot …]name` (the mention and the name Chatwork writes after it). */
function stripBotTags(text: string, botAccountId: number | null): string {
  if (botAccountId === null) return text;
  const tags = scanTags(text).filter((t) => {
    if (t.name === 'to' && t.sep === ':') return Number(t.args) === botAccountId;
    if (t.name === 'rp' && t.sep === ' ') return Number(RP.exec(t.args ?? '')?.[1]) === botAccountId;
    return false;
  });
  let out = '';
  let cursor = 0;
  for (const t of tags) {
    if (t.start < cursor) continue;
    out += text.slice(cursor, t.start);
    // The display name follows the tag up to the end of the line or the next tag.
    let end = t.end;
    while (end < text.length && text[end] !== '\n' && text[end] !== '[') end += 1;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** Removes the `送信者: …` line from a pasted text (it is the reporter's annotation, not the message). */
function withoutSenderLine(text: string): string {
  const sender = findSenderLine(text);
  return collapseBlankLines(sender ? withoutLine(text, sender.line) : text);
}

/**
 * The reports a message makes, given who sent it (the reporting employee).
 * @example toReports(parseChatworkBody('[qt][qtmeta aid=5]振込先を変更します[/qt]', 900), 42)
 *   // { kind: 'reports', reports: [{ message: { body: '振込先を変更します', sender: { accountId: 5, … } }, … }] }
 */
export function toReports(parsed: ParsedMessage, reporterAccountId: number, botAccountId: number | null): ParseOutcome {
  const reporter = { accountId: reporterAccountId, name: null };
  const quotes = parsed.quotes.filter((q) => q.body !== '');
  if (quotes.length === 0) {
    if (parsed.replyToBot) return { kind: 'ignored', reason: 'reply_to_bot' };
    if (parsed.quotes.length > 0) return { kind: 'ignored', reason: 'empty' };
    const body = withoutSenderLine(parsed.note);
    if (body === '') return { kind: 'ignored', reason: 'empty' };
    return {
      kind: 'reports',
      reports: [{ message: { body, sender: { accountId: null, name: parsed.senderName }, sentAt: null }, reporter, note: null }],
    };
  }
  const suspicious = quotes.filter((q) => botAccountId === null || q.accountId !== botAccountId);
  if (suspicious.length === 0) return { kind: 'ignored', reason: 'quotes_bot' };

  const groups = new Map<string, ChatworkQuote[]>();
  for (const q of suspicious) {
    let key = q.accountId === null ? 'unknown' : String(q.accountId);
    if (!groups.has(key) && groups.size >= MAX_REPORTS_PER_MESSAGE) key = [...groups.keys()].at(-1)!;
    const group = groups.get(key);
    if (group) group.push(q);
    else groups.set(key, [q]);
  }
  const note = parsed.note === '' ? null : parsed.note;
  const reports: Report[] = [...groups.values()].map((qs) => ({
    message: {
      body: qs.map((q) => q.body).join('\n\n'),
      sender: { accountId: qs[0]!.accountId, name: groups.size === 1 ? parsed.senderName : null },
      sentAt: qs[0]!.sentAt,
    },
    reporter,
    note,
  }));
  return { kind: 'reports', reports };
}
