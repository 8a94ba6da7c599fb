/**
 * Who does the sender claim to be? Compares the display name (exactly, as a lookalike, or as a
 * kana reading) and the message's self-introduction with the ledger's people and partners, and
 * says whether the sender's account id is that person's own.
 */
import type { Counterparty, Directory, Person } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import { NAME_REGEXES, NAME_TITLES, nameKey } from './names.ts';
import { kanaToRomaji, latinWords, romajiKey } from './romaji.ts';
import { foldForMatch, type PreparedText } from './text.ts';
import type { IdentityMatch } from '../domain/detection.ts';

/** Legal-entity words stripped from a company name before looking for it in a message. */
const COMPANY_FORMS = /株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|税理士法人|\(株\)|\(有\)|㈱|㈲|会計事務所/gu;

/** Every RegExp of this file, for the ReDoS test. */
export const IDENTITY_REGEXES = {
  companyForms: COMPANY_FORMS,
  japanese: /[\u3040-\u9fff]/u,
  displaySuffix: /\s[|\-–]\s|[|,/／]/u,
  bracketNote: /[(（][^()（）]{0,40}[)）]/gu,
  nonLatin: /[^\x00-\x7f\u00c0-\u024f]+/gu,
  wordChar: /[a-z0-9]/,
  fromCompany: /(?:from|at|of|with|this is|for) $/,
  companyTeam: /^(?:'s)? ?(?:[a-z]+ )?(?:team|accounts?|finance|support|side|here|office|accounting|collections|receivables)/,
  mentionOnly: /^(さん|様|御中|殿|向け|との|から)/u,
  speaksJa: /(です|でございます|と申します)/u,
  introJa: /^(です|でございます|と申します|より|だ。|です。)/u,
} satisfies Record<string, RegExp>;

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
  /** The romaji keys of a Latin display name's words, titles and notes left out (empty for other names). */
  latinKeys: string[];
  /** The display name folded like a message (for "a display name with the partner's name"). */
  folded: string;
  /** As displayed, trimmed, with any run of spaces as one space: only this equal is "the same name". */
  shown: string;
  /** Equal here but not `shown`: the same name written with other widths or spacing (a lookalike). */
  exact: string;
  key: string;
  kanaKey: string | null;
}

function forms(name: string, kana?: string | null): NameForms {
  return { latinKeys: [], folded: '', shown: name.trim().replace(/\s+/gu, ' '), exact: exactForm(name), key: nameKey(name), kanaKey: kana ? nameKey(kana) : null };
}

/** Forms of display names seen recently: senders repeat, and `nameKey` is the costly part of matching. */
const displayForms = new Map<string, NameForms>();
const DISPLAY_FORMS_LIMIT = 10_000;

/** `forms(display)`, remembered for the next messages from the same display name (the result is never mutated). */
function displayNameForms(display: string): NameForms {
  let f = displayForms.get(display);
  if (f === undefined) {
    f = { ...forms(display), latinKeys: displayLatinWords(display).map(romajiKey), folded: foldForMatch(display) };
    if (displayForms.size >= DISPLAY_FORMS_LIMIT) displayForms.clear();
    displayForms.set(display, f);
  }
  return f;
}

/**
 * A name as Latin words: a ledger name written in Latin letters ("Priya Raman"), or the romanised
 * kana reading of a Japanese one (シミズ ケンタロウ → "shimizu", "kentaro"). `keys` are `romajiKey`s.
 */
interface LatinName {
  /** Family name first when it comes from a kana reading; as written for a Latin ledger name. */
  keys: string[];
}

function latinNameOf(name: string, kana: string | null | undefined): LatinName | null {
  const own = latinWords(name);
  if (own.length >= 2 && !IDENTITY_REGEXES.japanese.test(name)) return { keys: own.map(romajiKey) };
  if (!kana) return null;
  const words = kanaToRomaji(kana).split(' ').filter((w) => w !== '');
  return words.length >= 2 ? { keys: words.map(romajiKey) } : null;
}

/** The ledger's names, folded once per directory object (detection runs per message). */
interface LedgerIndex {
  people: { person: Person; names: NameForms; family: string; foldedName: string; foldedFamily: string; familyKey: string; latin: LatinName | null }[];
  partners: { partner: Counterparty; names: NameForms | null; core: string; latinCore: string[]; latin: LatinName | null }[];
}

const indexes = new WeakMap<Directory, LedgerIndex>();

function ledgerIndex(directory: Directory): LedgerIndex {
  let index = indexes.get(directory);
  if (!index) {
    const people = [...directory.people].sort((a, b) => Number(b.executive) - Number(a.executive));
    index = {
      people: people.map((person) => {
        const family = surname(person.name);
        const latin = latinNameOf(person.name, person.kana);
        return { person, names: forms(person.name, person.kana), family, foldedName: foldForMatch(person.name), foldedFamily: foldForMatch(family), familyKey: family === '' ? '' : nameKey(family), latin };
      }),
      partners: directory.counterparties.map((partner) => ({
        partner,
        names: partner.contactName ? forms(partner.contactName) : null,
        core: companyCore(partner.company),
        latinCore: latinCompanyCore(partner.company),
        latin: partner.contactName ? latinNameOf(partner.contactName, null) : null,
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

const LATIN_TITLES = new Set([...NAME_TITLES.filter((t) => /^[a-z]/.test(t)), 'director', 'manager', 'san', 'sama', 'dr', 'atty', 'attorney', 'hr', 'it', 'jr', 'sr']);

/** Words of a Latin display name, without titles, notes in brackets, or what follows "|" / "," / " - ". */
function displayLatinWords(display: string): string[] {
  const main = display.normalize('NFKC').replace(NAME_REGEXES.bracketed, ' ').split(IDENTITY_REGEXES.displaySuffix)[0] ?? '';
  if (IDENTITY_REGEXES.japanese.test(main)) return [];
  return latinWords(main).filter((w) => !LATIN_TITLES.has(w));
}

/** Levenshtein distance of two short words, stopping above 1 ("weber" / "webber" → 1). */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a.charAt(i) === b.charAt(i)) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * Does a Latin display name name this ledger person? Both words of the name, in either order
 * ("Kentaro Shimizu" / "SHIMIZU Kentaro" for シミズ ケンタロウ), or a given name with the family
 * initial ("Priya R.", "T. Endo"), or one word misspelt by one letter ("Jonas Webber").
 */
function latinDisplayMatches(shown: string[], ledger: LatinName): boolean {
  if (shown.length < 2 || shown.length > 3 || ledger.keys.length < 2) return false;
  const [first, last] = [ledger.keys[0]!, ledger.keys[ledger.keys.length - 1]!];
  const pairs: [string, string][] = [
    [shown[0]!, shown[shown.length - 1]!],
    [shown[shown.length - 1]!, shown[0]!],
  ];
  for (const [a, b] of pairs) {
    if (a === first && b === last) return true;
    // One word exact, the other an initial ("T. Endo") or one letter off ("Webber").
    if (a === first && (b.length === 1 ? last.startsWith(b) : b.length >= 4 && withinOneEdit(b, last))) return true;
    if (b === last && (a.length === 1 ? first.startsWith(a) : a.length >= 4 && withinOneEdit(a, first))) return true;
  }
  return false;
}

/** The distinctive Latin words of a company name ("Hanseong Steel Co., Ltd.（韓国・釜山）" → ["hanseong", "steel"]). */
const LATIN_COMPANY_FORMS = new Set(['co', 'ltd', 'limited', 'inc', 'corp', 'corporation', 'company', 'gmbh', 'ag', 'jsc', 'pte', 'llc', 'plc', 'sdn', 'bhd', 'the', 'kk', 'sa', 'na', 'group', 'holdings']);
export function latinCompanyCore(company: string): string[] {
  const words = latinWords(company.normalize('NFKC').replace(IDENTITY_REGEXES.bracketNote, ' ').replace(IDENTITY_REGEXES.nonLatin, ' '));
  return words.filter((w) => !LATIN_COMPANY_FORMS.has(w)).slice(0, 2);
}

/**
 * Does an English text speak for this company ("this is Grace from Hanseong Steel", "Hanseong Steel
 * accounts team", a display name "Pacific Bridge Forwarding - Accounts")? Needs its first two
 * distinctive words, or a first word of 6+ letters.
 */
function speaksForLatin(compact: string, core: string[]): boolean {
  if (core.length === 0) return false;
  const first = core[0]!;
  const phrase = core.length >= 2 ? `${first} ${core[1]}` : first;
  const needle = core.length >= 2 || first.length >= 6 ? phrase : null;
  if (needle === null) return false;
  for (let i = compact.indexOf(needle); i !== -1; i = compact.indexOf(needle, i + 1)) {
    if (i > 0 && IDENTITY_REGEXES.wordChar.test(compact.charAt(i - 1))) continue;
    const before = compact.slice(Math.max(0, i - 14), i);
    const after = compact.slice(i + needle.length, i + needle.length + 24);
    if (IDENTITY_REGEXES.fromCompany.test(before) || IDENTITY_REGEXES.companyTeam.test(after)) return true;
  }
  return false;
}

/** English self-introductions, each followed by the name ("this is Hamada from HR", "it's Kentaro Shimizu"). */
const INTRO_EN = ['this is ', "it's ", 'it is ', 'i am ', "i'm ", 'my name is '];
const HONORIFICS_EN = new Set(['mr', 'ms', 'mrs', 'dr']);

/** The one or two Latin words after `i` in folded text (an honorific skipped). */
function wordsAfter(compact: string, i: number): string[] {
  const words: string[] = [];
  let k = i;
  while (words.length < 3 && k < compact.length) {
    let e = k;
    while (e < compact.length && compact.charCodeAt(e) >= 0x61 && compact.charCodeAt(e) <= 0x7a) e++;
    if (e === k) break;
    const word = compact.slice(k, e);
    if (!(words.length === 0 && HONORIFICS_EN.has(word))) words.push(word);
    if (compact.charAt(e) !== ' ') break;
    k = e + 1;
  }
  return words.slice(0, 2);
}

/** The romaji keys of the one or two words after each English self-introduction of a text. */
function introductionsLatin(compact: string): [string, string][] {
  const out: [string, string][] = [];
  for (const intro of INTRO_EN) {
    for (let i = compact.indexOf(intro); i !== -1 && out.length < 16; i = compact.indexOf(intro, i + 1)) {
      if (i > 0 && IDENTITY_REGEXES.wordChar.test(compact.charAt(i - 1))) continue;
      const [a = '', b = ''] = wordsAfter(compact, i + intro.length).map(romajiKey);
      out.push([a, b]);
    }
  }
  return out;
}

/** Does one of the introductions name this person ("this is Hamada from HR", "it's Kentaro Shimizu")? */
function introducesAsLatin(intros: [string, string][], latin: LatinName, familyAlone: boolean): boolean {
  const [first, last] = [latin.keys[0]!, latin.keys[latin.keys.length - 1]!];
  for (const [a, b] of intros) {
    if ((a === first && b === last) || (a === last && b === first)) return true;
    if (familyAlone && a === first && a.length >= 3) return true;
  }
  return false;
}

/** Does the message speak for this company (「灘見水産の浦田です」), not merely mention it (「灘見水産さんとの商談」)? */
function speaksFor(compact: string, core: string): boolean {
  if (core.length < 2) return false;
  for (let i = compact.indexOf(core); i !== -1; i = compact.indexOf(core, i + 1)) {
    const next = compact.slice(i + core.length, i + core.length + 14);
    if (IDENTITY_REGEXES.mentionOnly.test(next)) continue;
    if (IDENTITY_REGEXES.speaksJa.test(next)) return true;
  }
  return false;
}

/** Does the folded message introduce its writer as the folded `key` (「髙嶋です」「社長の髙嶋です」)? */
function introducesAs(compact: string, key: string): boolean {
  if (key.length < 2) return false;
  for (let i = compact.indexOf(key); i !== -1; i = compact.indexOf(key, i + 1)) {
    const rest = compact.slice(i + key.length, i + key.length + 6);
    if (IDENTITY_REGEXES.introJa.test(rest)) return true;
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
    // 「矢柄社長」「部長 佐藤」: a ledger person's family name with a title, as impostors name themselves.
    const titled = familyWithTitle(display, shown, index);
    if (titled) return personMatch(titled.person, 'lookalike_name', senderId);
    // A Latin display name: the romanised reading of a ledger name, or a near miss of a Latin one.
    const words = shown.latinKeys;
    if (words.length >= 2) {
      for (const p of index.people) if (p.latin && latinDisplayMatches(words, p.latin)) return personMatch(p.person, 'lookalike_name', senderId);
      for (const c of index.partners) if (c.latin && latinDisplayMatches(words, c.latin)) return partnerMatch(c.partner, 'lookalike_name', senderId);
    }
  }

  const compact = text.compact;
  const shownFolded = display.trim() === '' ? '' : `from ${displayNameForms(display).folded} `;
  for (const c of index.partners) {
    if (speaksFor(compact, c.core) || speaksForLatin(compact, c.latinCore) || (shownFolded !== '' && speaksForLatin(shownFolded, c.latinCore))) {
      return partnerMatch(c.partner, 'company_name', senderId);
    }
  }
  const intros = introductionsLatin(compact);
  for (const p of index.people) {
    if (introducesAs(compact, p.foldedName) || (p.family && p.person.executive && introducesAs(compact, p.foldedFamily))) {
      return personMatch(p.person, 'signature', senderId);
    }
    if (p.latin && intros.length > 0 && introducesAsLatin(intros, p.latin, p.person.executive)) return personMatch(p.person, 'signature', senderId);
  }
  return null;
}

/** Titles an impostor adds to a family name (「社長」「部長」, "CEO"): a display name of a family name alone is no claim. */
const FAMILY_TITLES = ['代表取締役社長', '代表取締役', '取締役社長', '副社長', '社長', '会長', '代表', '専務', '常務', '取締役', '本部長', '部長', '室長', '課長', '支店長', '所長', 'ceo', 'cfo', 'coo', 'president'];

function hasTitle(display: string): boolean {
  const d = display.normalize('NFKC').toLowerCase().replace(NAME_REGEXES.whitespace, '');
  return FAMILY_TITLES.some((t) => d.startsWith(t) || d.endsWith(t));
}

/**
 * The ledger person a titled family name points at: the only person with that family name, or the
 * only executive among several. Null when the display has no title or nobody (or nobody unique) fits.
 */
function familyWithTitle(display: string, shown: NameForms, index: LedgerIndex): LedgerIndex['people'][number] | null {
  if (shown.key === '' || !hasTitle(display)) return null;
  const same = index.people.filter((p) => p.familyKey !== '' && p.familyKey === shown.key);
  if (same.length === 1) return same[0]!;
  const executives = same.filter((p) => p.person.executive);
  return executives.length === 1 ? executives[0]! : null;
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
