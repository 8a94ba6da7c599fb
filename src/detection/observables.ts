/**
 * Observable extraction: the concrete things in a message that can be compared across reports and
 * against the ledger (bank accounts, phone numbers, e-mail addresses, URLs, LINE ids, amounts,
 * gift-card brands). Values are canonical; evidence offsets point into the original body.
 * `chatwork_account` observables are not extracted from text: the engine adds the sender's id.
 */
import type { Observable } from '../domain/detection.ts';
import { toEvidence, type PreparedText } from './text.ts';
import { findBankAccounts } from './bank-accounts.ts';
import { findEmails, findLineIds, findPhones, type ContactHit } from './contacts.ts';
import { findUrls } from './urls.ts';
import { findAmounts } from './amounts.ts';
import { findGiftCards } from './gift-cards.ts';

export { bankAccountValue, normaliseBankName } from './banks.ts';
export { phoneValue } from './contacts.ts';
export { canonicalUrl } from './urls.ts';

type Span = { start: number; end: number };

function overlapsAny(spans: readonly Span[]): (i: number, j: number) => boolean {
  return (i, j) => spans.some((x) => x.start < j && i < x.end);
}

function contactObservable(p: PreparedText, h: ContactHit): Observable {
  const evidence = toEvidence(p, 'plain', h.start, h.end);
  const display = h.kind === 'email' ? h.value : p.plain.slice(h.start, h.end);
  return h.details ? { kind: h.kind, value: h.value, display, evidence, details: h.details } : { kind: h.kind, value: h.value, display, evidence };
}

/** 4800000 → "4,800,000" (Intl is slow on a hot path). */
function groupDigits(n: number): string {
  const [int, frac] = String(n).split('.') as [string, string | undefined];
  let out = '';
  for (let k = 0; k < int.length; k++) out += (k > 0 && (int.length - k) % 3 === 0 ? ',' : '') + int.charAt(k);
  return frac === undefined ? out : `${out}.${frac}`;
}

function formatAmount(amount: number, currency: string): string {
  return currency === 'JPY' ? `${groupDigits(amount)}円` : `${currency} ${groupDigits(amount)}`;
}

/**
 * Every observable of a prepared message, in order of appearance, one per (kind, value) (the first
 * mention wins). Example: 「西日本シティ銀行 姪浜南支店 普通 4418207 ユ）ミズカネノウエン」 → one
 * bank_account with value `'西日本してぃ|姪浜南|4418207'`, details.holder `'ユ)ミズカネノウエン'`.
 */
export function extractObservables(p: PreparedText): Observable[] {
  const s = p.plain;
  const banks = findBankAccounts(p);
  const urls = findUrls(s);
  const emails = findEmails(s);
  const blocked = [...urls, ...emails, ...banks];
  const phones = findPhones(s, overlapsAny(blocked));
  const inUrl = overlapsAny([...urls, ...emails]);
  const lineIds = findLineIds(s, emails).filter((h) => !inUrl(h.start, h.end));
  const amounts = findAmounts(s).filter((a) => !inUrl(a.start, a.end));
  const all: Observable[] = banks.map((b) => b.observable);
  for (const h of [...phones, ...emails, ...urls, ...lineIds]) all.push(contactObservable(p, h));
  for (const a of amounts) {
    const details = { yen: a.currency === 'JPY' ? a.amount : null, currency: a.currency, amount: a.amount };
    const value = a.currency === 'JPY' ? String(a.amount) : `${a.currency}:${a.amount}`;
    all.push({ kind: 'amount', value, display: formatAmount(a.amount, a.currency), evidence: toEvidence(p, 'plain', a.start, a.end), details });
  }
  for (const g of findGiftCards(p.compact)) {
    const evidence = toEvidence(p, 'compact', g.start, g.end);
    all.push({ kind: 'gift_card', value: g.brand, display: evidence.text, evidence, details: { brand: g.brand } });
  }
  const seen = new Set<string>();
  return all
    .sort((a, b) => a.evidence.start - b.evidence.start)
    .filter((o) => {
      const key = `${o.kind}\u0000${o.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
