import { z } from 'zod';

/**
 * The company ledger ("directory"): the people and partners kakunin checks senders against.
 * Same format as `directory.json` of `examples/corpus/<company>/`; unknown fields are ignored.
 */
export const bankAccountSchema = z.object({
  bank: z.string().min(1),
  branch: z.string().min(1),
  type: z.string().min(1).default('普通'),
  number: z.string().min(1),
  holder: z.string().default(''),
  /** SWIFT/BIC (8 or 11 characters); `bic` is read as the same field. */
  swift: z.string().optional(),
  /** IBAN, with or without spaces. */
  iban: z.string().optional(),
  /** 全銀 bank code (4 digits) and branch code (店番, 3 digits). */
  bankCode: z.string().optional(),
  branchCode: z.string().optional(),
  /** ISO 3166 country of the bank ("JP", "DE"); an account registered abroad is not "overseas" to warn about. */
  country: z.string().optional(),
  /** The bank, branch and holder as written in Latin letters ("MUFG Bank", "Sakae Chuo", "SAKAE PARTNERS"). */
  bankLatin: z.string().optional(),
  branchLatin: z.string().optional(),
  holderLatin: z.string().optional(),
});

/** The optional fields of a bank account, in the order the CSV and the database list them. */
export const OPTIONAL_ACCOUNT_FIELDS = ['swift', 'iban', 'bankCode', 'branchCode', 'country', 'bankLatin', 'branchLatin', 'holderLatin'] as const;

/** A bank account as ledgers write it: `bic` is accepted for `swift`. */
const bankAccountInput = z.preprocess((v) => {
  if (v && typeof v === 'object' && !('swift' in v) && 'bic' in v) return { ...(v as Record<string, unknown>), swift: (v as { bic: unknown }).bic };
  return v;
}, bankAccountSchema);

export const personSchema = z.object({
  name: z.string().min(1),
  kana: z.string().optional(),
  role: z.string().optional(),
  executive: z.boolean().default(false),
  chatworkAccountId: z.number().int().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const counterpartySchema = z.object({
  company: z.string().min(1),
  contactName: z.string().nullable().optional(),
  chatworkAccountId: z.number().int().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  bankAccounts: z.array(bankAccountInput).default([]),
});

export const directorySchema = z.object({
  organization: z.object({ name: z.string().min(1), domain: z.string().optional() }),
  people: z.array(personSchema).default([]),
  counterparties: z.array(counterpartySchema).default([]),
});

export type BankAccount = z.infer<typeof bankAccountSchema>;
export type Person = z.infer<typeof personSchema>;
export type Counterparty = z.infer<typeof counterpartySchema>;
export type Directory = z.infer<typeof directorySchema>;

/** An empty ledger: detection still runs on content alone. */
export const emptyDirectory: Directory = { organization: { name: '' }, people: [], counterparties: [] };
