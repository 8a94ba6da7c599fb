/** Small helpers shared by rules: firing, request forms in two languages, ledger look-ups of observables. */
import { accountNumberKey, branchKey, holderKey, normaliseBankName } from '../src/detection/banks.ts';
import { bankAccountValue, phoneValue } from '../src/detection/observables.ts';
import type { BankAccount, Counterparty, Directory } from '../src/domain/directory.ts';
import type { Bilingual, Evidence, Observable } from '../src/detection/types.ts';
import type { Lexicon } from './lexicon.ts';
import { DONT_SHARE, IN_THIS_CHAT, QUESTION_REQUEST, REQUEST, REQUEST_EN, SEND_TO_ME } from './lexicons/requests.ts';
import type { RuleContext, RuleMatch, Strength } from './types.ts';

/** A match when there is evidence, else null. */
export function fire(evidence: Evidence[], strength: Strength, detail?: Bilingual): RuleMatch | null {
  if (evidence.length === 0) return null;
  return detail ? { evidence, strength, detail } : { evidence, strength };
}

/** Evidence of the first lexicon (in order) that has hits. */
export function firstFound(ctx: RuleContext, ...lexicons: Lexicon[]): Evidence[] {
  for (const l of lexicons) {
    const found = ctx.find(l);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The reader is asked for `what`: a Japanese request form after it (「振込をお願いします」) or an
 * English one next to it ("please wire", "could you send", "must be paid"), in one sentence.
 */
export function asked(ctx: RuleContext, what: Lexicon, options: { maxGap?: number; unless?: Lexicon } = {}): Evidence[] {
  const ja = ctx.near(what, REQUEST, options);
  if (ja.length > 0) return ja;
  const en = ctx.near(what, REQUEST_EN, { ...options, anyOrder: true });
  if (en.length > 0) return en;
  // "Could Tohto advance …?": a question that opens with a modal; the thing asked comes after it.
  const question = ctx.near(QUESTION_REQUEST, what, { maxGap: Math.min(options.maxGap ?? 40, 24) });
  return question.length > 0 && !(options.unless && ctx.find(options.unless).some((u) => u.start <= question[1]!.start && question[1]!.end <= u.end)) ? question : [];
}

/** The first pair of hits of `a` and `b` within `maxChars` of each other in the original text, in any sentence (a request on the next line of a list). */
export function closeBy(a: Evidence[], b: Evidence[], maxChars: number): Evidence[] {
  for (const x of a) {
    for (const y of b) {
      const gap = y.start >= x.end ? y.start - x.end : x.start >= y.end ? x.start - y.end : 0;
      if (gap <= maxChars) return [x, y];
    }
  }
  return [];
}

/** One registered account of the ledger, with its comparable forms. */
interface LedgerAccount {
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

/** What the ledger registers, canonical, computed once per directory object. */
interface LedgerValues {
  accounts: LedgerAccount[];
  /** By canonical number and by IBAN. */
  byNumber: Map<string, LedgerAccount[]>;
  phones: Set<string>;
}

const ledgerValues = new WeakMap<Directory, LedgerValues>();

/** Every RegExp of the rules' helpers, for the ReDoS test (test/rules/redos.test.ts). */
export const SUPPORT_REGEXES = {
  latin: /[a-z]/i,
  digits: /^\d+$/,
  /** Legal forms in a holder name: kana (カ) …, …(カ), 株式会社) and Latin (CO, LTD, GMBH …). */
  legalKana: /^(?:カ|ユ|ド|ゼイ|ベ|イ|シヤ|ザイ|ガク)\)|\((?:カ|ユ|ド)\)?$|株式会社|有限会社|合同会社/gu,
  legalLatin: /(?<![A-Z])(?:CO|LTD|LIMITED|INC|CORP|GMBH|AG|JSC|PTE|LLC|PLC|SDN|BHD|KK)(?![A-Z])/gu,
  holderPunctuation: /[().,&]/gu,
  whitespace: /\s+/u,
  notLetters: /[^a-z]+/u,
  sentenceBreak: /[。！？!?\n]/u,
  /** A list item: the line starts with a bullet, a dash or a number. */
  listItem: /^\s*(?:[-・•*●○◦‣]|\d+[.)]|[①-⑳])/u,
  domainLabels: /[.-]/u,
  /** App names that are English words as well. */
  ambiguousApp: /^(?:line|signal)$/i,
  /** …written as the app: LINE, ＬＩＮＥ, Signal. */
  appCase: /^(?:LINE|ＬＩＮＥ|Signal|SIGNAL)$/u,
} satisfies Record<string, RegExp>;

const LATIN = SUPPORT_REGEXES.latin;
const DIGITS = SUPPORT_REGEXES.digits;


/** A holder without its legal form, in 全銀 form (「カ)サカエパートナーズ」 → 「サカエパ-トナ-ズ」 folded). */
function holderCore(holder: string): string {
  const upper = holder.normalize('NFKC').toUpperCase();
  return holderKey(upper.replace(SUPPORT_REGEXES.legalKana, '').replace(SUPPORT_REGEXES.legalLatin, '')).replace(SUPPORT_REGEXES.holderPunctuation, '');
}

function swift8(code: string | null | undefined): string | null {
  const s = (code ?? '').replaceAll(' ', '').toUpperCase();
  return s.length >= 8 ? s.slice(0, 8) : null;
}

/** "Ho Chi Minh City Branch" → "hcmc": the initials of a Latin name, without "branch". */
function initialsOf(name: string): string {
  return name
    .toLowerCase()
    .split(SUPPORT_REGEXES.notLetters)
    .filter((w) => w !== '' && w !== 'branch' && w !== 'office')
    .map((w) => w.charAt(0))
    .join('');
}

function indexAccount(partner: Counterparty, a: BankAccount): LedgerAccount {
  const banks = new Set([normaliseBankName(a.bank)]);
  if (a.bankLatin) banks.add(normaliseBankName(a.bankLatin));
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

function valuesOf(directory: Directory): LedgerValues {
  let v = ledgerValues.get(directory);
  if (!v) {
    v = { accounts: [], byNumber: new Map(), phones: new Set() };
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
      if (c.phone) v.phones.add(phoneValue(c.phone) ?? c.phone);
    }
    for (const p of directory.people) if (p.phone) v.phones.add(phoneValue(p.phone) ?? p.phone);
    ledgerValues.set(directory, v);
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
  const v = valuesOf(directory);
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
    if (sameBank(String(o.details?.bank ?? '?'), a) && sameBranch(o, a) && sameHolder(o, a)) return a;
  }
  return null;
}

/** Canonical values of every bank account registered in the ledger. */
export function registeredAccountValues(ctx: RuleContext): Set<string> {
  return new Set(valuesOf(ctx.directory).accounts.map((a) => a.value));
}

/** Is this bank-account observable one of the ledger's registered payee accounts (however it is written)? */
export function isRegisteredAccount(ctx: RuleContext, o: Observable): boolean {
  return registeredAccountFor(ctx.directory, o) !== null;
}

/** Bank accounts in the message that are not registered in the ledger. */
export function unregisteredAccounts(ctx: RuleContext): Observable[] {
  return ctx.observables.filter((o) => o.kind === 'bank_account' && !isRegisteredAccount(ctx, o));
}

/** Phone numbers in the message that are not any ledger person's or partner's number. */
export function unknownPhones(ctx: RuleContext): Observable[] {
  const known = valuesOf(ctx.directory).phones;
  return ctx.observables.filter((o) => o.kind === 'phone' && !known.has(o.value));
}

/** The ledger's registered accounts of a partner, readable, for "verify against" details. */
export function describeAccounts(accounts: { bank: string; branch: string; type: string; number: string }[]): string {
  return accounts.map((a) => `${a.bank} ${a.branch} ${a.type} ${a.number}`).join(' / ');
}

/** Does the sender's own account belong to a ledger partner whose registered accounts are abroad (SWIFT, IBAN or a country)? */
export function senderBanksAbroad(ctx: RuleContext): boolean {
  const id = ctx.identity;
  if (!id || !id.accountMatches || id.kind !== 'partner') return false;
  const partner = ctx.directory.counterparties.find((c) => c.company === id.company);
  return partner?.bankAccounts.some((a) => Boolean(a.swift || a.iban || (a.country && a.country.toUpperCase() !== 'JP'))) ?? false;
}

/** The company's domain and every ledger e-mail domain, and their distinctive first labels ("aoba-bussan"). */
export function knownDomains(directory: Directory): { domains: string[]; labels: string[] } {
  let k = knownDomainCache.get(directory);
  if (!k) {
    const domains = new Set<string>();
    if (directory.organization.domain) domains.add(directory.organization.domain.toLowerCase());
    for (const e of [...directory.people.map((p) => p.email), ...directory.counterparties.map((c) => c.email)]) {
      const at = (e ?? '').lastIndexOf('@');
      if (at > 0) domains.add(e!.slice(at + 1).toLowerCase());
    }
    const labels = new Set<string>();
    for (const d of domains) {
      const first = d.split('.')[0] ?? '';
      if (first.length >= 5) labels.add(first);
    }
    k = { domains: [...domains], labels: [...labels] };
    knownDomainCache.set(directory, k);
  }
  return k;
}

const knownDomainCache = new WeakMap<Directory, { domains: string[]; labels: string[] }>();

/** Is `host` the domain itself or one of its subdomains? */
export function onDomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * Every "send / tell / upload it (here)" of the message that is not part of a prohibition or sent
 * elsewhere: "never share", 「伝えないこと」, "email me (not here)".
 */
export function handOverRequests(ctx: RuleContext): Evidence[] {
  const dont = ctx.find(DONT_SHARE);
  const denied = (e: Evidence) => dont.some((d) => (d.start <= e.start && e.end <= d.end) || (d.start >= e.end && d.start - e.end <= 12));
  return [...ctx.find(SEND_TO_ME), ...ctx.find(IN_THIS_CHAT)].filter((e) => !denied(e));
}

const SENTENCE_BREAK = SUPPORT_REGEXES.sentenceBreak;

/** Do two pieces of evidence lie in one sentence (no 。！？!? or line break between them)? */
export function sameSentence(text: string, a: Evidence, b: Evidence): boolean {
  const from = Math.min(a.end, b.end);
  const to = Math.max(a.start, b.start);
  return to <= from || !SENTENCE_BREAK.test(text.slice(from, to));
}

/** The first pair (x of `a`, y of `b`) in one sentence, at most `maxChars` apart in the original text, either order. */
export function pairWithin(text: string, a: Evidence[], b: Evidence[], maxChars: number): Evidence[] {
  for (const x of a) {
    for (const y of b) {
      const gap = y.start >= x.end ? y.start - x.end : x.start >= y.end ? x.start - y.end : -1;
      if (gap >= 0 && gap <= maxChars && sameSentence(text, x, y)) return [x, y];
    }
  }
  return [];
}
