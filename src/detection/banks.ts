/**
 * Canonical forms of bank accounts, so the same account written two ways (full-width digits,
 * "普" vs "普通", "支店" omitted, カ） vs (カ), ゆうちょ 記号-番号 vs 振込用 店番-口座番号) compares equal,
 * in a message and in the ledger alike.
 */
import { foldForMatch } from './text.ts';

/** The match fold without the spaces it keeps between Latin words: keys compare names however they are spaced. */
function foldKey(s: string): string {
  return foldForMatch(s).replaceAll(' ', '');
}
import { BANK_ALIASES, COMPANY_WORDS, COMPANY_WORDS_OTHER, LEGAL_ENTITY_ABBREVIATIONS, LEGAL_ENTITY_ABBREVIATIONS_LATIN } from './bank-lexicon.ts';

/** Every RegExp of this file, for the ReDoS test. */
export const BANK_REGEXES = {
  parenthetical: /\([^()]{0,40}\)/g,
  legalForm: /株式会社|\(株\)|かぶしきがいしゃ|有限会社|\(有\)/g,
  bankSuffix: /(?:銀行|ぎんこう|bankingcorporation|banking|bank|ばんく)$/,
  branchSuffix: /(?:支店|出張所|支所|店|branch|subbranch|office)$/,
  branchCodePrefix: /^店番号?/,
  kanjiDigits: /^[〇一二三四五六七八九]{3}$/,
  separators: /[\s\-‐-―−ー・･.]/g,
  digits: /^\d+$/,
  yuchoKigou: /^[01]\d{4}$/,
  maru: /。/g,
  latinWordSplit: /[^A-Z.]+/,
  latinWord: /^[A-Z.]+$/,
} satisfies Record<string, RegExp>;

function stripBankName(folded: string): string {
  let s = folded.replace(BANK_REGEXES.parenthetical, '').replace(BANK_REGEXES.legalForm, '');
  if (s.startsWith('the')) s = s.slice(3);
  s = withoutLatinLegalForm(s);
  const stripped = s.replace(BANK_REGEXES.bankSuffix, '');
  s = stripped === '' ? s : stripped;
  return s.replace('信用金庫', '信金').replace('信用組合', '信組').replace('労働金庫', '労金');
}

/** Legal forms written after a Latin bank name ("DBS Bank Ltd", "Commerzbank AG", "JPMorgan Chase Bank, N.A."), folded without spaces. */
const LATIN_BANK_LEGAL_FORMS = ['limited', 'ltd', 'plc', 'ag', 'sa', 'nv', 'inc', 'corp', 'na', 'bhd', 'berhad', 'jsc', 'pte', 'llc', 'kk', 'co'];

/** "dbsbankltd" → "dbsbank", "commerzbankag" → "commerzbank": legal forms after a name that ends in bank/banking (by hand, no regex). */
function withoutLatinLegalForm(s: string): string {
  const plain = s.replaceAll(',', '').replaceAll('.', '');
  let rest = plain;
  for (let changed = true; changed; ) {
    changed = false;
    for (const form of LATIN_BANK_LEGAL_FORMS) {
      if (rest.length > form.length && rest.endsWith(form)) {
        const before = rest.slice(0, rest.length - form.length);
        if (before.endsWith('bank') || before.endsWith('banking') || before.endsWith('corporation') || LATIN_BANK_LEGAL_FORMS.some((f) => before.endsWith(f))) {
          rest = before;
          changed = true;
          break;
        }
      }
    }
  }
  return rest === plain ? s : rest;
}

/** Names a ledger gives in parentheses after a bank's full name ("… of Vietnam (Vietcombank)"), canonical. */
export function bankNameAliases(name: string): string[] {
  const out: string[] = [];
  // The same parentheses `stripBankName` drops from the name (folded, so full-width brackets count too).
  for (const m of foldKey(name).matchAll(BANK_REGEXES.parenthetical)) {
    const inner = normaliseBankName(m[0].slice(1, -1));
    if (inner !== '?' && inner.length >= 3) out.push(inner);
  }
  return out;
}

const ALIAS_TO_ID = new Map<string, string>();
for (const [id, names] of Object.entries(BANK_ALIASES)) {
  for (const name of [id, ...names]) ALIAS_TO_ID.set(stripBankName(foldKey(name)), id);
}

/**
 * Canonical key of a bank name: a known id for banks written several ways (みずほ銀行 / ミズホ /
 * Mizuho Bank → 'mizuho'; 三菱ＵＦＪ銀行 / MUFG → 'mufg'; ゆうちょ / 郵便局 → 'yucho'), otherwise the
 * folded name without 銀行/株式会社 (福岡銀行 / 福岡 → '福岡'; 〇〇信用金庫 / 〇〇信金 → '〇〇信金'). '?' when empty.
 */
export function normaliseBankName(s: string): string {
  return remembered(bankNames, s ?? '', computeBankName);
}

function computeBankName(s: string): string {
  const key = stripBankName(foldKey(s));
  if (key === '') return '?';
  return ALIAS_TO_ID.get(key) ?? key;
}

/**
 * Bank names, branches and holders repeat from message to message, and their canonical forms are
 * pure functions of the string: each is kept in a Map of at most MEMO_LIMIT entries (cleared when full).
 */
const MEMO_LIMIT = 10_000;
const bankNames = new Map<string, string>();
const branchKeys = new Map<string, string>();
const companyHolders = new Map<string, boolean>();

function remembered<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = compute(key);
    if (cache.size >= MEMO_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const KANJI_DIGIT: Record<string, string> = { '〇': '0', '一': '1', '二': '2', '三': '3', '四': '4', '五': '5', '六': '6', '七': '7', '八': '8', '九': '9' };

/** Canonical branch: folded, without 支店/店/出張所 and 店番; 〇一八 → 018; '?' when missing. */
export function branchKey(branch: string | null | undefined): string {
  return remembered(branchKeys, branch ?? '', computeBranchKey);
}

function computeBranchKey(branch: string): string {
  let s = foldKey(branch).replace(BANK_REGEXES.parenthetical, '').replace(BANK_REGEXES.maru, '');
  s = s.replace(BANK_REGEXES.branchCodePrefix, '');
  const stripped = s.replace(BANK_REGEXES.branchSuffix, '');
  s = stripped === '' ? s : stripped;
  if (BANK_REGEXES.kanjiDigits.test(s)) s = [...s].map((c) => KANJI_DIGIT[c] ?? c).join('');
  return s === '' ? '?' : s;
}

/** Canonical account number: digits (or upper-case letters for foreign accounts) only; short Japanese numbers padded to 7. */
export function accountNumberKey(number: string): string {
  const s = (number ?? '').normalize('NFKC').replace(BANK_REGEXES.separators, '').toUpperCase();
  return BANK_REGEXES.digits.test(s) && s.length < 7 ? s.padStart(7, '0') : s;
}

function digitsOnly(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').replace(BANK_REGEXES.separators, '');
}

/**
 * ゆうちょ 記号-番号 (5 digits - up to 8 digits) → the 振込用 店番 and 口座番号 other banks use:
 * 記号 1xxxx (通常貯金, 普通): 店番 = 2nd–3rd digits + '8', number = 番号 without its last digit;
 * 記号 0xxxx (振替口座, 当座): 店番 = 2nd–3rd digits + '9', number = 番号. Example: 10120-12345671 → 018 / 1234567.
 */
export function yuchoTransferAccount(kigou: string, bangou: string): { branch: string; type: '普通' | '当座'; number: string } | null {
  const k = digitsOnly(kigou);
  const b = digitsOnly(bangou);
  if (!BANK_REGEXES.yuchoKigou.test(k) || !BANK_REGEXES.digits.test(b) || b.length > 8 || b.length === 0) return null;
  if (k.startsWith('1')) {
    if (b.length < 2) return null;
    return { branch: `${k.slice(1, 3)}8`, type: '普通', number: b.slice(0, -1).padStart(7, '0') };
  }
  return { branch: `${k.slice(1, 3)}9`, type: '当座', number: b.padStart(7, '0') };
}

/**
 * Canonical value of a bank account: `bank|branch|number` with each part canonical (see
 * `normaliseBankName`, `branchKey`, `accountNumberKey`). The account type is not part of it: a
 * message often omits it and a branch does not reuse a number across types in practice. A ゆうちょ
 * account given as 記号 (5 digits, as branch) and 番号 is converted to its 振込用 form first.
 */
export function bankAccountValue(a: { bank: string; branch: string; type?: string | null; number: string }): string {
  const bank = normaliseBankName(a.bank);
  if (bank === 'yucho') {
    const transfer = yuchoTransferAccount(a.branch ?? '', a.number);
    if (transfer && BANK_REGEXES.yuchoKigou.test(digitsOnly(a.branch))) return `${bank}|${transfer.branch}|${transfer.number}`;
  }
  return `${bank}|${branchKey(a.branch)}|${accountNumberKey(a.number)}`;
}

const SMALL_TO_BIG: Record<string, string> = { 'ァ': 'ア', 'ィ': 'イ', 'ゥ': 'ウ', 'ェ': 'エ', 'ォ': 'オ', 'ッ': 'ツ', 'ャ': 'ヤ', 'ュ': 'ユ', 'ョ': 'ヨ', 'ヮ': 'ワ', 'ヵ': 'カ', 'ヶ': 'ケ' };

/** Holder in 全銀 form for comparisons: NFKC, hiragana → katakana, small kana made big, ー/-/spaces removed, upper-case. */
export function holderKey(holder: string): string {
  let out = '';
  for (const ch of (holder ?? '').normalize('NFKC').toUpperCase()) {
    const c = ch.charCodeAt(0);
    const kata = c >= 0x3041 && c <= 0x3096 ? String.fromCharCode(c + 0x60) : ch;
    out += SMALL_TO_BIG[kata] ?? kata;
  }
  return out.replace(BANK_REGEXES.separators, '');
}

function hasLegalEntityMarker(key: string): boolean {
  const marked = (x: string) => key.startsWith(`${x})`) || key.includes(`(${x})`) || key.endsWith(`(${x}`);
  return LEGAL_ENTITY_ABBREVIATIONS.some(marked) || LEGAL_ENTITY_ABBREVIATIONS_LATIN.some(marked);
}

/** True when a holder name looks like a company (カ)… / …(ユ / 株式会社 / LTD / ショウジ …). */
export function holderIsCompany(holder: string): boolean {
  return remembered(companyHolders, holder ?? '', computeHolderIsCompany);
}

function computeHolderIsCompany(holder: string): boolean {
  const key = holderKey(holder);
  if (hasLegalEntityMarker(key)) return true;
  if (COMPANY_WORDS.some((w) => key.includes(w))) return true;
  const words = (holder ?? '').normalize('NFKC').toUpperCase().split(BANK_REGEXES.latinWordSplit);
  return COMPANY_WORDS_OTHER.some((w) => (BANK_REGEXES.latinWord.test(w) ? words.includes(w) || words.includes(`${w}.`) : key.includes(w)));
}
