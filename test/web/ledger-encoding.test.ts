/** The console's ledger import reads Japanese Excel's Shift_JIS CSV as text and says which encoding it used. */
import { afterEach, describe, expect, it } from 'vitest';
import { shiftJis } from '../fixtures/sjis.ts';
import type { TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

const CSV = [
  'type,name,kana,role,executive,chatwork_account_id,email,phone,company,contact_name,bank,branch,account_type,number,holder,domain',
  'organization,株式会社みなと精機,,,,,,,,,,,,,,minato.example',
  'person,髙橋 健太郎,タカハシ ケンタロウ,代表取締役,はい,5100001,,,,,,,,,,',
  'person,鈴木 花子,,経理,いいえ,abc,,,,,,,,,,',
].join('\r\n');

async function upload(b: Browser, bytes: Uint8Array, name: string): Promise<void> {
  await b.get('/ledger');
  const form = new FormData();
  form.set('file', new File([bytes], name, { type: 'text/csv' }));
  await b.post('/ledger/import', form);
}

describe('ledger import encodings', () => {
  it('a Shift_JIS file previews as text with the encoding named; errors are in Japanese', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.signIn('admin');
    await upload(b, shiftJis(CSV), '台帳.csv');
    expect(b.last).toContain('Shift_JIS (CP932)');
    expect(b.last).toContain('数字で入力してください'); // row 4's bad id, said in Japanese
    expect(b.last).not.toContain('must be digits');
    expect(b.last).toMatch(/<td>1<\/td>/); // one person after import
    await upload(b, new TextEncoder().encode(`\uFEFF${CSV}`), 'ledger.csv');
    expect(b.last).toContain('UTF-8 (BOM)');
  });

  it('bytes that are neither UTF-8 nor Shift_JIS are refused with a clear message and cannot be confirmed', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.signIn('admin');
    await upload(b, Uint8Array.from([0x74, 0x79, 0x70, 0x65, 0x0a, 0x81, 0xff, 0xfe, 0x80]), 'broken.csv');
    expect(b.last).toContain('UTF-8 でも Shift_JIS（CP932）でもないファイルです');
    expect(b.last).not.toContain('/confirm');
  });
});
