/**
 * Finding the parts of a bank account around its number in `plain`: the bank name and branch
 * before it, the account type, the holder after it. Keyword regexes find anchors; names are read
 * by hand-written linear scans.
 */
import { asciiLower, findWords, isDigit, isKanji, isKatakana, isLatin, isNameChar, skipAny } from './chars.ts';
import { ALIAS_SEARCH_EXCLUDE, BANK_ALIASES, CURRENCY_CODES } from './bank-lexicon.ts';
import { normaliseBankName } from './banks.ts';

/** A piece of `plain`: [start, end) and its text. */
export interface Part {
  start: number;
  end: number;
  text: string;
}

const ALIAS_WORDS = Object.values(BANK_ALIASES)
  .flat()
  .filter((a) => !ALIAS_SEARCH_EXCLUDE.includes(a))
  .map(asciiLower)
  .sort((a, b) => b.length - a.length);

/** Every RegExp of this file, for the ReDoS test. */
export const BANK_CONTEXT_REGEXES = {
  bankSuffix: /銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|bank(?![a-z])/gi,
  branchKeyword: /支店|出張所|営業部|支所|本店|店番|店/g,
  type: /普通|当座|貯蓄|総合|普|savings|ordinary|current|checking|chequing/gi,
  holderLabel: /口座名義人?|名義人?|受取人名?|口座名|beneficiary(?: name)?|account name|account holder(?: name)?|a\/c name|holder|in the name of/gi,
  /** "Ichigo branch", "Branch: Sakae Chuo (251)", "branch code 251": a branch written in English. */
  branchEn: /(?<![a-z])branch(?![a-z])/gi,
  branchCodeLabel: /^(?:店番号?|支店番号|支店コード|branch code|branch no|code)/i,
  branchLabelTail: /^(?: name| code| no\.?)? ?:/i,
  /** Words that start a label, not a holder's name ("BIC BUKBGB22" after an IBAN). */
  labelWord: /^\(?(?:swift|bic|iban|aba|routing|sort|branch|bank|account|a\/c|acct|clabe|code|ref|reference|amount|invoice)(?![a-z])/i,
  swift: /(?:^|[^a-z])(?:swift|bic)(?![a-z])/gi,
  swiftCodeWord: /^ ?code/i,
  /** Before "Bank": nothing but a short legal form ("PT Bank Central Asia", "JSC Bank …"): the name follows "Bank". */
  shortPrefix: /^(?:[A-Z]{1,4}\.?)?$/,
  branchCode: /^[〇一二三四五六七八九0-9]{3}$/,
} satisfies Record<string, RegExp>;

const JUNK_PREFIXES = [
  'メインバンク', 'お振込先', '振込口座', '振込先', 'お振込', '送金先', '入金先', '支払い先', '支払先', '新口座', '旧口座',
  '口座', '下記', '以下', '弊社', '当社', '御社', '貴社', '新規', '振込', '宛先', '各',
];
const PARTICLES = 'はをにがでとのへもや';
const KNOWN_BANK_KEYS = new Set(Object.keys(BANK_ALIASES));

function stripJunk(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const junk of JUNK_PREFIXES) {
      if (out.startsWith(junk)) {
        out = out.slice(junk.length);
        changed = true;
      }
    }
  }
  return out;
}

/** Start of a name that ends at `end`: extends back over name characters, then trims particles and junk words. */
function nameStartBefore(s: string, end: number, floor: number, max: number, latinSpaces: boolean): number {
  let k = end;
  while (k > floor && end - k < max) {
    const c = s.charCodeAt(k - 1);
    if (isNameChar(c) || (latinSpaces && (c === 0x20 || c === 0x2e || c === 0x27) && k - 2 >= floor && isLatin(s.charCodeAt(k - 2)))) k--;
    else break;
  }
  const raw = s.slice(k, end);
  let cut = 0;
  for (let j = 0; j < raw.length; j++) if (PARTICLES.includes(raw.charAt(j))) cut = j + 1;
  const trimmed = stripJunk(raw.slice(cut).trimStart());
  const trimmedStart = raw.length - trimmed.length;
  // A known name cut by the trim (みちのく, みんなの): keep it whole.
  for (let j = 0; j < trimmedStart; j++) {
    if (KNOWN_BANK_KEYS.has(normaliseBankName(raw.slice(j)))) return k + j;
  }
  return k + trimmedStart;
}

/** The bank named last before `to` (from `from`): "…銀行/信金/Bank" with its name, or a known alias (みずほ, PayPay …). */
export function findBank(s: string, from: number, to: number): Part | null {
  let best: Part | null = null;
  const suffix = BANK_CONTEXT_REGEXES.bankSuffix;
  suffix.lastIndex = from;
  for (let m = suffix.exec(s); m && m.index < to; m = suffix.exec(s)) {
    const latin = isLatin(m[0].charCodeAt(0));
    const start = nameStartBefore(s, m.index, from, latin ? 40 : 16, latin);
    let end = m.index + m[0].length;
    if (latin && s.startsWith(' of ', end)) end = readLatinWords(s, end + 4, 2, to);
    else if (latin && BANK_CONTEXT_REGEXES.shortPrefix.test(s.slice(start, m.index).trim())) end = readCapitalisedWords(s, end, 3, to);
    if (latin) end = readParenthetical(s, end, to);
    if (start === m.index && !latin) continue; // "各銀行", "銀行への…": no name
    if (end <= to && (!best || start >= best.start)) best = { start, end, text: s.slice(start, end).trim() };
  }
  for (const { index, word } of findWords(s.slice(from, to), ALIAS_WORDS, true)) {
    const start = from + index;
    if (!best || start > best.end) best = { start, end: start + word.length, text: s.slice(start, start + word.length) };
  }
  return best;
}

function readLatinWords(s: string, i: number, words: number, to: number): number {
  let k = i;
  for (let w = 0; w < words && k < to && isLatin(s.charCodeAt(k)); w++) {
    while (k < to && isLatin(s.charCodeAt(k))) k++;
    if (w + 1 < words && s.charAt(k) === ' ' && isLatin(s.charCodeAt(k + 1))) k++;
  }
  return k;
}

/** "Bank| Central Asia Tbk, KCU Thamrin": up to `words` capitalised words after `i` on the line, never a label ("Account", "SWIFT"). */
function readCapitalisedWords(s: string, i: number, words: number, to: number): number {
  let end = i;
  for (let w = 0; w < words; w++) {
    const k = end + 1;
    const c = s.charCodeAt(k);
    if (s.charAt(end) !== ' ' || !(c >= 0x41 && c <= 0x5a) || BANK_CONTEXT_REGEXES.labelWord.test(s.slice(k, k + 12))) break;
    let e = k;
    while (e < to && isLatin(s.charCodeAt(e))) e++;
    end = e;
  }
  return end;
}

function readParenthetical(s: string, i: number, to: number): number {
  const open = skipAny(s, i, ' ', 1);
  if (s.charAt(open) !== '(') return i;
  const close = s.indexOf(')', open);
  return close !== -1 && close < to && close - open <= 30 ? close + 1 : i;
}

/**
 * The branch named last in [from, to): "…支店/出張所/営業部", 本店(営業部), 〇一八店, "支店名：…";
 * a branch code (店番123) only when no name is given.
 */
export function findBranch(s: string, from: number, to: number): Part | null {
  let best: Part | null = null;
  let code: Part | null = null;
  const re = BANK_CONTEXT_REGEXES.branchKeyword;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    const kwEnd = m.index + m[0].length;
    let part: Part | null = null;
    if (m[0] === '店番') {
      const d = skipAny(s, skipAny(s, kwEnd, '号', 1), ' :', 3);
      const e = skipAny(s, d, '0123456789', 3);
      if (e - d === 3 && e <= to) code = { start: m.index, end: e, text: s.slice(m.index, e) };
    } else if (m[0] === '支店' && (s.charAt(kwEnd) === '名' || s.charAt(kwEnd) === ':')) {
      const v = skipAny(s, skipAny(s, kwEnd, '名', 1), ' :', 3);
      let e = v;
      while (e < to && e - v < 20 && isNameChar(s.charCodeAt(e))) e++;
      if (e > v) part = { start: v, end: e, text: s.slice(v, e) };
    } else {
      let end = kwEnd;
      if (m[0] === '本店' && s.startsWith('営業部', end)) end += 3;
      const start = nameStartBefore(s, m.index, from, 15, false);
      const named = m[0] === '本店' || start < m.index;
      const codeLike = BANK_CONTEXT_REGEXES.branchCode.test(s.slice(start, m.index));
      if (named && (m[0] !== '店' || codeLike)) part = { start, end, text: s.slice(start, end) };
      if (end > kwEnd) re.lastIndex = end;
    }
    if (part && part.end <= to) best = part;
  }
  return best ?? code;
}

/** A 3-digit branch code in "(251)", "店番251", "支店番号：251", "branch code 251" starting at or after `i` (within a few characters). */
function branchCodeAt(s: string, i: number, to: number): Part | null {
  let k = skipAny(s, i, ' :(（#', 4);
  const labelled = BANK_CONTEXT_REGEXES.branchCodeLabel.exec(s.slice(k, k + 12));
  if (labelled) k = skipAny(s, k + labelled[0].length, ' :.#', 4);
  let e = k;
  while (e < to && isDigit(s.charCodeAt(e))) e++;
  return e - k === 3 && !isDigit(s.charCodeAt(e)) ? { start: k, end: e, text: s.slice(k, e) } : null;
}

/**
 * A branch written in English in [from, to): "Ichigo branch (001)", "Long Beach Downtown Branch",
 * "Branch: Sakae Chuo (251)", "Branch code 251". `text` is the name, or the code when only a code is given.
 */
export function findBranchEn(s: string, from: number, to: number): (Part & { code: string | null }) | null {
  const re = BANK_CONTEXT_REGEXES.branchEn;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    const kwEnd = m.index + m[0].length;
    const label = BANK_CONTEXT_REGEXES.branchLabelTail.exec(s.slice(kwEnd, kwEnd + 8));
    if (label) {
      // "Branch: Sakae Chuo (251)", "Branch name: Ichigo"
      const v = skipAny(s, kwEnd + label[0].length, ' ', 3);
      const e = latinNameEnd(s, v, to);
      const code = branchCodeAt(s, e, to);
      if (e > v) return { start: v, end: closeParen(s, code?.end ?? e), text: s.slice(v, e), code: code?.text ?? null };
      if (code) return { ...code, code: code.text };
      continue;
    }
    const code = branchCodeAt(s, kwEnd, to);
    // "Ichigo branch (001)": the Latin words right before "branch" are its name.
    let k = m.index;
    while (k > from && s.charAt(k - 1) === ' ') k--;
    const nameEnd = k;
    for (let words = 0; words < 4 && k > from; words++) {
      let w = k;
      while (w > from && (isLatin(s.charCodeAt(w - 1)) || s.charAt(w - 1) === '-')) w--;
      if (w === k) break;
      k = w;
      if (!(s.charAt(k - 1) === ' ' && isLatin(s.charCodeAt(k - 2)))) break;
      k--;
    }
    if (s.charAt(k) === ' ') k++;
    if (nameEnd > k) return { start: k, end: closeParen(s, code?.end ?? kwEnd), text: s.slice(k, nameEnd), code: code?.text ?? null };
    if (code) return { ...code, code: code.text };
  }
  return null;
}

/** End of a Latin name (letters, single spaces, '-', '.') starting at `v`. */
function latinNameEnd(s: string, v: number, to: number): number {
  let e = v;
  while (e < to && e - v < 40) {
    const c = s.charCodeAt(e);
    if (isLatin(c) || ((c === 0x20 || c === 0x2d || c === 0x2e) && isLatin(s.charCodeAt(e + 1)))) e++;
    else break;
  }
  return e;
}

/** Past a ')' that closes a code in brackets. */
function closeParen(s: string, i: number): number {
  return s.charAt(i) === ')' ? i + 1 : i;
}

/** A 3-digit branch code written right after a Japanese branch name (「多治見南支店(214)」), or null. */
export function branchCodeAfter(s: string, i: number, to: number): string | null {
  return branchCodeAt(s, i, Math.min(to, i + 20))?.text ?? null;
}

/** The account type written last in [from, to): 普通 / 当座 / 貯蓄 (普 → 普通, 総合 → 普通). */
export function findType(s: string, from: number, to: number): Part | null {
  let best: Part | null = null;
  const re = BANK_CONTEXT_REGEXES.type;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    if (isLatin(m[0].charCodeAt(0)) && (isLatin(s.charCodeAt(m.index - 1)) || isLatin(s.charCodeAt(m.index + m[0].length)))) continue;
    const text = TYPE_NAMES[m[0].toLowerCase()] ?? m[0];
    best = { start: m.index, end: m.index + m[0].length, text };
  }
  return best;
}

/** Account types as the ledger writes them: 普 and 総合 are 普通; savings/ordinary are 普通, current/checking 当座. */
const TYPE_NAMES: Record<string, string> = {
  普: '普通', 総合: '普通', savings: '普通', ordinary: '普通', current: '当座', checking: '当座', chequing: '当座',
};

const HOLDER_TRAILING = ' \t。、,.:;-';

function trimHolder(s: string): string {
  let e = s.length;
  while (e > 0 && HOLDER_TRAILING.includes(s.charAt(e - 1))) e--;
  return s.slice(0, e).trim();
}

function holderLike(c: number): boolean {
  return isKatakana(c) || (c >= 0x41 && c <= 0x5a) || c === 0x28;
}

/** A holder written in bank style at `v`: katakana, A–Z, digits, ( ) . - ・ and spaces; null unless it has 2+ katakana or 3+ letters. */
function holderRun(s: string, v: number, to: number): Part | null {
  let e = v;
  let kana = 0;
  let latin = 0;
  while (e < to && e - v < 40) {
    const c = s.charCodeAt(e);
    if (isKatakana(c)) kana++;
    else if (c >= 0x41 && c <= 0x5a) latin++;
    else if (!(c === 0x28 || c === 0x29 || c === 0x20 || c === 0x2e || c === 0x2d || c === 0x30fb || c === 0x26 || isDigit(c))) break;
    e++;
  }
  const text = trimHolder(s.slice(v, e));
  if (s.charAt(e) === ':') return null; // "SWIFT:", "IBAN:": the next label, not a name
  if (BANK_CONTEXT_REGEXES.labelWord.test(text)) return null; // "BIC BUKBGB22": a label and its value
  if (CURRENCY_CODES.has([...text].filter((ch) => ch !== '(' && ch !== ')' && ch !== ' ').join(''))) return null; // "(USD)": the account's currency
  return (kana >= 2 || latin >= 3) && holderLike(s.charCodeAt(v)) ? { start: v, end: v + text.length, text } : null;
}

/**
 * The holder in [from, to): after a label (名義/受取人/Beneficiary …: a bank-style name, or anything
 * up to the line end after a ':'), or else a bank-style name right after `from` (same or next line).
 */
export function findHolder(s: string, from: number, to: number): Part | null {
  const re = BANK_CONTEXT_REGEXES.holderLabel;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    const afterLabel = skipAny(s, m.index + m[0].length, ' ', 2);
    const colon = s.charAt(afterLabel) === ':';
    const v = skipAny(s, afterLabel, ' :様はが', 4);
    const run = holderRun(s, v, to);
    if (run) return run;
    if (!colon) continue;
    let e = v;
    while (e < to && e - v < 40 && s.charAt(e) !== '\n') e++;
    const text = trimHolder(s.slice(v, e));
    if (text.length >= 2) return { start: v, end: v + text.length, text };
  }
  const sameLine = holderRun(s, skipAny(s, from, ' /,、', 3), to);
  if (sameLine || s.charAt(from) !== '\n') return sameLine;
  const nextLine = holderRun(s, from + 1, to);
  return nextLine && (nextLine.end === to || s.charAt(skipAny(s, nextLine.end, ' ', 40)) === '\n') ? nextLine : null;
}

/** A holder labelled before the account in [from, to): "Beneficiary: Laura M. Pineda", "A/C name: …", "口座名義：…" (up to the line end). */
export function findLabelledHolder(s: string, from: number, to: number): Part | null {
  const re = BANK_CONTEXT_REGEXES.holderLabel;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    const afterLabel = skipAny(s, m.index + m[0].length, ' ', 2);
    if (s.charAt(afterLabel) !== ':') continue;
    const v = skipAny(s, afterLabel, ' :', 4);
    let e = v;
    while (e < to && e - v < 40 && s.charAt(e) !== '\n') e++;
    const text = trimHolder(s.slice(v, e));
    if (text.length >= 2 && !BANK_CONTEXT_REGEXES.labelWord.test(text)) return { start: v, end: v + text.length, text };
  }
  return null;
}

/** A SWIFT/BIC code in [from, to) (8 or 11 letters/digits after "SWIFT"/"BIC"), upper-case. */
export function findSwift(s: string, from: number, to: number): string | null {
  const re = BANK_CONTEXT_REGEXES.swift;
  re.lastIndex = from;
  for (let m = re.exec(s); m && m.index < to; m = re.exec(s)) {
    let v = m.index + m[0].length;
    if (BANK_CONTEXT_REGEXES.swiftCodeWord.test(s.slice(v, v + 5))) v = s.indexOf('de', v) + 2;
    v = skipAny(s, v, ' :', 4);
    let e = v;
    while (e < to && e - v < 12 && (isLatin(s.charCodeAt(e)) || isDigit(s.charCodeAt(e)))) e++;
    if (e - v === 8 || e - v === 11) return s.slice(v, e).toUpperCase();
  }
  return null;
}
