import { describe, expect, it } from 'vitest';
import { isSafe } from 'redos-detector';
import { MARKUP_REGEXES } from './markup.ts';
import { NAME_REGEXES } from './names.ts';
import { BANK_REGEXES } from './banks.ts';
import { BANK_CONTEXT_REGEXES } from './bank-context.ts';
import { BANK_ACCOUNT_REGEXES } from './bank-accounts.ts';
import { CONTACT_REGEXES } from './contacts.ts';
import { URL_REGEXES } from './urls.ts';
import { AMOUNT_REGEXES } from './amounts.ts';
import { GIFT_CARD_REGEXES } from './gift-cards.ts';
import { CHAR_REGEXES } from './chars.ts';
import { IDENTITY_REGEXES } from './identity.ts';
import { ROMAJI_REGEXES } from './romaji.ts';
import { QUOTE_REGEXES } from './quotes.ts';
import { LEDGER_ACCOUNT_REGEXES } from './ledger-accounts.ts';

const ALL: Record<string, Record<string, RegExp>> = {
  markup: MARKUP_REGEXES,
  names: NAME_REGEXES,
  banks: BANK_REGEXES,
  bankContext: BANK_CONTEXT_REGEXES,
  bankAccounts: BANK_ACCOUNT_REGEXES,
  contacts: CONTACT_REGEXES,
  urls: URL_REGEXES,
  amounts: AMOUNT_REGEXES,
  giftCards: GIFT_CARD_REGEXES,
  chars: CHAR_REGEXES,
  identity: IDENTITY_REGEXES,
  romaji: ROMAJI_REGEXES,
  quotes: QUOTE_REGEXES,
  ledgerAccounts: LEDGER_ACCOUNT_REGEXES,
};

const cases = Object.entries(ALL).flatMap(([file, regexes]) => Object.entries(regexes).map(([name, re]) => [`${file}.${name}`, re] as const));

describe('every regex of the normalisation and observable modules is linear-time', () => {
  it('covers the regexes', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases)('%s is safe (redos-detector)', (_name, re) => {
    const result = isSafe(re);
    expect(result.error).toBeNull();
    expect(result.safe).toBe(true);
  });
});
