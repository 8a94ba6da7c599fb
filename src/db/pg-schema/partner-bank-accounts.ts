import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { partners } from './partners.ts';

/** Ledger: a partner's registered payee accounts. A payee not listed here is unverified. */
export const partnerBankAccounts = pgTable(
  'partner_bank_accounts',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    partnerId: integer('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    bank: text('bank').notNull(),
    branch: text('branch').notNull(),
    type: text('type').notNull(),
    number: text('number').notNull(),
    holder: text('holder').notNull(),
    /** Optional identifiers real ledgers carry, so the account is recognised however a message writes it. */
    swift: text('swift'),
    iban: text('iban'),
    bankCode: text('bank_code'),
    branchCode: text('branch_code'),
    country: text('country'),
    bankLatin: text('bank_latin'),
    branchLatin: text('branch_latin'),
    holderLatin: text('holder_latin'),
  },
  (t) => [index('partner_bank_accounts_partner_idx').on(t.partnerId), index('partner_bank_accounts_number_idx').on(t.number)],
);
