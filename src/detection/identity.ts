/**
 * Who does the sender claim to be? Compares the display name (exactly, as a lookalike, or as a
 * kana reading) and the message's self-introduction with the ledger's people and partners, and
 * says whether the sender's account id is that person's own.
 */
import type { Counterparty, Directory, Person } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import { compareNames, nameKey } from './names.ts';
import { foldForMatch, type PreparedText } from './text.ts';
import type { IdentityMatch } from './types.ts';

/** Legal-entity words stripped from a company name before looking for it in a message. */
const COMPANY_FORMS = /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|税理士法人|\(株\)|\(有\)|㈱|㈲|会計事務所/gu;

/** The distinctive part of a company name, folded: 「株式会社灘見水産」 → 「灘見水産」. */
export function companyCore(company: string): string {
  return foldForMatch(company.normalize('NFKC').replace(COMPANY_FORMS, ''));
}

function surname(name: string): string {
  const parts = name.normalize('NFKC').trim().split(/\s+/u);
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

function personMatch(p: Person, how: IdentityMatch['how'], senderId: number | null): IdentityMatch {
  const ledgerAccountId = p.chatworkAccountId ?? null;
  return {
    kind: 'person',
    name: p.name,
    role: p.role ?? null,
    company: null,
    executive: p.executive,
    how,
    ledgerAccountId,
    accountMatches: senderId !== null && ledgerAccountId !== null && senderId === ledgerAccountId,
    verifyWith: { phone: p.phone ?? null, email: p.email ?? null },
  };
}

function partnerMatch(c: Counterparty, how: IdentityMatch['how'], senderId: number | null): IdentityMatch {
  const ledgerAccountId = c.chatworkAccountId ?? null;
  return {
    kind: 'partner',
    name: c.contactName ?? c.company,
    role: null,
    company: c.company,
    executive: false,
    how,
    ledgerAccountId,
    accountMatches: senderId !== null && ledgerAccountId !== null && senderId === ledgerAccountId,
    verifyWith: { phone: c.phone ?? null, email: c.email ?? null },
  };
}

/** How the display name relates to a ledger name (or its kana reading). */
function displayNameRelation(display: string, name: string, kana?: string | null): 'exact' | 'lookalike' | 'none' {
  const direct = compareNames(display, name);
  if (direct !== 'none') return direct;
  if (kana && compareNames(display, kana) !== 'none') return 'lookalike';
  const key = nameKey(name);
  const shown = nameKey(display);
  // A ledger name with something glued on: 「髙嶋宗一郎(社長)」, 「白水里美（朝凪製麺所）」.
  if (key.length >= 3 && shown.length > key.length && shown.startsWith(key)) return 'lookalike';
  return 'none';
}

/** Does the message speak for this company (「灘見水産の浦田です」), not merely mention it (「灘見水産さんとの商談」)? */
function speaksFor(compact: string, core: string): boolean {
  if (core.length < 2) return false;
  for (let i = compact.indexOf(core); i !== -1; i = compact.indexOf(core, i + 1)) {
    const next = compact.slice(i + core.length, i + core.length + 14);
    if (/^(さん|様|御中|殿|向け|との|から)/u.test(next)) continue;
    if (/(です|でございます|と申します)/u.test(next)) return true;
  }
  return false;
}

/** Does the folded message introduce its writer as `name` (「髙嶋です」「社長の髙嶋です」)? */
function introducesAs(compact: string, name: string): boolean {
  const key = foldForMatch(name);
  if (key.length < 2) return false;
  for (let i = compact.indexOf(key); i !== -1; i = compact.indexOf(key, i + 1)) {
    const rest = compact.slice(i + key.length, i + key.length + 6);
    if (/^(です|でございます|と申します|より|だ。|です。)/u.test(rest)) return true;
  }
  return false;
}

/**
 * Find the ledger identity the sender claims. Display-name matches win over claims in the text;
 * executives are checked first. Returns null when the sender claims nobody in the ledger.
 */
export function matchIdentity(report: Report, directory: Directory, text: PreparedText): IdentityMatch | null {
  const display = report.message.sender?.name ?? '';
  const senderId = report.message.sender?.accountId ?? null;
  const people = [...directory.people].sort((a, b) => Number(b.executive) - Number(a.executive));

  // A ledger account id is who the sender is, whatever the display name says.
  if (senderId !== null) {
    const own = people.find((p) => p.chatworkAccountId === senderId);
    if (own) return personMatch(own, 'account_id', senderId);
    const partner = directory.counterparties.find((c) => c.chatworkAccountId === senderId);
    if (partner) return partnerMatch(partner, 'account_id', senderId);
  }

  if (display.trim() !== '') {
    let lookalike: IdentityMatch | null = null;
    for (const p of people) {
      const rel = displayNameRelation(display, p.name, p.kana);
      if (rel === 'exact') return personMatch(p, 'exact_name', senderId);
      if (rel === 'lookalike' && !lookalike) lookalike = personMatch(p, 'lookalike_name', senderId);
    }
    for (const c of directory.counterparties) {
      if (!c.contactName) continue;
      const rel = displayNameRelation(display, c.contactName);
      if (rel === 'exact') return partnerMatch(c, 'exact_name', senderId);
      if (rel === 'lookalike' && !lookalike) lookalike = partnerMatch(c, 'lookalike_name', senderId);
    }
    if (lookalike) return lookalike;
  }

  const compact = text.compact;
  for (const c of directory.counterparties) {
    if (speaksFor(compact, companyCore(c.company))) return partnerMatch(c, 'company_name', senderId);
  }
  for (const p of people) {
    const family = surname(p.name);
    if (introducesAs(compact, p.name) || (family && p.executive && introducesAs(compact, family))) {
      return personMatch(p, 'signature', senderId);
    }
  }
  return null;
}

/** True when the sender's account id belongs to someone in the ledger. */
export function senderInLedger(report: Report, directory: Directory): boolean {
  const id = report.message.sender?.accountId;
  if (id === null || id === undefined) return false;
  return (
    directory.people.some((p) => p.chatworkAccountId === id) ||
    directory.counterparties.some((c) => c.chatworkAccountId === id)
  );
}
