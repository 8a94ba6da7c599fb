import { bigint, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Ledger: registered business partners (the directory's `counterparties`). */
export const partners = pgTable(
  'partners',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    company: text('company').notNull(),
    contactName: text('contact_name'),
    chatworkAccountId: bigint('chatwork_account_id', { mode: 'number' }),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [index('partners_chatwork_account_idx').on(t.chatworkAccountId)],
);
