import { bigint, boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Ledger: the company's own staff, executives flagged. */
export const people = pgTable(
  'people',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    kana: text('kana'),
    role: text('role'),
    executive: boolean('executive').notNull().default(false),
    chatworkAccountId: bigint('chatwork_account_id', { mode: 'number' }),
    email: text('email'),
    phone: text('phone'),
  },
  (t) => [index('people_chatwork_account_idx').on(t.chatworkAccountId)],
);
