/**
 * End to end in real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
 * against the real server listening on 127.0.0.1: sign in, find a case, acknowledge it and see the
 * timeline change, hostile text staying text, and a ledger CSV import with one bad row (preview
 * shows the error, nothing replaced until confirmed). Without Chromium the tests FAIL when CI=true
 * and are skipped locally with a message.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.ts';
import { createToken } from '../../src/auth/tokens.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { directoryJson, tempDir, testConfig } from '../helpers.ts';
import { launchChromium, runBrowserTests } from './chromium.ts';
import { PASSWORD } from './helpers.ts';


const HOSTILE_BODY = [
  '社長の髙嶋です。至急、新しい口座に振り込んでください。今日中に、誰にも言わないでください。',
  '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">',
  '<style>body{display:none}</style><a href="javascript:window.__pwned=3">確認</a>',
  'LINEグループを作ってQRコードを送ってください。',
].join('\n');

describe.skipIf(!runBrowserTests)('console in a real browser', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let ref: string;
  const cspErrors: string[] = [];

  beforeAll(async () => {
    const dir = tempDir();
    server = await startServer(testConfig(dir, { HOST: '127.0.0.1', INBOX_NOTIFIER: 'on', NOTIFY_MIN_VERDICT: 'none' }));
    const db = server.runtime.handle.db;
    await createUser(db, { name: 'tanaka', displayName: '法務 田中', role: 'admin', password: PASSWORD }, new Date());
    await server.runtime.deps.directory.replace(directoryJson() as never, new Date());
    const token = (await createToken(db, 'e2e', 'intake', new Date())).token;
    const res = await fetch(`${server.url}/api/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: { body: HOSTILE_BODY, sender: { accountId: 9800811, name: '髙嶋 宗一郎<b onmouseover=alert(1)>' } }, reporter: { name: '平田 智史' }, note: '<i>note</i>' }),
    });
    expect(res.status).toBe(201);
    ref = ((await res.json()) as { caseRef: string }).caseRef;
    browser = await launchChromium();
    context = browser.context;
    context.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/signin`);
    if (page.url().endsWith('/cases')) return; // the context's session cookie is still good
    await page.fill('#name', 'tanaka');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/cases$/), page.click('button[type=submit]')]);
  }

  it('signs in, finds the case, acknowledges it and the timeline shows who did it; hostile text stays text', async () => {
    const page = await context.newPage();
    await signIn(page);
    expect(await page.locator('h1').textContent()).toBe('案件');

    await page.fill('input[name=q]', '新しい口座');
    await Promise.all([page.waitForURL(/q=/), page.click('form[role=search] button[type=submit]')]);
    await Promise.all([page.waitForURL(new RegExp(`/cases/${ref}$`)), page.click(`a[href="/cases/${ref}"]`)]);

    expect(await page.locator('#timeline li').count()).toBe(1);
    const message = page.locator('.message').first();
    expect(await message.textContent()).toBe(HOSTILE_BODY);
    expect(await page.locator('.message mark').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.message script, .message img, .message a, .message style').count()).toBe(0);
    expect(await page.locator('body').isVisible()).toBe(true);

    fs.mkdirSync('.scratch', { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: '.scratch/case-page.png', fullPage: true });

    await Promise.all([page.waitForURL(/done=acknowledge/), page.click('button[name=action][value=acknowledge]')]);
    expect(await page.locator('.flash.ok').textContent()).toBe(`${ref} の対応を開始しました。`);
    const items = page.locator('#timeline li');
    expect(await items.count()).toBe(2);
    const last = (await items.nth(1).textContent()) ?? '';
    expect(last).toContain('対応開始');
    expect(last).toContain('法務 田中');
    expect(last).toContain('コンソール');
    expect((await server.runtime.deps.cases.get(ref)).status).toBe('acknowledged');
    expect(await page.locator('button[name=action][value=acknowledge]').count()).toBe(0);

    await page.goto(`${server.url}/cases/${ref}?lang=en`);
    expect(await page.locator('#timeline li').nth(1).textContent()).toContain('Acknowledged');
    await page.goto(`${server.url}/cases/${ref}?lang=ja`);
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('imports a ledger CSV with one bad row: the preview names the row, nothing changes until confirmed', async () => {
    const page = await context.newPage();
    await signIn(page);
    const before = await server.runtime.deps.directory.get();
    expect(before.people.length).toBeGreaterThan(2);
    const csv = [
      'type,name,kana,role,executive,chatwork_account_id,email,phone,company,contact_name,bank,branch,account_type,number,holder,domain',
      'organization,株式会社テスト,,,,,,,,,,,,,,test.example',
      'person,山田 太郎,ヤマダ タロウ,代表取締役,true,1000001,t.yamada@test.example,03-0000-0001,,,,,,,,',
      'person,鈴木 花子,,経理,false,abc,,,,,,,,,,',
      'partner,,,,,,,,丸一商事,佐藤,,,,,,',
      'bank_account,,,,,,,,丸一商事,,みずほ銀行,本店,普通,1234567,マルイチシヨウジ,',
    ].join('\n');
    await page.goto(`${server.url}/ledger`);
    await page.setInputFiles('input[type=file]', { name: 'ledger.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await Promise.all([page.waitForURL(/\/ledger\/import$/), page.click('form[action="/ledger/import"] button[type=submit]')]);

    const errors = page.locator('#import-errors tbody tr');
    expect(await errors.count()).toBe(1);
    expect(await errors.first().textContent()).toContain('4'); // line 4 of the file
    expect(await errors.first().textContent()).toContain('chatwork_account_id');
    expect((await server.runtime.deps.directory.get()).people.length).toBe(before.people.length); // nothing replaced yet

    await Promise.all([page.waitForURL(/done=replaced/), page.click('form[action$="/confirm"] button')]);
    const after = await server.runtime.deps.directory.get();
    expect(after.organization.name).toBe('株式会社テスト');
    expect(after.people.map((p) => p.name)).toEqual(['山田 太郎']);
    expect(after.counterparties[0]?.bankAccounts[0]?.number).toBe('1234567');
    expect(await page.locator('#people').textContent()).toContain('山田 太郎');
    await page.close();
  });
});
