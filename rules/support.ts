/** Small helpers shared by rules: firing, ledger look-ups of observables. */
import { bankAccountValue, phoneValue } from '../src/detection/observables.ts';
import type { Bilingual, Evidence, Observable } from '../src/detection/types.ts';
import type { Lexicon } from './lexicon.ts';
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

/** Canonical values of every bank account registered in the ledger. */
export function registeredAccountValues(ctx: RuleContext): Set<string> {
  const values = new Set<string>();
  for (const c of ctx.directory.counterparties) for (const a of c.bankAccounts) values.add(bankAccountValue(a));
  return values;
}

/** Account numbers registered in the ledger, for accounts written without a branch. */
function registeredNumbers(ctx: RuleContext): Set<string> {
  return new Set(ctx.directory.counterparties.flatMap((c) => c.bankAccounts.map((a) => a.number.normalize('NFKC').replace(/\D/gu, ''))));
}

/** Is this bank-account observable one of the ledger's registered payee accounts? */
export function isRegisteredAccount(ctx: RuleContext, o: Observable): boolean {
  if (registeredAccountValues(ctx).has(o.value)) return true;
  const number = String(o.details?.number ?? '').replace(/\D/gu, '');
  return number.length >= 6 && registeredNumbers(ctx).has(number) && o.details?.branch === '?';
}

/** Bank accounts in the message that are not registered in the ledger. */
export function unregisteredAccounts(ctx: RuleContext): Observable[] {
  return ctx.observables.filter((o) => o.kind === 'bank_account' && !isRegisteredAccount(ctx, o));
}

/** Phone numbers in the message that are not any ledger person's or partner's number. */
export function unknownPhones(ctx: RuleContext): Observable[] {
  const known = new Set<string>();
  for (const p of ctx.directory.people) if (p.phone) known.add(phoneValue(p.phone) ?? p.phone);
  for (const c of ctx.directory.counterparties) if (c.phone) known.add(phoneValue(c.phone) ?? c.phone);
  return ctx.observables.filter((o) => o.kind === 'phone' && !known.has(o.value));
}

/** The ledger's registered accounts of a partner, readable, for "verify against" details. */
export function describeAccounts(accounts: { bank: string; branch: string; type: string; number: string }[]): string {
  return accounts.map((a) => `${a.bank} ${a.branch} ${a.type} ${a.number}`).join(' / ');
}
