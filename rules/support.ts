/** Small helpers shared by rules: firing, ledger look-ups of observables. */
import { accountNumberKey } from '../src/detection/banks.ts';
import { bankAccountValue, phoneValue } from '../src/detection/observables.ts';
import type { Directory } from '../src/domain/directory.ts';
import type { Bilingual, Evidence, Observable } from '../src/domain/detection.ts';
import type { Lexicon } from '../src/detection/lexicon.ts';
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

/** What the ledger registers, canonical, computed once per directory object. */
interface LedgerValues {
  accounts: Set<string>;
  /** Account numbers, for accounts written without a branch. */
  numbers: Set<string>;
  phones: Set<string>;
}

const ledgerValues = new WeakMap<Directory, LedgerValues>();

function valuesOf(directory: Directory): LedgerValues {
  let v = ledgerValues.get(directory);
  if (!v) {
    v = { accounts: new Set(), numbers: new Set(), phones: new Set() };
    for (const c of directory.counterparties) {
      for (const a of c.bankAccounts) {
        v.accounts.add(bankAccountValue(a));
        v.numbers.add(accountNumberKey(a.number));
      }
      if (c.phone) v.phones.add(phoneValue(c.phone) ?? c.phone);
    }
    for (const p of directory.people) if (p.phone) v.phones.add(phoneValue(p.phone) ?? p.phone);
    ledgerValues.set(directory, v);
  }
  return v;
}

/** Canonical values of every bank account registered in the ledger. */
export function registeredAccountValues(ctx: RuleContext): Set<string> {
  return valuesOf(ctx.directory).accounts;
}

function registeredNumbers(ctx: RuleContext): Set<string> {
  return valuesOf(ctx.directory).numbers;
}

/** Is this bank-account observable one of the ledger's registered payee accounts? */
export function isRegisteredAccount(ctx: RuleContext, o: Observable): boolean {
  if (registeredAccountValues(ctx).has(o.value)) return true;
  const number = accountNumberKey(String(o.details?.number ?? ''));
  return number.length >= 6 && registeredNumbers(ctx).has(number) && o.details?.branch === '?';
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
