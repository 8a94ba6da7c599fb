import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Ledger: the company's own staff, executives flagged. */
export const people = sqliteTable(
  'people',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kana: text('kana'),
    role: text('role'),
    executive: integer('executive', { mode: 'boolean' }).notNull().default(false),
    chatworkAccountId: integer('chatwork_account_id'),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [index('people_chatwork_account_idx').on(t.chatworkAccountId)],
);
