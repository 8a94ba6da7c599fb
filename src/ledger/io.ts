/**
 * Ledger import and export. CSV has one row per person, partner or bank account (column `type`),
 * with a bank account attached to the partner of the same `company`; an optional `organization`
 * row names the company. JSON is the directory.json format. Parsing never throws: it returns the
 * valid part as a Directory plus per-row errors, so the console can preview before replacing.
 */
import { z } from 'zod';
import { OPTIONAL_ACCOUNT_FIELDS, bankAccountSchema, counterpartySchema, directorySchema, personSchema, type Counterparty, type Directory, type Person } from '../domain/directory.ts';
import { parseCsv, toCsv } from '../csv.ts';
import type { Bilingual } from '../domain/detection.ts';
import { issueText } from '../domain/validation-text.ts';

/** CSV columns, in order. */
export const LEDGER_COLUMNS = [
  'type',
  'name',
  'kana',
  'role',
  'executive',
  'chatwork_account_id',
  'email',
  'phone',
  'company',
  'contact_name',
  'bank',
  'branch',
  'account_type',
  'number',
  'holder',
  'domain',
  'swift',
  'iban',
  'bank_code',
  'branch_code',
  'country',
  'bank_latin',
  'branch_latin',
  'holder_latin',
] as const;

/** CSV column of each optional bank-account field. */
const ACCOUNT_FIELD_COLUMN = {
  swift: 'swift',
  iban: 'iban',
  bankCode: 'bank_code',
  branchCode: 'branch_code',
  country: 'country',
  bankLatin: 'bank_latin',
  branchLatin: 'branch_latin',
  holderLatin: 'holder_latin',
} as const satisfies Record<(typeof OPTIONAL_ACCOUNT_FIELDS)[number], (typeof LEDGER_COLUMNS)[number]>;

/** How a ledger file's bytes were read: shown in the import preview. */
export type LedgerEncoding = 'UTF-8' | 'UTF-8 (BOM)' | 'UTF-16LE (BOM)' | 'UTF-16BE (BOM)' | 'Shift_JIS (CP932)';

/**
 * Decodes a ledger file. UTF-8 with or without a byte-order mark (Excel's 「CSV UTF-8」), UTF-16 with
 * a mark (Excel's 「Unicode テキスト」), and otherwise Shift_JIS/CP932 (Excel's default 「CSV」 on
 * Japanese Windows). Bytes that are none of these are refused (null), never read as mojibake.
 */
export function decodeLedgerBytes(bytes: Uint8Array): { text: string; encoding: LedgerEncoding } | null {
  const strict = (label: string, b: Uint8Array) => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(b);
    } catch {
      return null;
    }
  };
  const boms: [number[], string, LedgerEncoding][] = [
    [[0xef, 0xbb, 0xbf], 'utf-8', 'UTF-8 (BOM)'],
    [[0xff, 0xfe], 'utf-16le', 'UTF-16LE (BOM)'],
    [[0xfe, 0xff], 'utf-16be', 'UTF-16BE (BOM)'],
  ];
  for (const [mark, label, encoding] of boms) {
    if (mark.every((b, i) => bytes[i] === b)) {
      const text = strict(label, bytes.subarray(mark.length));
      return text === null ? null : { text, encoding };
    }
  }
  const utf8 = strict('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const sjis = strict('shift_jis', bytes);
  return sjis === null ? null : { text: sjis, encoding: 'Shift_JIS (CP932)' };
}

/** A row that could not be imported: where (CSV line or JSON path), which field, why. */
export interface RowError {
  row: string;
  field: string;
  /** English (the CLI's language). */
  message: string;
  /** The same in Japanese, for the console. */
  ja: string;
}

/** A RowError from its two languages. */
const rowError = (row: string, field: string, b: Bilingual): RowError => ({ row, field, message: b.en, ja: b.ja });

export interface ParsedLedger {
  directory: Directory;
  errors: RowError[];
}

const issues = (row: string, e: z.ZodError, map: (path: string) => string = (p) => p): RowError[] =>
  e.issues.map((i) => rowError(row, map(i.path.map(String).join('.')) || '(row)', issueText(i)));

const BOOL: Record<string, boolean> = { true: true, false: false, '1': true, '0': false, yes: true, no: false, '': false, はい: true, いいえ: false };
const FIELD_COLUMN: Record<string, string> = { chatworkAccountId: 'chatwork_account_id', contactName: 'contact_name', type: 'account_type' };

/** Parses a ledger CSV; `current` supplies the organisation when the file has no organization row. */
export function parseLedgerCsv(text: string, current: Directory): ParsedLedger {
  const rows = parseCsv(text);
  const errors: RowError[] = [];
  const header = rows.shift();
  if (!header) return { directory: { ...current, people: [], counterparties: [] }, errors: [rowError('1', '(file)', { ja: 'ファイルが空です', en: 'empty file' })] };
  const cols = header.cells.map((h) => h.trim().toLowerCase());
  const missing = ['type', 'name', 'company'].filter((c) => !cols.includes(c));
  if (missing.length) return { directory: { ...current, people: [], counterparties: [] }, errors: [rowError(String(header.line), '(header)', { ja: `列がありません: ${missing.join('、')}`, en: `missing column(s): ${missing.join(', ')}` })] };
  const people: Person[] = [];
  const partners = new Map<string, Counterparty>();
  const accounts: { line: number; company: string; record: Record<string, string> }[] = [];
  let organization = current.organization;
  for (const r of rows) {
    const rec: Record<string, string> = {};
    cols.forEach((c, i) => (rec[c] = (r.cells[i] ?? '').trim()));
    const row = `${r.line}`;
    const opt = (k: string) => (rec[k] ? rec[k] : null);
    const id = rec.chatwork_account_id;
    const accountId = id ? (/^\d{1,15}$/.test(id) ? Number(id) : Number.NaN) : null;
    if (Number.isNaN(accountId)) {
      errors.push(rowError(row, 'chatwork_account_id', { ja: '数字で入力してください', en: 'must be digits' }));
      continue;
    }
    switch (rec.type) {
      case 'organization': {
        if (!rec.name) errors.push(rowError(row, 'name', { ja: '入力してください（必須）', en: 'required' }));
        else organization = { name: rec.name, ...(rec.domain ? { domain: rec.domain } : {}) };
        break;
      }
      case 'person': {
        const ex = (rec.executive ?? '').toLowerCase();
        if (!(ex in BOOL)) {
          errors.push(rowError(row, 'executive', { ja: 'true／false（または はい／いいえ）で入力してください', en: 'must be true or false' }));
          break;
        }
        const p = personSchema.safeParse({ name: rec.name, kana: rec.kana || undefined, role: rec.role || undefined, executive: BOOL[ex], chatworkAccountId: accountId, email: opt('email'), phone: opt('phone') });
        if (p.success) people.push(p.data);
        else errors.push(...issues(row, p.error, (f) => FIELD_COLUMN[f] ?? f));
        break;
      }
      case 'partner': {
        const p = counterpartySchema.safeParse({ company: rec.company, contactName: opt('contact_name') ?? opt('name'), chatworkAccountId: accountId, email: opt('email'), phone: opt('phone'), bankAccounts: [] });
        if (!p.success) errors.push(...issues(row, p.error, (f) => FIELD_COLUMN[f] ?? f));
        else if (partners.has(p.data.company)) errors.push(rowError(row, 'company', { ja: `取引先「${p.data.company}」が2回あります`, en: `partner ${p.data.company} is listed twice` }));
        else partners.set(p.data.company, p.data);
        break;
      }
      case 'bank_account':
        accounts.push({ line: r.line, company: rec.company ?? '', record: rec });
        break;
      default:
        errors.push(rowError(row, 'type', { ja: 'organization・person・partner・bank_account のどれかにしてください', en: 'must be organization, person, partner or bank_account' }));
    }
  }
  for (const a of accounts) {
    const row = `${a.line}`;
    const partner = partners.get(a.company);
    if (!partner) {
      errors.push(rowError(row, 'company', a.company ? { ja: `取引先「${a.company}」の partner 行がありません`, en: `no partner row for ${a.company}` } : { ja: '入力してください（必須）', en: 'required' }));
      continue;
    }
    const optional = Object.fromEntries(OPTIONAL_ACCOUNT_FIELDS.map((k) => [k, a.record[ACCOUNT_FIELD_COLUMN[k]] || undefined]));
    const b = bankAccountSchema.safeParse({ bank: a.record.bank, branch: a.record.branch, type: a.record.account_type || undefined, number: a.record.number, holder: a.record.holder || undefined, ...optional });
    if (b.success) partner.bankAccounts.push(b.data);
    else errors.push(...issues(row, b.error, (f) => FIELD_COLUMN[f] ?? f));
  }
  if (!organization.name) errors.push(rowError('-', 'organization', { ja: '会社の行を追加してください（type=organization、name=会社名）', en: 'add an organization row (type=organization, name=company name)' }));
  return { directory: { organization, people, counterparties: [...partners.values()] }, errors };
}

/** Parses a directory.json; each person and partner is checked on its own. */
export function parseLedgerJson(text: string, current: Directory): ParsedLedger {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { directory: { ...current, people: [], counterparties: [] }, errors: [rowError('-', '(file)', { ja: `JSON として読めません: ${(e as Error).message}`, en: `not valid JSON: ${(e as Error).message}` })] };
  }
  const shape = z.object({ organization: z.unknown().optional(), people: z.array(z.unknown()).default([]), counterparties: z.array(z.unknown()).default([]) }).safeParse(raw);
  if (!shape.success) return { directory: { ...current, people: [], counterparties: [] }, errors: issues('-', shape.error) };
  const errors: RowError[] = [];
  const org = directorySchema.shape.organization.safeParse(shape.data.organization ?? current.organization);
  if (!org.success) errors.push(...issues('organization', org.error));
  const people: Person[] = [];
  shape.data.people.forEach((p, i) => {
    const r = personSchema.safeParse(p);
    if (r.success) people.push(r.data);
    else errors.push(...issues(`people[${i}]`, r.error));
  });
  const counterparties: Counterparty[] = [];
  shape.data.counterparties.forEach((p, i) => {
    const r = counterpartySchema.safeParse(p);
    if (r.success) counterparties.push(r.data);
    else errors.push(...issues(`counterparties[${i}]`, r.error));
  });
  return { directory: { organization: org.success ? org.data : current.organization, people, counterparties }, errors };
}

/** A parsed ledger file with how it was read. */
export interface ParsedLedgerFile extends ParsedLedger {
  format: 'json' | 'csv';
  /** null when the bytes could not be decoded (then `errors` says so). */
  encoding: LedgerEncoding | null;
}

/**
 * A ledger file as uploaded or named on the command line: decoded (see decodeLedgerBytes), then
 * read as JSON (by name, type or a leading brace) or CSV.
 */
export function parseLedgerFile(bytes: Uint8Array, name: string, current: Directory, mediaType = ''): ParsedLedgerFile {
  const decoded = decodeLedgerBytes(bytes);
  const json = name.toLowerCase().endsWith('.json') || mediaType === 'application/json';
  if (!decoded) {
    return {
      format: json ? 'json' : 'csv',
      encoding: null,
      directory: { ...current, people: [], counterparties: [] },
      errors: [rowError('-', '(file)', UNDECODABLE)],
    };
  }
  const isJson = json || /^\s*[{[]/.test(decoded.text);
  const parsed = isJson ? parseLedgerJson(decoded.text, current) : parseLedgerCsv(decoded.text, current);
  return { ...parsed, format: isJson ? 'json' : 'csv', encoding: decoded.encoding };
}

/** Why an undecodable file is refused, and what to do. */
export const UNDECODABLE: Bilingual = {
  ja: 'UTF-8 でも Shift_JIS（CP932）でもないファイルです。Excel で「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」として保存し直してください',
  en: 'the file is neither UTF-8 nor Shift_JIS (CP932) text: save it from Excel as "CSV UTF-8 (Comma delimited)" or "CSV (Comma delimited)"',
};

/** The ledger as CSV, in the import format (a round trip gives the same ledger). */
export function ledgerToCsv(dir: Directory): string {
  const rows: unknown[][] = [[...LEDGER_COLUMNS]];
  const row = (v: Partial<Record<(typeof LEDGER_COLUMNS)[number], unknown>>) => LEDGER_COLUMNS.map((c) => v[c] ?? '');
  rows.push(row({ type: 'organization', name: dir.organization.name, domain: dir.organization.domain }));
  for (const p of dir.people) {
    rows.push(row({ type: 'person', name: p.name, kana: p.kana, role: p.role, executive: p.executive ? 'true' : 'false', chatwork_account_id: p.chatworkAccountId, email: p.email, phone: p.phone }));
  }
  for (const c of dir.counterparties) {
    rows.push(row({ type: 'partner', company: c.company, contact_name: c.contactName, chatwork_account_id: c.chatworkAccountId, email: c.email, phone: c.phone }));
    for (const a of c.bankAccounts) {
      const optional = Object.fromEntries(OPTIONAL_ACCOUNT_FIELDS.map((k) => [ACCOUNT_FIELD_COLUMN[k], a[k]]));
      rows.push(row({ type: 'bank_account', company: c.company, bank: a.bank, branch: a.branch, account_type: a.type, number: a.number, holder: a.holder, ...optional }));
    }
  }
  return toCsv(rows);
}
