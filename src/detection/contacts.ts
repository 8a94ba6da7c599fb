/**
 * Contact observables: phone numbers, e-mail addresses, URLs and LINE ids, each with a canonical
 * value so the same contact written two ways compares equal.
 */
import { MAX_HITS_PER_KIND, charIn, isDigit, isLatin } from './chars.ts';

/** A found contact in `plain`: [start, end), canonical value and kind-specific details. */
export interface ContactHit {
  kind: 'phone' | 'email' | 'url' | 'line_id';
  start: number;
  end: number;
  value: string;
  details?: Record<string, string | number | boolean | null>;
}

/** Every RegExp of this file, for the ReDoS test. */
export const CONTACT_REGEXES = {
  phoneSeparators: /[\s\-‐-―−ー()（）.]/g,
  digits: /^\d+$/,
  mobile: /^0(?:[5789]0|20|800)/,
  notPhoneLabel: /注文|受付|伝票|管理|会員|顧客|お客様|口座|追跡|請求|記号|郵便|〒|invoice|order|no\.?|#|id/i,
  url: /https?:\/\/[a-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/gi,
  lineId: /line[ ]{0,2}id[\s:=は]{0,5}([a-z0-9@._-]{3,30})/gi,
  lineIdKana: /ライン[ ]{0,2}id[\s:=は]{0,5}([a-z0-9@._-]{3,30})/gi,
  lineColon: /line[ ]{0,2}[:=][ ]{0,3}([a-z0-9@._-]{3,30})/gi,
  atHandle: /@[a-z0-9._-]{3,20}/gi,
  lineContext: /line|ライン/i,
  lineWord: /line/i,
  phoneWordBefore: /(?:tel|fax|phone|mobile)$/i,
  letters: /^[a-z]+$/i,
  alnum: /[a-z0-9]/i,
} satisfies Record<string, RegExp>;

function japaneseNational(nat: string): boolean {
  if (!CONTACT_REGEXES.digits.test(nat) || nat.charAt(0) !== '0' || nat.charAt(1) === '0') return false;
  if (nat.length === 11) return CONTACT_REGEXES.mobile.test(nat);
  return nat.length === 10 && !CONTACT_REGEXES.mobile.test(nat);
}

/**
 * Canonical E.164 form of a phone number, or null when it is not one. Japanese numbers
 * (090-1234-5678, 092-000-1001, 0120-123-456, ０７０－００３８－５１２９, +81 90-1234-5678, +81(0)92…)
 * become '+81…'; other numbers need an explicit '+' and 8–15 digits. Example: `phoneValue('070-0038-5129')` → `'+817000385129'`.
 */
export function phoneValue(s: string): string | null {
  const t = (s ?? '').normalize('NFKC').replace(CONTACT_REGEXES.phoneSeparators, '');
  let intl: string | null = null;
  if (t.startsWith('+')) intl = t.slice(1);
  else if (t.startsWith('0081')) intl = t.slice(2);
  if (intl !== null) {
    if (!CONTACT_REGEXES.digits.test(intl) || intl.length < 8 || intl.length > 15) return null;
    if (!intl.startsWith('81')) return `+${intl}`;
    const rest = intl.slice(2);
    const nat = rest.startsWith('0') ? rest : `0${rest}`;
    return japaneseNational(nat) ? `+81${nat.slice(1)}` : null;
  }
  return japaneseNational(t) ? `+81${t.slice(1)}` : null;
}

const PHONE_SEPARATORS = '-() ';
const NOT_BEFORE_PHONE = '-./=_@#,¥$';
const NOT_AFTER_PHONE = '円万億年月日時分%/';

/** Phone numbers in `s` outside the `skip` spans (URLs, e-mails, bank accounts). */
export function findPhones(s: string, skip: (i: number, j: number) => boolean): ContactHit[] {
  const out: ContactHit[] = [];
  for (let i = 0; i < s.length && out.length < MAX_HITS_PER_KIND; i++) {
    const c = s.charCodeAt(i);
    const startsNumber = isDigit(c) || ((c === 0x2b || c === 0x28) && isDigit(s.charCodeAt(i + 1)));
    if (!startsNumber) continue;
    const start = i;
    const prev = i > 0 ? s.charAt(i - 1) : '';
    let k = i + 1;
    let end = isDigit(c) ? i + 1 : -1;
    let digits = isDigit(c) ? 1 : 0;
    let seps = 0;
    let firstSpace = -1;
    while (k < s.length && digits <= 15) {
      const ch = s.charAt(k);
      if (isDigit(s.charCodeAt(k))) {
        digits++;
        seps = 0;
        end = k + 1;
      } else if (PHONE_SEPARATORS.includes(ch) && seps < 2) {
        seps++;
        if (ch === ' ' && firstSpace === -1) firstSpace = k;
      } else break;
      k++;
    }
    if (end === -1) continue;
    // Every phone has at least 8 digits (10 or 11 in Japan): shorter runs (dates, amounts, counts) are skipped unparsed.
    if (digits < 8) {
      i = end - 1;
      continue;
    }
    const value = phoneValue(s.slice(start, end));
    if (value === null && firstSpace !== -1 && firstSpace < end) {
      i = firstSpace; // "2026-01-07 090-1234-5678": retry after the space
      continue;
    }
    i = end - 1;
    if (value === null || skip(start, end)) continue;
    if (prev !== '' && (isDigit(prev.charCodeAt(0)) || NOT_BEFORE_PHONE.includes(prev))) continue;
    if (isLatin(prev.charCodeAt(0)) && !CONTACT_REGEXES.phoneWordBefore.test(s.slice(Math.max(0, start - 6), start))) continue;
    if (charIn(NOT_AFTER_PHONE, s, end) || (s.charAt(end) === ':' && isDigit(s.charCodeAt(end + 1)))) continue;
    const label = s.slice(Math.max(s.lastIndexOf('\n', start - 1) + 1, start - 10), start);
    if (CONTACT_REGEXES.notPhoneLabel.test(label)) continue;
    out.push({ kind: 'phone', start, end, value });
  }
  return out;
}

const LOCAL_CHARS = '._%+-';

function isLocalChar(c: number): boolean {
  return isDigit(c) || isLatin(c) || LOCAL_CHARS.includes(String.fromCharCode(c));
}

function isHostChar(c: number): boolean {
  return isDigit(c) || isLatin(c) || c === 0x2e || c === 0x2d;
}

/** E-mail addresses in `s` (value lower-cased). */
export function findEmails(s: string): ContactHit[] {
  const out: ContactHit[] = [];
  for (let at = s.indexOf('@'); at !== -1 && out.length < MAX_HITS_PER_KIND; at = s.indexOf('@', at + 1)) {
    let a = at;
    while (a > 0 && at - a < 64 && isLocalChar(s.charCodeAt(a - 1))) a--;
    let b = at + 1;
    while (b < s.length && b - at < 254 && isHostChar(s.charCodeAt(b))) b++;
    while (b > at + 1 && (s.charAt(b - 1) === '.' || s.charAt(b - 1) === '-')) b--;
    const local = s.slice(a, at);
    const domain = s.slice(at + 1, b);
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    if (local === '' || local.startsWith('.') || !domain.includes('.') || tld.length < 2 || !CONTACT_REGEXES.letters.test(tld)) continue;
    out.push({ kind: 'email', start: a, end: b, value: `${local}@${domain}`.toLowerCase() });
    at = b - 1;
  }
  return out;
}

/** Adds the LINE id at s[start, end) (trailing ._- trimmed) unless it overlaps a hit or an e-mail. */
function addLineId(out: ContactHit[], s: string, emails: readonly ContactHit[], start: number, end: number): void {
  if (out.length >= MAX_HITS_PER_KIND) return;
  let e = end;
  while (e > start && '._-'.includes(s.charAt(e - 1))) e--;
  const id = s.slice(start, e);
  if (id.indexOf('@') > 0 || !CONTACT_REGEXES.alnum.test(id) || out.some((h) => h.start < start + id.length && start < h.end)) return;
  if (emails.some((x) => x.start < start + id.length && start < x.end)) return;
  out.push({ kind: 'line_id', start, end: start + id.length, value: id.toLowerCase() });
}

/** LINE ids: "LINE ID: xxx", "ラインID：xxx", "LINE: xxx", and "@xxx" shortly after a mention of LINE. */
export function findLineIds(s: string, emails: readonly ContactHit[]): ContactHit[] {
  const out: ContactHit[] = [];
  // Each pattern needs its literal ("line", "ライン", "@"): skip the scans that cannot match.
  const latinLine = CONTACT_REGEXES.lineWord.test(s);
  const kanaLine = s.includes('ライン');
  if (!latinLine && !kanaLine) return out;
  for (const re of [CONTACT_REGEXES.lineId, CONTACT_REGEXES.lineIdKana, CONTACT_REGEXES.lineColon]) {
    if (re === CONTACT_REGEXES.lineIdKana ? !kanaLine : !latinLine) continue;
    for (const m of s.matchAll(re)) {
      if (m.index > 0 && isLatin(s.charCodeAt(m.index - 1))) continue;
      const id = m[1] as string;
      addLineId(out, s, emails, m.index + m[0].length - id.length, m.index + m[0].length);
    }
  }
  if (!s.includes('@')) return out;
  for (const m of s.matchAll(CONTACT_REGEXES.atHandle)) {
    if (m.index > 0 && isLocalChar(s.charCodeAt(m.index - 1))) continue;
    if (CONTACT_REGEXES.lineContext.test(s.slice(Math.max(0, m.index - 40), m.index))) addLineId(out, s, emails, m.index, m.index + m[0].length);
  }
  return out;
}
