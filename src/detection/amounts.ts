/**
 * Money amounts in `plain`: 4,800,000円, 480万円, 1億2000万円, 4.5万円, ¥1,980, 一千万円, 三百万円,
 * "120万" (digits with 万/億 and no counter after), USD 48,000, 48,000ドル. A plain number, a date,
 * a count ("10万人") or kanji numerals without 円 ("一部", "百五銀行") are not amounts.
 */
import { CodeSet, MAX_HITS_PER_KIND, charIn, isDigit, isKatakana, isLatin } from './chars.ts';

/** A found amount in `plain`: [start, end), value in its currency's unit. */
export interface AmountHit {
  start: number;
  end: number;
  amount: number;
  currency: string;
}

const codeMap = (o: Record<string, number>) => new Map(Object.entries(o).map(([k, v]) => [k.charCodeAt(0), v]));
const KANJI_DIGITS = codeMap({ '〇': 0, '零': 0, '一': 1, '壱': 1, '二': 2, '弐': 2, '三': 3, '参': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 });
const SMALL_UNITS = codeMap({ '十': 10, '拾': 10, '百': 100, '千': 1000 });
const BIG_UNITS = codeMap({ '万': 1e4, '萬': 1e4, '億': 1e8, '兆': 1e12 });
const COUNTERS = '人件個枚本台回部社店歩名羽頭箱通票点冊杯株口戸世代歳年月日時分秒倍%';
const PREFIXES: readonly (readonly [string, string])[] = [
  ['US$', 'USD'], ['HK$', 'HKD'], ['S$', 'SGD'], ['USD', 'USD'], ['HKD', 'HKD'], ['SGD', 'SGD'], ['EUR', 'EUR'],
  ['JPY', 'JPY'], ['CNY', 'CNY'], ['RMB', 'CNY'], ['¥', 'JPY'], ['$', 'USD'], ['€', 'EUR'], ['£', 'GBP'],
];
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['円', 'JPY'], ['米ドル', 'USD'], ['香港ドル', 'HKD'], ['ドル', 'USD'], ['ユーロ', 'EUR'], ['人民元', 'CNY'], ['元', 'CNY'],
  ['USD', 'USD'], ['HKD', 'HKD'], ['SGD', 'SGD'], ['EUR', 'EUR'], ['JPY', 'JPY'], ['yen', 'JPY'],
];

/** Every RegExp of this file, for the ReDoS test (none: amounts are scanned by hand). */
export const AMOUNT_REGEXES = {} satisfies Record<string, RegExp>;

/** Kanji digits and small units (一…九, 十百千), and every kanji numeral (with 万億兆). */
const DIGIT_OR_SMALL_UNIT = new CodeSet([...KANJI_DIGITS.keys(), ...SMALL_UNITS.keys()]);
const NUMERAL = new CodeSet([...KANJI_DIGITS.keys(), ...SMALL_UNITS.keys(), ...BIG_UNITS.keys()]);

/** A kanji numeral or unit (one table read: the scan asks this of every character). */
function isNumeralCode(c: number): boolean {
  return NUMERAL.has(c);
}

interface Parsed {
  end: number;
  value: number;
  arabic: boolean;
  bigUnit: boolean;
}

/** Reads "4,800,000" / "4.5" at i. */
function readArabic(s: string, i: number): { end: number; value: number } {
  let k = i;
  let text = '';
  while (k < s.length && isDigit(s.charCodeAt(k))) text += s.charAt(k++);
  while (s.charAt(k) === ',' && isDigit(s.charCodeAt(k + 1)) && isDigit(s.charCodeAt(k + 2)) && isDigit(s.charCodeAt(k + 3)) && !isDigit(s.charCodeAt(k + 4))) {
    text += s.slice(k + 1, k + 4);
    k += 4;
  }
  if (s.charAt(k) === '.' && isDigit(s.charCodeAt(k + 1))) {
    text += '.';
    k++;
    while (k < s.length && isDigit(s.charCodeAt(k))) text += s.charAt(k++);
  }
  return { end: k, value: Number(text) };
}

/** Parses a number of digits and/or kanji numerals with 十百千万億兆 at i (1億2000万, 三百万, 4,800,000). */
function parseNumber(s: string, i: number): Parsed | null {
  let total = 0;
  let section = 0;
  let current: number | null = null;
  let prevKanjiDigit = false;
  let arabic = false;
  let bigUnit = false;
  let k = i;
  while (k < s.length && k - i < 40) {
    const code = s.charCodeAt(k);
    if (isDigit(code)) {
      if (current !== null) break;
      const r = readArabic(s, k);
      current = r.value;
      arabic = true;
      prevKanjiDigit = false;
      k = r.end;
      continue;
    }
    if (!isNumeralCode(code)) break;
    const d = KANJI_DIGITS.get(code);
    const small = SMALL_UNITS.get(code);
    const big = BIG_UNITS.get(code);
    if (d !== undefined) {
      current = prevKanjiDigit && current !== null ? current * 10 + d : d;
      prevKanjiDigit = true;
    } else if (small !== undefined) {
      section += (current ?? 1) * small;
      current = null;
      prevKanjiDigit = false;
    } else if (big !== undefined && (section > 0 || current !== null)) {
      total += (section + (current ?? 0)) * big;
      section = 0;
      current = null;
      bigUnit = true;
      prevKanjiDigit = false;
    } else break;
    k++;
  }
  if (k === i) return null;
  const value = total + section + (current ?? 0);
  return Number.isFinite(value) && value <= Number.MAX_SAFE_INTEGER ? { end: k, value: Math.round(value * 100) / 100, arabic, bigUnit } : null;
}

function prefixBefore(s: string, i: number): { start: number; currency: string } | null {
  const k = s.charAt(i - 1) === ' ' ? i - 1 : i;
  for (const [p, currency] of PREFIXES) {
    if (s.startsWith(p, k - p.length) && !isLatin(s.charCodeAt(k - p.length - 1))) return { start: k - p.length, currency };
  }
  return null;
}

function suffixAfter(s: string, i: number): { end: number; currency: string } | null {
  const k = s.charAt(i) === ' ' ? i + 1 : i;
  for (const [suffix, currency] of SUFFIXES) {
    if (s.startsWith(suffix, k) && !(isLatin(suffix.charCodeAt(0)) && isLatin(s.charCodeAt(k + suffix.length)))) return { end: k + suffix.length, currency };
  }
  return null;
}

/** Amounts in `s` (see the module comment). */
export function findAmounts(s: string): AmountHit[] {
  const out: AmountHit[] = [];
  for (let i = 0; i < s.length && out.length < MAX_HITS_PER_KIND; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c) && !DIGIT_OR_SMALL_UNIT.has(c)) continue;
    const prev = i > 0 ? s.charCodeAt(i - 1) : -1;
    if (isDigit(prev) || prev === 0x2c || prev === 0x2e || isNumeralCode(prev)) continue;
    const n = parseNumber(s, i);
    if (!n) continue;
    const prefix = n.arabic ? prefixBefore(s, i) : null;
    const suffix = suffixAfter(s, n.end);
    const next = s.charCodeAt(n.end);
    const bareYen = n.arabic && n.bigUnit && !charIn(COUNTERS, s, n.end) && !isKatakana(next) && !isLatin(next);
    const currency = suffix?.currency ?? prefix?.currency ?? (bareYen ? 'JPY' : null);
    if (currency === null || n.value <= 0) {
      i = n.end - 1;
      continue;
    }
    const end = suffix?.end ?? n.end;
    out.push({ start: prefix?.start ?? i, end, amount: n.value, currency });
    i = end - 1;
  }
  return out;
}
