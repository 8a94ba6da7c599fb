/**
 * Whether an observable's value is one the ledger knows (a registered partner account, a staff or
 * partner phone or e-mail). Used for the `in_ledger` column and the card's "registered" marks.
 */
import type { Directory } from '../domain/directory.ts';
import { registeredAccountFor } from '../detection/ledger-accounts.ts';
import type { Observable } from '../domain/detection.ts';

const digits = (s: string | null | undefined) => (s ?? '').normalize('NFKC').replace(/\D/g, '');

/** True/false when the ledger can tell; null for kinds it has nothing to compare with. */
export function observableInLedger(o: Observable, dir: Directory): boolean | null {
  const declared = o.details?.['inLedger'] ?? o.details?.['registered'];
  if (typeof declared === 'boolean') return declared;
  switch (o.kind) {
    case 'phone': {
      const v = digits(o.value);
      const known = [...dir.people, ...dir.counterparties].map((x) => digits(x.phone)).filter(Boolean);
      return v !== '' && known.includes(v);
    }
    case 'email': {
      const v = o.value.trim().toLowerCase();
      return [...dir.people, ...dir.counterparties].some((x) => (x.email ?? '').trim().toLowerCase() === v);
    }
    case 'bank_account': {
      // An account as detection read it: the same definition as its rules (number and no contradicting bank, branch or holder).
      if (o.details?.['number'] !== undefined) return registeredAccountFor(dir, o) !== null;
      const number = digits(String(o.details?.['number'] ?? ''));
      const candidates = number ? [number] : (o.value.normalize('NFKC').match(/\d{6,8}/g) ?? []);
      const known = dir.counterparties.flatMap((c) => c.bankAccounts.map((a) => digits(a.number)));
      return candidates.some((n) => known.includes(n));
    }
    case 'chatwork_account': {
      const v = Number(digits(o.value));
      return [...dir.people, ...dir.counterparties].some((x) => x.chatworkAccountId === v);
    }
    default:
      return null;
  }
}

/** True when `accountId` is a staff member's or partner contact's genuine Chatwork id. */
export function accountInLedger(accountId: number | null | undefined, dir: Directory): boolean {
  if (accountId === null || accountId === undefined) return false;
  return [...dir.people, ...dir.counterparties].some((x) => x.chatworkAccountId === accountId);
}
