/** Small helpers shared by rules: firing, request forms in two languages, ledger look-ups of observables. */
import { ledgerAccountsOf, registeredAccountFor } from '../src/detection/ledger-accounts.ts';
import { phoneValue } from '../src/detection/observables.ts';
import type { Directory } from '../src/domain/directory.ts';
import type { Bilingual, Evidence, Observable } from '../src/domain/detection.ts';
import type { Lexicon } from '../src/detection/lexicon.ts';
import { DONT_SHARE, IN_THIS_CHAT, OFFER_TO_SEND, QUESTION_MODAL, REQUEST, REQUEST_EN, SEND_TO_ME } from './lexicons/requests.ts';
import type { RuleContext, RuleMatch, Strength } from '../src/detection/rule.ts';

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
  if (!ctx.has(what)) return [];
  // Several rules ask the same question of one message (is a transfer asked?): answer it once.
  const answers = ctx.memo(what, () => new Map<number, Evidence[]>());
  const key = (options.maxGap ?? 40) * 4096 + (options.unless ? options.unless.index + 1 : 0);
  let found = answers.get(key);
  if (found === undefined) answers.set(key, (found = askedUncached(ctx, what, options)));
  return found;
}

function askedUncached(ctx: RuleContext, what: Lexicon, options: { maxGap?: number; unless?: Lexicon }): Evidence[] {
  const ja = ctx.near(what, REQUEST, options);
  if (ja.length > 0) return ja;
  const en = ctx.near(what, REQUEST_EN, { ...options, anyOrder: true });
  if (en.length > 0) return en;
  // "Could Tohto advance …?": a question that opens a clause with a modal; the thing asked comes after it.
  if (!ctx.has(QUESTION_MODAL)) return [];
  const text = ctx.text.original;
  const modals = ctx.find(QUESTION_MODAL).filter((m) => opensClause(text, m.start));
  const things = ctx.find(what).filter((w) => !(options.unless && ctx.find(options.unless).some((u) => u.start <= w.start && w.end <= u.end)));
  for (const m of modals) for (const w of things) if (w.start > m.end && w.start - m.end <= 30 && sameSentence(text, m, w)) return [m, w];
  return [];
}

/** Does the text at `i` start a clause: the start, or only spaces after a line break or 。,!?、:;? */
function opensClause(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && text.charAt(k) === ' ') k--;
  return k < 0 || CLAUSE_OPENERS.includes(text.charAt(k));
}

const CLAUSE_OPENERS = '\n。.,!?、:;！？';

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

/** Every RegExp of the rules' helpers, for the ReDoS test (test/rules/redos.test.ts). */
export const SUPPORT_REGEXES = {
  latin: /[a-z]/i,
  whitespace: /\s+/u,
  sentenceBreak: /[。！？!?\n]/u,
  /** A list item: the line starts with a bullet, a dash or a number. */
  listItem: /^\s*(?:[-・•*●○◦‣]|\d+[.)]|[①-⑳])/u,
  domainLabels: /[.-]/u,
  /** App names that are English words as well. */
  ambiguousApp: /^(?:line|signal)$/i,
  /** …written as the app: LINE, ＬＩＮＥ, Signal. */
  appCase: /^(?:LINE|ＬＩＮＥ|Signal|SIGNAL)$/u,
} satisfies Record<string, RegExp>;

export { registeredAccountFor };

/** Canonical values of every bank account registered in the ledger. */
export function registeredAccountValues(ctx: RuleContext): Set<string> {
  return new Set(ledgerAccountsOf(ctx.directory).map((a) => a.value));
}

/** Is this bank-account observable one of the ledger's registered payee accounts (however it is written)? */
export function isRegisteredAccount(ctx: RuleContext, o: Observable): boolean {
  return ctx.memo(o, () => registeredAccountFor(ctx.directory, o) !== null);
}

/** Bank accounts in the message that are not registered in the ledger (computed once per message). */
export function unregisteredAccounts(ctx: RuleContext): Observable[] {
  return ctx.memo(unregisteredAccounts, () => ctx.observables.filter((o) => o.kind === 'bank_account' && !isRegisteredAccount(ctx, o)));
}

const ledgerPhones = new WeakMap<Directory, Set<string>>();

/** Every ledger person's and partner's phone, canonical, once per directory object. */
function knownPhones(directory: Directory): Set<string> {
  let phones = ledgerPhones.get(directory);
  if (!phones) {
    phones = new Set();
    for (const x of [...directory.people, ...directory.counterparties]) if (x.phone) phones.add(phoneValue(x.phone) ?? x.phone);
    ledgerPhones.set(directory, phones);
  }
  return phones;
}

/** Phone numbers in the message that are not any ledger person's or partner's number. */
export function unknownPhones(ctx: RuleContext): Observable[] {
  const known = knownPhones(ctx.directory);
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
  return ctx.memo(handOverRequests, () => {
    const dont = ctx.find(DONT_SHARE);
    // Also "send it (to me), never" style: a prohibition right after the send-word.
    const prohibitedAfter = (e: Evidence) => dont.some((d) => d.start >= e.end && d.start - e.end <= 12);
    return [...ctx.find(SEND_TO_ME), ...ctx.find(IN_THIS_CHAT)].filter((e) => !notAsked(ctx, e) && !prohibitedAfter(e));
  });
}

/** Does `e` start inside a hit of `lexicon` (the send-word is part of that phrase)? */
function startsInside(ctx: RuleContext, lexicon: Lexicon, e: Evidence): boolean {
  return ctx.has(lexicon) && ctx.find(lexicon).some((o) => o.start <= e.start && e.start < o.end);
}

/** Is this send-word the writer's own offer ("I'll send the password separately")? */
export function offeredBySender(ctx: RuleContext, e: Evidence): boolean {
  return startsInside(ctx, OFFER_TO_SEND, e);
}

/** Is this send-word no request: part of a prohibition ("don't send it", 「送らないで」) or of the writer's own offer? */
export function notAsked(ctx: RuleContext, e: Evidence): boolean {
  return startsInside(ctx, DONT_SHARE, e) || offeredBySender(ctx, e);
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
