/**
 * Who does the sender claim to be? Compares the display name (exactly, as a lookalike, or as a
 * kana reading) and the message's self-introduction with the ledger's people and partners, and
 * says whether the sender's account id is that person's own.
 */
import type { Counterparty, Directory, Person } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import { NAME_REGEXES, nameKey } from './names.ts';
import { foldForMatch, type PreparedText } from './text.ts';
import type { IdentityMatch } from '../domain/detection.ts';

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

/** NFKC without whitespace or invisible characters: two names equal here are the same name. */
function exactForm(name: string): string {
  return name.normalize('NFKC').replace(NAME_REGEXES.invisible, '').replace(NAME_REGEXES.whitespace, '');
}

interface NameForms {
  /** As displayed, trimmed, with any run of spaces as one space: only this equal is "the same name". */
  shown: string;
  /** Equal here but not `shown`: the same name written with other widths or spacing (a lookalike). */
  exact: string;
  key: string;
  kanaKey: string | null;
}

function forms(name: string, kana?: string | null): NameForms {
  return { shown: name.trim().replace(/\s+/gu, ' '), exact: exactForm(name), key: nameKey(name), kanaKey: kana ? nameKey(kana) : null };
}

/** Forms of display names seen recently: senders repeat, and `nameKey` is the costly part of matching. */
const displayForms = new Map<string, NameForms>();
const DISPLAY_FORMS_LIMIT = 10_000;

/** `forms(display)`, remembered for the next messages from the same display name (the result is never mutated). */
function displayNameForms(display: string): NameForms {
  let f = displayForms.get(display);
  if (f === undefined) {
    f = forms(display);
    if (displayForms.size >= DISPLAY_FORMS_LIMIT) displayForms.clear();
    displayForms.set(display, f);
  }
  return f;
}

/** The ledger's names, folded once per directory object (detection runs per message). */
interface LedgerIndex {
  people: { person: Person; names: NameForms; family: string; foldedName: string; foldedFamily: string }[];
  partners: { partner: Counterparty; names: NameForms | null; core: string }[];
}

const indexes = new WeakMap<Directory, LedgerIndex>();

function ledgerIndex(directory: Directory): LedgerIndex {
  let index = indexes.get(directory);
  if (!index) {
    const people = [...directory.people].sort((a, b) => Number(b.executive) - Number(a.executive));
    index = {
      people: people.map((person) => {
        const family = surname(person.name);
        return { person, names: forms(person.name, person.kana), family, foldedName: foldForMatch(person.name), foldedFamily: foldForMatch(family) };
      }),
      partners: directory.counterparties.map((partner) => ({
        partner,
        names: partner.contactName ? forms(partner.contactName) : null,
        core: companyCore(partner.company),
      })),
    };
    indexes.set(directory, index);
  }
  return index;
}

/** How the display name relates to a ledger name (or its kana reading). */
function displayNameRelation(shown: NameForms, ledger: NameForms): 'exact' | 'lookalike' | 'none' {
  if (shown.exact === '' || ledger.exact === '') return 'none';
  if (shown.shown === ledger.shown) return 'exact';
  if (shown.exact === ledger.exact) return 'lookalike';
  if (shown.key !== '' && (shown.key === ledger.key || shown.key === ledger.kanaKey)) return 'lookalike';
  // A ledger name with something glued on: 「髙嶋宗一郎(社長)」, 「白水里美（朝凪製麺所）」.
  if (ledger.key.length >= 3 && shown.key.length > ledger.key.length && shown.key.startsWith(ledger.key)) return 'lookalike';
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

/** Does the folded message introduce its writer as the folded `key` (「髙嶋です」「社長の髙嶋です」)? */
function introducesAs(compact: string, key: string): boolean {
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
  const index = ledgerIndex(directory);

  // A ledger account id is who the sender is, whatever the display name says.
  if (senderId !== null) {
    const own = index.people.find((p) => p.person.chatworkAccountId === senderId);
    if (own) return personMatch(own.person, 'account_id', senderId);
    const partner = index.partners.find((c) => c.partner.chatworkAccountId === senderId);
    if (partner) return partnerMatch(partner.partner, 'account_id', senderId);
  }

  if (display.trim() !== '') {
    const shown = displayNameForms(display);
    let lookalike: IdentityMatch | null = null;
    for (const p of index.people) {
      const rel = displayNameRelation(shown, p.names);
      if (rel === 'exact') return personMatch(p.person, 'exact_name', senderId);
      if (rel === 'lookalike' && !lookalike) lookalike = personMatch(p.person, 'lookalike_name', senderId);
    }
    for (const c of index.partners) {
      if (!c.names) continue;
      const rel = displayNameRelation(shown, c.names);
      if (rel === 'exact') return partnerMatch(c.partner, 'exact_name', senderId);
      if (rel === 'lookalike' && !lookalike) lookalike = partnerMatch(c.partner, 'lookalike_name', senderId);
    }
    if (lookalike) return lookalike;
  }

  const compact = text.compact;
  for (const c of index.partners) {
    if (speaksFor(compact, c.core)) return partnerMatch(c.partner, 'company_name', senderId);
  }
  for (const p of index.people) {
    if (introducesAs(compact, p.foldedName) || (p.family && p.person.executive && introducesAs(compact, p.foldedFamily))) {
      return personMatch(p.person, 'signature', senderId);
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
