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
});

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
  bankAccounts: z.array(bankAccountSchema).default([]),
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
