/**
 * Bank-account observables: an account number (6–8 digits after 普通/当座/口座/支店, a ゆうちょ
 * 記号-番号, or a labelled foreign account number) with the bank, branch, type and holder around it.
 * Works on one line ("西日本シティ銀行 姪浜南支店 普通 4418207 ユ)ミズカネノウエン") and on labelled
 * lines ("銀行名：…\n支店名：…\n口座番号：…\n口座名義：…").
 *
 * details: bank and branch as written ('?' when missing, as in the value), type (普通/当座/貯蓄 or
 * null; Savings/Ordinary → 普通, Current/Checking → 当座), number (canonical, `accountNumberKey`),
 * holder (or null; after the number, or labelled before it), personalName (null without a holder),
 * overseas, swift, yuchoKigou/yuchoBangou (the 記号-番号 as written, else null), branchCode (a
 * 3-digit 店番 when written), iban (canonical, when the number is one).
 */
import type { Observable } from '../domain/detection.ts';
import { toEvidence, type PreparedText } from './text.ts';
import { MAX_HITS_PER_KIND, asciiLower, charIn, findWords, isDigit, isNameChar, isLatin, lineStart, skipAny, windowEnd, windowStart } from './chars.ts';
import { branchCodeAfter, findBank, findBranch, findBranchEn, findHolder, findLabelledHolder, findSwift, findType, type Part } from './bank-context.ts';
import { accountNumberKey, bankAccountValue, holderIsCompany, normaliseBankName, yuchoTransferAccount } from './banks.ts';
import { BANK_ALIASES, FOREIGN_BANK_IDS, OVERSEAS_JA, OVERSEAS_LATIN } from './bank-lexicon.ts';

/** Every RegExp of this file, for the ReDoS test. */
export const BANK_ACCOUNT_REGEXES = {
  yuchoKigou: /記号[\s:]{0,3}(\d{5})[\s:、,-]{0,4}番号[\s:]{0,3}(\d{1,8})/g,
  yuchoDash: /(?<!\d)(\d{5})-(\d{1,8})(?!\d)/g,
  yuchoContext: /ゆうちょ|郵便|貯金/,
  typeBefore: /普通|当座|貯蓄|総合|普|savings|ordinary|current|checking|chequing/i,
  accountWordBefore: /口座|a\/c|acct|account/i,
  branchBefore: /(?:支店|出張所|営業部|本店|支所|店)[ :]{0,3}$/,
  numberLabelBefore: /番号|no\b/i,
  bankHint: /銀行|信用金庫|信金|信組|労金|普通|当座|支店|ゆうちょ|bank/i,
  foreignLabel: /口座番号|(?<![a-z])(?:(?:bank )?account(?: no| number| #|#)?|acct(?: no)?|a\/c(?: no)?|iban|clabe)(?![a-z])/gi,
  /** A foreign number after a bank's name on its line, without a label: "KEB Hana Bank Seoul, 391-910455-28838". */
  bankOnLine: /bank|銀行/i,
  isoDate: /^\d{4}-\d{2}-\d{2}$/,
  digits3: /^\d{3}$/,
  latinLetter: /[A-Za-z]/,
  japanese: /[\u3041-\u30ff\u3400-\u9fff]/,
} satisfies Record<string, RegExp>;

const OVERSEAS_WORDS = [...OVERSEAS_LATIN, ...OVERSEAS_JA].map(asciiLower);

interface Candidate {
  start: number;
  end: number;
  number: string;
  kigou?: string;
  foreign?: boolean;
  /** The number is an IBAN (it holds the bank and the account). */
  iban?: boolean;
}

/** Does [i, j) overlap a candidate already taken? */
function overlapsCandidate(taken: readonly Candidate[], i: number, j: number): boolean {
  for (const c of taken) if (c.start < j && i < c.end) return true;
  return false;
}

const NOT_AFTER_NUMBER = '円万億年月日時件個枚%';

/** Digit runs "1234567", "441 8207", "0721-556614" (single space or '-' between groups). */
function japaneseNumbers(s: string, taken: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < s.length && out.length < MAX_HITS_PER_KIND; i++) {
    if (!isDigit(s.charCodeAt(i))) continue;
    const prev = i > 0 ? s.charCodeAt(i - 1) : 0;
    const groups: { start: number; end: number; sep: string }[] = [];
    let k = i;
    while (groups.length < 4) {
      const g = k;
      while (k < s.length && isDigit(s.charCodeAt(k))) k++;
      groups.push({ start: g, end: k, sep: groups.length === 0 ? '' : s.charAt(g - 1) });
      if ((s.charAt(k) === ' ' || s.charAt(k) === '-') && isDigit(s.charCodeAt(k + 1))) k++;
      else break;
    }
    const last = groups[groups.length - 1] as { end: number };
    const runEnd = last.end;
    const first = groups[0] as { start: number; end: number };
    i = runEnd;
    if (isLatin(prev) || prev === 0x2d || prev === 0x2c || isDigit(s.charCodeAt(runEnd))) continue;
    const digits = groups.reduce((n, g) => n + g.end - g.start, 0);
    let end = -1;
    if (digits >= 6 && digits <= 8 && groups.length <= 3) end = runEnd;
    else if (first.end - first.start >= 6 && first.end - first.start <= 8 && groups[1]?.sep === ' ') end = first.end;
    if (end === -1 || charIn(NOT_AFTER_NUMBER, s, skipAny(s, end, ' ', 1)) || overlapsCandidate(taken, first.start, end)) continue;
    const start = first.start;
    // Same line, or the line before when the number starts its own line ("普通\n1234567").
    const floor = lineStart(s, start) === start ? lineStart(s, Math.max(0, start - 1)) : lineStart(s, start);
    const before = s.slice(Math.max(floor, start - 16), start);
    const anchored =
      BANK_ACCOUNT_REGEXES.typeBefore.test(before) ||
      BANK_ACCOUNT_REGEXES.accountWordBefore.test(before) ||
      BANK_ACCOUNT_REGEXES.branchBefore.test(before) ||
      (BANK_ACCOUNT_REGEXES.numberLabelBefore.test(before) && BANK_ACCOUNT_REGEXES.bankHint.test(s.slice(windowStart(s, start, 160, 5), start)));
    if (anchored) out.push({ start, end, number: s.slice(start, end) });
  }
  return out;
}

function yuchoNumbers(s: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of s.matchAll(BANK_ACCOUNT_REGEXES.yuchoKigou)) {
    if (out.length >= MAX_HITS_PER_KIND) return out;
    out.push({ start: m.index, end: m.index + m[0].length, number: m[2] as string, kigou: m[1] as string });
  }
  for (const m of s.matchAll(BANK_ACCOUNT_REGEXES.yuchoDash)) {
    if (out.length >= MAX_HITS_PER_KIND) return out;
    const context = s.slice(windowStart(s, m.index, 60, 3), m.index);
    if (!BANK_ACCOUNT_REGEXES.yuchoContext.test(context) || out.some((c) => c.start <= m.index && m.index < c.end)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, number: m[2] as string, kigou: m[1] as string });
  }
  return out;
}

/** "口座番号：817-334902-838", "IBAN: GB29 NWBK …": a labelled number that is not a Japanese one. */
function foreignNumbers(s: string, taken: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const m of s.matchAll(BANK_ACCOUNT_REGEXES.foreignLabel)) {
    if (out.length >= MAX_HITS_PER_KIND) return out;
    const iban = m[0].toLowerCase() === 'iban';
    const v = skipAny(s, skipAny(s, m.index + m[0].length, '.', 1), ' :#', 4);
    let e = v;
    let digits = 0;
    while (e < s.length && e - v < 40) {
      const c = s.charCodeAt(e);
      const next = s.charCodeAt(e + 1);
      if (isDigit(c)) digits++;
      else if (c === 0x2d ? !(isDigit(next) || isLatin(next)) : c === 0x20 ? !(isDigit(next) || (iban && isLatin(next))) : !isLatin(c)) break;
      e++;
    }
    if (digits >= 6 && !overlapsCandidate(taken, v, e)) out.push({ start: v, end: e, number: s.slice(v, e), foreign: true, iban });
  }
  return out;
}

/** Banks often named without the word "bank" ("HSBC Hong Kong, 652-…"). */
const FOREIGN_BANK_WORDS = ['hsbc', 'dbs', 'ocbc', 'uob', 'citi', 'chase', 'barclays', 'santander', 'bbva', 'revolut', 'wise', 'icbc', 'maybank', 'cimb', 'shinhan', 'kookmin', 'woori', 'vietcombank', 'techcombank', 'kbank'];

/** Does this text name a bank ("… Bank", 「…銀行」, or a bank known by its short name)? */
function namesBank(text: string): boolean {
  return BANK_ACCOUNT_REGEXES.bankOnLine.test(text) || findWords(text, FOREIGN_BANK_WORDS, true).length > 0;
}

/** A run of 9+ digits in groups ("391-910455-28838") after a bank's name on the same line: an unlabelled foreign account. */
function unlabelledForeignNumbers(s: string, taken: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < s.length && out.length < MAX_HITS_PER_KIND; i++) {
    if (!isDigit(s.charCodeAt(i)) || (i > 0 && (isDigit(s.charCodeAt(i - 1)) || isLatin(s.charCodeAt(i - 1)) || '+-'.includes(s.charAt(i - 1))))) continue;
    let e = i;
    let digits = 0;
    while (e < s.length && e - i < 30) {
      const c = s.charCodeAt(e);
      if (isDigit(c)) digits++;
      else if (!(c === 0x2d && isDigit(s.charCodeAt(e + 1)))) break;
      e++;
    }
    const text = s.slice(i, e);
    const from = lineStart(s, i);
    if (digits >= 9 && digits <= 20 && !isLatin(s.charCodeAt(e)) && !BANK_ACCOUNT_REGEXES.isoDate.test(text) && !overlapsCandidate(taken, i, e) &&
      namesBank(s.slice(Math.max(from, i - 50), i))) {
      out.push({ start: i, end: e, number: text, foreign: true });
    }
    i = e;
  }
  return out;
}

function isOverseas(s: string, from: number, to: number, bank: Part | null, c: Candidate): boolean {
  const text = s.slice(from, to);
  if (findWords(text, OVERSEAS_WORDS, true).length > 0) return true;
  if (bank && BANK_ACCOUNT_REGEXES.latinLetter.test(bank.text) && !BANK_ACCOUNT_REGEXES.japanese.test(bank.text)) {
    const id = normaliseBankName(bank.text);
    if (!(id in BANK_ALIASES) || FOREIGN_BANK_IDS.includes(id)) return true;
  }
  return c.foreign === true;
}

/** "東西銀行 前原中央 普通 1234567": one name between the bank and the type (or number) is the branch. */
function bareBranch(s: string, bank: Part | null, type: Part | null, c: Candidate): Part | null {
  if (!bank) return null;
  const to = type && type.start >= bank.end ? type.start : c.start;
  const a = skipAny(s, bank.end, ' ', 3);
  let b = to;
  while (b > a && s.charAt(b - 1) === ' ') b--;
  if (b - a < 1 || b - a > 15) return null;
  for (let k = a; k < b; k++) if (!isNameChar(s.charCodeAt(k))) return null;
  return { start: a, end: b, text: s.slice(a, b) };
}

function toObservable(p: PreparedText, c: Candidate): Observable {
  const s = p.plain;
  const from = windowStart(s, c.start, 160, 5);
  const bank = findBank(s, from, c.start);
  const type = findType(s, bank ? bank.start : from, c.start);
  const branchFrom = bank ? bank.end : from;
  const branchEn = c.kigou ? null : findBranchEn(s, branchFrom, c.start);
  const branch = c.kigou ? null : (findBranch(s, branchFrom, c.start) ?? branchEn ?? bareBranch(s, bank, type, c));
  const branchCode = branchEn?.code ?? (branch ? branchCodeAfter(s, branch.end, c.start) : null) ?? (BANK_ACCOUNT_REGEXES.digits3.test(branch?.text ?? '') ? branch!.text : null);
  const to = windowEnd(s, c.end, 100, 3);
  const holder = findHolder(s, c.end, to) ?? findLabelledHolder(s, from, c.start);
  const bankName = bank?.text ?? (c.kigou ? 'ゆうちょ銀行' : null);
  let branchText = branch?.text ?? null;
  let number = c.number;
  let typeText = type?.text ?? null;
  const transfer = c.kigou ? yuchoTransferAccount(c.kigou, c.number) : null;
  if (transfer) {
    branchText = `${transfer.branch}店`;
    number = transfer.number;
    typeText = transfer.type;
  }
  const value = bankAccountValue({ bank: bankName ?? '?', branch: branchText ?? '?', number });
  const spanStart = Math.min(c.start, bank?.start ?? c.start, branch?.start ?? c.start, type?.start ?? c.start);
  const spanEnd = Math.max(c.end, holder?.end ?? c.end);
  const holderText = holder?.text ?? null;
  const display = [bankName, branchText, typeText, accountNumberKey(number), holderText].filter((x) => x).join(' ');
  return {
    kind: 'bank_account',
    value,
    display,
    evidence: toEvidence(p, 'plain', spanStart, spanEnd),
    details: {
      bank: bankName ?? '?',
      branch: branchText ?? '?',
      type: typeText,
      number: accountNumberKey(number),
      holder: holderText,
      personalName: holderText === null ? null : !holderIsCompany(holderText),
      overseas: isOverseas(s, windowStart(s, spanStart, 80, 0), windowEnd(s, spanEnd, 80, 2), bank, c),
      swift: findSwift(s, windowStart(s, spanStart, 80, 1), windowEnd(s, spanEnd, 120, 3)),
      yuchoKigou: c.kigou ?? null,
      yuchoBangou: c.kigou ? c.number : null,
      branchCode,
      iban: c.iban ? accountNumberKey(c.number) : null,
    },
  };
}

/** At least six digits in all: no account number is shorter (an IBAN may be written in groups of four). */
function hasSixDigits(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigit(s.charCodeAt(i)) && ++n >= 6) return true;
  return false;
}

/** Bank accounts in `p.plain` (evidence in the original body), with the [start, end) of each number in `plain`. */
export function findBankAccounts(p: PreparedText): { observable: Observable; start: number; end: number }[] {
  const s = p.plain;
  if (!hasSixDigits(s)) return [];
  const candidates = yuchoNumbers(s);
  candidates.push(...japaneseNumbers(s, candidates));
  candidates.push(...foreignNumbers(s, candidates));
  candidates.push(...unlabelledForeignNumbers(s, candidates));
  candidates.sort((a, b) => a.start - b.start);
  return candidates.map((c) => ({ observable: toObservable(p, c), start: c.start, end: c.end }));
}
