import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Ledger: registered business partners (the directory's `counterparties`). */
export const partners = sqliteTable(
  'partners',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    company: text('company').notNull(),
    contactName: text('contact_name'),
    chatworkAccountId: integer('chatwork_account_id'),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [index('partners_chatwork_account_idx').on(t.chatworkAccountId)],
);
