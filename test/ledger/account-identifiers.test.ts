/**
 * The ledger keeps the optional identifiers of a registered bank account (SWIFT/BIC, IBAN, 全銀
 * codes, country, Latin names) through every way it is stored: directory.json, CSV import and
 * export, and the SQLite ledger the relay reads — so detection recognises the account however a
 * message writes it, in the running relay as in `kakunin detect`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { runMigrations } from '../../src/db/migrate.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { directorySchema, type Directory } from '../../src/domain/directory.ts';
import { ledgerToCsv, parseLedgerCsv, parseLedgerJson } from '../../src/ledger/io.ts';
import { createDirectoryStore, loadDirectory } from '../../src/ledger/store.ts';
import { tempDir } from '../helpers.ts';

const detect = createDetector(ruleSet);

/** An invented ledger: a British partner banking with SWIFT/IBAN, a Japanese one with 全銀 codes. */
const ledgerJson = {
  organization: { name: '株式会社しおさい計装', domain: 'shiosai-keiso.example.jp' },
  people: [{ name: '松岡 遥', kana: 'マツオカ ハルカ', role: '経理', executive: false, chatworkAccountId: 7100001 }],
  counterparties: [
    {
      company: 'Wrenfield Optics Ltd',
      contactName: 'Harriet Cole',
      chatworkAccountId: 7200001,
      bankAccounts: [
        { bank: 'Ashby Bank plc', branch: 'Leicester Market Street', type: '当座', number: '30418876', holder: 'WRENFIELD OPTICS LTD', bic: 'ASHBGB2LXXX', iban: 'GB40 ASHB 6011 2230 4188 76', country: 'GB' },
      ],
    },
    {
      company: '株式会社くろしお電材',
      contactName: '石丸 駿',
      chatworkAccountId: 7200002,
      bankAccounts: [
        { bank: '南海中央銀行', branch: '湊町支店', type: '普通', number: '4081177', holder: 'カ)クロシオデンザイ', bankCode: '0911', branchCode: '207', bankLatin: 'Nankai Chuo Bank', branchLatin: 'Minatomachi', holderLatin: 'KUROSHIO DENZAI' },
      ],
    },
  ],
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function accountsOf(dir: Directory) {
  return dir.counterparties.flatMap((c) => c.bankAccounts);
}

describe('ledger bank-account identifiers', () => {
  it('directory.json accepts bic for swift and keeps every identifier', () => {
    const dir = directorySchema.parse(ledgerJson);
    expect(accountsOf(dir)[0]).toMatchObject({ swift: 'ASHBGB2LXXX', iban: 'GB40 ASHB 6011 2230 4188 76', country: 'GB' });
    expect(accountsOf(dir)[1]).toMatchObject({ bankCode: '0911', branchCode: '207', bankLatin: 'Nankai Chuo Bank', branchLatin: 'Minatomachi', holderLatin: 'KUROSHIO DENZAI' });
  });

  it('survive a CSV export and import', () => {
    const dir = directorySchema.parse(ledgerJson);
    const csv = ledgerToCsv(dir);
    expect(csv.split('\n')[0]).toContain('swift,iban,bank_code,branch_code,country,bank_latin,branch_latin,holder_latin');
    const back = parseLedgerCsv(csv, dir);
    expect(back.errors).toEqual([]);
    expect(accountsOf(back.directory)).toEqual(accountsOf(dir));
  });

  it('survive the SQLite ledger (migration 0009), and a ledger without them reads as before', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const handle = openDatabase(path.join(tmp, 'ledger.db'));
    try {
      await runMigrations(handle.db);
      const store = createDirectoryStore(handle.db);
      const dir = parseLedgerJson(JSON.stringify(ledgerJson), directorySchema.parse(ledgerJson)).directory;
      await store.replace(dir, new Date('2026-05-01T00:00:00Z'));
      expect(accountsOf(await loadDirectory(handle.db))).toEqual(accountsOf(dir));
      const plain = { ...dir, counterparties: [{ ...dir.counterparties[1]!, bankAccounts: [{ bank: '南海中央銀行', branch: '湊町支店', type: '普通', number: '4081177', holder: 'カ)クロシオデンザイ' }] }] };
      await store.replace(plain, new Date('2026-05-02T00:00:00Z'));
      expect(accountsOf(await loadDirectory(handle.db))).toEqual([{ bank: '南海中央銀行', branch: '湊町支店', type: '普通', number: '4081177', holder: 'カ)クロシオデンザイ' }]);
    } finally {
      await handle.close();
    }
  });

  it('the stored ledger lets detection recognise the foreign account by its IBAN', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const handle = openDatabase(path.join(tmp, 'ledger.db'));
    try {
      await runMigrations(handle.db);
      await createDirectoryStore(handle.db).replace(directorySchema.parse(ledgerJson), new Date('2026-05-01T00:00:00Z'));
      const body = 'Please find our invoice WO-5512 (GBP 8,940.00). Payment to our usual account: IBAN GB40 ASHB 6011 2230 4188 76, BIC ASHBGB2L.';
      const result = detect({ message: { body, sender: { accountId: 7200001, name: 'Harriet Cole' }, sentAt: '2026-05-03T10:00:00+09:00' } }, await loadDirectory(handle.db));
      const ids = result.signals.map((s) => s.ruleId);
      expect(ids).toContain('mitigating.registered_payee');
      expect(ids).not.toContain('payee.overseas_account');
      expect(ids).not.toContain('payee.unregistered_account');
    } finally {
      await handle.close();
    }
  });
});
