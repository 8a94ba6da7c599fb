/**
 * Is a bank account written in a message one the ledger registers? The same number (or IBAN, or an
 * IBAN that ends with it) and nothing that contradicts the ledger's entry: another bank, another
 * branch (by name, 店番 or romanised), another holder (kana or Latin, legal form aside) or another
 * SWIFT. Forms the ledger can't compare with (a romanised branch when it has only kanji) don't
 * contradict. Detection and the case pages' "registered" marks share this one definition.
 *
 * @example
 *   registeredAccountFor(dir, observableOf('三井住友銀行 梅田支店（普通 1234567）'))  // the ledger entry
 *   registeredAccountFor(dir, observableOf('りそな銀行 梅田支店 普通 1234567'))       // null: another bank
 */
import { accountNumberKey, bankAccountValue, bankNameAliases, branchKey, holderKey, normaliseBankName } from './banks.ts';
import type { BankAccount, Counterparty, Directory } from '../domain/directory.ts';
import type { Observable } from '../domain/detection.ts';

/** Every RegExp of this file, for the ReDoS test. */
export const LEDGER_ACCOUNT_REGEXES = {
  latin: /[a-z]/i,
  digits: /^\d+$/,
  /** Legal forms in a holder name: kana (カ) …, …(カ), 株式会社) and Latin (CO, LTD, GMBH …). */
  legalKana: /^(?:カ|ユ|ド|ゼイ|ベ|イ|シヤ|ザイ|ガク)\)|\((?:カ|ユ|ド)\)?$|株式会社|有限会社|合同会社/gu,
  legalLatin: /(?<![A-Z])(?:CO|LTD|LIMITED|INC|CORP|GMBH|AG|JSC|PTE|LLC|PLC|SDN|BHD|KK)(?![A-Z])/gu,
  holderPunctuation: /[().,&]/gu,
  notLetters: /[^a-z]+/u,
} satisfies Record<string, RegExp>;

const LATIN = LEDGER_ACCOUNT_REGEXES.latin;
const DIGITS = LEDGER_ACCOUNT_REGEXES.digits;

/** One registered account of the ledger, with its comparable forms. */
export interface LedgerAccount {
  partner: Counterparty;
  account: BankAccount;
  value: string;
  number: string;
  iban: string | null;
  banks: Set<string>;
  branches: Set<string>;
  /** Are Latin or code forms of the branch known (so a Latin or coded branch in a message can be compared)? */
  latinBranch: boolean;
  /** The Latin branch names, as keys and as the initials of their words. */
  latinNames: { key: string; initials: string }[];
  codeBranch: boolean;
  swift: string | null;
  holders: Set<string>;
}

/** The ledger's registered accounts, computed once per directory object. */
interface LedgerAccounts {
  accounts: LedgerAccount[];
  /** By canonical number and by IBAN. */
  byNumber: Map<string, LedgerAccount[]>;
}

const ledgerAccounts = new WeakMap<Directory, LedgerAccounts>();

/** A holder without its legal form, in 全銀 form (「カ)サカエパートナーズ」 → 「サカエパ-トナ-ズ」 folded). */
function holderCore(holder: string): string {
  let core = holderCores.get(holder);
  if (core === undefined) {
    core = computeHolderCore(holder);
    if (holderCores.size >= 10_000) holderCores.clear();
    holderCores.set(holder, core);
  }
  return core;
}

/** holderCore of holders seen recently: the same partners' holders come back message after message. */
const holderCores = new Map<string, string>();

function computeHolderCore(holder: string): string {
  const upper = holder.normalize('NFKC').toUpperCase();
  return holderKey(upper.replace(LEDGER_ACCOUNT_REGEXES.legalKana, '').replace(LEDGER_ACCOUNT_REGEXES.legalLatin, '')).replace(LEDGER_ACCOUNT_REGEXES.holderPunctuation, '');
}

function swift8(code: string | null | undefined): string | null {
  const s = (code ?? '').replaceAll(' ', '').toUpperCase();
  return s.length >= 8 ? s.slice(0, 8) : null;
}

/** "Ho Chi Minh City Branch" → "hcmc": the initials of a Latin name, without "branch". */
function initialsOf(name: string): string {
  return name
    .toLowerCase()
    .split(LEDGER_ACCOUNT_REGEXES.notLetters)
    .filter((w) => w !== '' && w !== 'branch' && w !== 'office')
    .map((w) => w.charAt(0))
    .join('');
}

function indexAccount(partner: Counterparty, a: BankAccount): LedgerAccount {
  const banks = new Set([normaliseBankName(a.bank)]);
  if (a.bankLatin) banks.add(normaliseBankName(a.bankLatin));
  for (const name of [a.bank, a.bankLatin ?? '']) for (const alias of bankNameAliases(name)) banks.add(alias);
  const branches = new Set([branchKey(a.branch)]);
  if (a.branchLatin) branches.add(branchKey(a.branchLatin));
  if (a.branchCode) branches.add(branchKey(a.branchCode));
  const holders = new Set<string>();
  if (a.holder) holders.add(holderCore(a.holder));
  if (a.holderLatin) holders.add(holderCore(a.holderLatin));
  return {
    partner,
    account: a,
    value: bankAccountValue(a),
    number: accountNumberKey(a.number),
    iban: a.iban ? accountNumberKey(a.iban) : null,
    banks,
    branches,
    latinBranch: LATIN.test(a.branch) || Boolean(a.branchLatin),
    latinNames: [a.branch, a.branchLatin ?? ''].filter((b) => LATIN.test(b)).map((b) => ({ key: branchKey(b), initials: initialsOf(b) })),
    codeBranch: DIGITS.test(branchKey(a.branch)) || Boolean(a.branchCode),
    swift: swift8(a.swift),
    holders,
  };
}

/** The ledger's accounts, indexed. */
export function ledgerAccountsOf(directory: Directory): LedgerAccount[] {
  return indexOf(directory).accounts;
}

function indexOf(directory: Directory): LedgerAccounts {
  let v = ledgerAccounts.get(directory);
  if (!v) {
    v = { accounts: [], byNumber: new Map() };
    for (const c of directory.counterparties) {
      for (const a of c.bankAccounts) {
        const entry = indexAccount(c, a);
        v.accounts.push(entry);
        for (const key of [entry.number, entry.iban]) {
          if (!key) continue;
          const list = v.byNumber.get(key) ?? [];
          list.push(entry);
          v.byNumber.set(key, list);
        }
      }
    }
    ledgerAccounts.set(directory, v);
  }
  return v;
}

/** Is the bank named in the message compatible with the ledger's? Unknown ('?') is. */
function sameBank(named: string, a: LedgerAccount): boolean {
  if (named === '?' || named === '') return true;
  const key = normaliseBankName(named);
  if (a.banks.has(key)) return true;
  // "Commerzbank" vs "Commerzbank AG", "Chase" vs "JPMorgan Chase Bank, N.A.": one name inside the other.
  for (const b of a.banks) if (key.length >= 4 && b.length >= 4 && (b.includes(key) || key.includes(b))) return true;
  return false;
}

/**
 * Is the branch in the message compatible with the ledger's? Unknown is; so is a form the ledger
 * cannot be compared with (a romanised name when the ledger has only kanji, a code when it has none).
 */
function sameBranch(o: Observable, a: LedgerAccount): boolean {
  const branch = String(o.details?.branch ?? '?');
  const text = branch === '?' ? null : branchKey(branch);
  const textIsCode = text !== null && DIGITS.test(text);
  const codes = [o.details?.branchCode ? String(o.details.branchCode) : null, textIsCode ? text : null].filter((c): c is string => c !== null);
  const names = text !== null && !textIsCode ? [text] : [];
  if (codes.length === 0 && names.length === 0) return true;
  if ([...codes, ...names].some((f) => a.branches.has(f))) return true;
  if (codes.length > 0 && a.codeBranch) return false;
  // Latin names are written loosely: "Sathorn" for "Sathorn Branch", "HCMC" for "Ho Chi Minh City".
  if (names.some((n) => LATIN.test(n) && a.latinNames.some((l) => looseLatinMatch(n, l)))) return true;
  return names.every((n) => LATIN.test(n) && !a.latinBranch);
}

/** One Latin branch name inside the other, or one the initials of the other's words. */
function looseLatinMatch(key: string, ledger: { key: string; initials: string }): boolean {
  if (key.length >= 4 && ledger.key.length >= 4 && (ledger.key.includes(key) || key.includes(ledger.key))) return true;
  return key.length >= 2 && key === ledger.initials;
}

function sameHolder(o: Observable, a: LedgerAccount): boolean {
  const holder = o.details?.holder ? String(o.details.holder) : null;
  if (holder === null || a.holders.size === 0) return true;
  const core = holderCore(holder);
  if (core === '') return true;
  const latin = LATIN.test(core);
  let comparable = false;
  for (const h of a.holders) {
    if (LATIN.test(h) !== latin) continue;
    comparable = true;
    if (h === core || (core.length >= 4 && h.includes(core)) || (h.length >= 4 && core.includes(h))) return true;
  }
  return !comparable;
}

/** The ledger account this bank-account observable is, or null: same number (or IBAN), and no contradicting bank, branch, holder or SWIFT. */
export function registeredAccountFor(directory: Directory, o: Observable): LedgerAccount | null {
  if (o.kind !== 'bank_account') return null;
  const v = indexOf(directory);
  const number = accountNumberKey(String(o.details?.number ?? ''));
  const iban = o.details?.iban ? String(o.details.iban) : null;
  const candidates = [...(v.byNumber.get(number) ?? []), ...(iban ? (v.byNumber.get(iban) ?? []) : [])];
  // An IBAN ends with the domestic account number: DE27 4804 0035 0412 7733 00 holds 0412773300.
  if (iban) for (const a of v.accounts) if (a.number.length >= 8 && iban.endsWith(a.number) && !candidates.includes(a)) candidates.push(a);
  for (const a of candidates) {
    if (a.value === o.value && sameHolder(o, a)) return a;
    if (iban && a.iban === iban) return a;
    if (number.length < 6 && !iban) continue;
    const swift = swift8(o.details?.swift ? String(o.details.swift) : null);
    if (swift && a.swift && swift !== a.swift) continue;
    // A SWIFT/BIC names the bank: when both have one and they agree, the bank is the same however its name was written.
    const bank = swift && a.swift ? true : sameBank(String(o.details?.bank ?? '?'), a);
    if (bank && sameBranch(o, a) && sameHolder(o, a)) return a;
  }
  return null;
}

