/**
 * The console as a new admin sees it in real Chromium at desktop (1280 px) and phone (390 px)
 * width: the stylesheet's font rule applies, each case-list row shows its own case, the list starts
 * on the first screen of a phone, ledger names stay on one line, and no chart label is cut off.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { createUser } from '../../src/auth/users.ts';
import { createToken } from '../../src/auth/tokens.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { directoryJson, tempDir, testConfig } from '../helpers.ts';
import { launchChromium, runBrowserTests } from './chromium.ts';
import { PASSWORD } from './helpers.ts';

const SENDERS = [
  { name: '北条 早苗', accountId: 7100001, body: '北条です。至急、下記の口座に本日中に振り込んでください。三井住友銀行 梅田支店 普通 4455667' },
  { name: '久我 透', accountId: 7100002, body: '久我です。LINEグループを作成してQRコードを送ってください。' },
  { name: '真柴 陽介', accountId: 7100003, body: '真柴です。会社の口座残高を教えてください。至急です。' },
];

describe.skipIf(!runBrowserTests)('console layout in a real browser', () => {
  let server: RunningServer;
  let browser: { context: BrowserContext; close(): Promise<void> };
  const refs: string[] = [];

  beforeAll(async () => {
    server = await startServer(testConfig(tempDir(), { HOST: '127.0.0.1', INBOX_NOTIFIER: 'on', NOTIFY_MIN_VERDICT: 'none' }));
    const db = server.runtime.handle.db;
    await createUser(db, { name: 'kanri', displayName: '情報システム 関', role: 'admin', password: PASSWORD }, new Date());
    await server.runtime.deps.directory.replace(directoryJson() as never, new Date());
    const token = (await createToken(db, 'layout', 'intake', new Date())).token;
    for (const s of SENDERS) {
      const res = await fetch(`${server.url}/api/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ message: { body: s.body, sender: { accountId: s.accountId, name: s.name } } }),
      });
      expect(res.status).toBe(201);
      refs.push(((await res.json()) as { caseRef: string }).caseRef);
    }
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signedIn(width: number): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
    await page.goto(`${server.url}/signin`);
    if (!page.url().endsWith('/cases')) {
      await page.fill('#name', 'kanri');
      await page.fill('#password', PASSWORD);
      await Promise.all([page.waitForURL(/\/cases$/), page.click('button[type=submit]')]);
    }
    return page;
  }

  it('applies the font rule and shows each case with its own sender and text (1280 px)', async () => {
    const page = await signedIn(1280);
    await page.goto(`${server.url}/cases?sort=oldest`);
    // Page scripts are strings: the project's TypeScript has no DOM types.
    const font = (await page.evaluate('(() => { const s = getComputedStyle(document.body); return { family: s.fontFamily, size: s.fontSize }; })()')) as { family: string; size: string };
    expect(font.family).toContain('Hiragino Sans');
    expect(font.family).toContain('Noto Sans JP');
    expect(font.size).toBe('15px');
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(SENDERS.length);
    for (const [i, s] of SENDERS.entries()) {
      const text = (await rows.nth(i).textContent()) ?? '';
      expect(text).toContain(refs[i]!);
      expect(text).toContain(s.name);
      expect(text).toContain(s.body.slice(0, 20));
    }
    await page.close();
  });

  it('at phone width the list starts on the first screen, ledger names stay on one line and the last chart label is whole (390 px)', async () => {
    const page = await signedIn(390);
    await page.goto(`${server.url}/cases`);
    const firstRow = await page.locator('tbody tr').first().boundingBox();
    expect(firstRow).not.toBeNull();
    expect(firstRow!.y).toBeLessThan(844);
    expect(await page.locator('details.filter-box').getAttribute('open')).toBeNull();

    await page.goto(`${server.url}/ledger`);
    const nameCell = page.locator('#people tbody tr td').first();
    const box = await nameCell.boundingBox();
    const lineHeight = Number(await page.evaluate('parseFloat(getComputedStyle(document.querySelector("#people tbody td")).lineHeight)'));
    expect(box!.height).toBeLessThan(lineHeight * 2 + 12); // one line (plus padding), not a character per line

    await page.goto(`${server.url}/stats`);
    // How far each chart's furthest label reaches past its viewBox (0 when none is cut).
    const overflow = (await page.evaluate(
      '[...document.querySelectorAll("main svg")].map((svg) => Math.max(0, ...[...svg.querySelectorAll("text")].map((t) => t.getBBox().x + t.getBBox().width - svg.viewBox.baseVal.width)))',
    )) as number[];
    expect(overflow.length).toBeGreaterThan(0);
    for (const o of overflow) expect(o).toBeLessThanOrEqual(0.5);
    await page.close();
  });
});
