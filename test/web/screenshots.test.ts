/**
 * The console's screenshots for the docs (docs/images/), taken in real headless Chromium on the demo
 * data at desktop (1280 px) and phone (390 px) width: the case list, a case page, the inbox and the
 * stats. `npm run screenshots` writes them into docs/images/ (SCREENSHOTS_DIR); `npm test` takes the
 * same pictures into a temp folder, so the path stays working. Japanese needs fonts-noto-cjk
 * (scripts/install-test-deps.sh): without a Japanese font every character is a box, so writing the
 * docs' pictures then refuses.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { readDemoData } from '../../src/demo/data.ts';
import { setupDemo } from '../../src/demo/setup.ts';
import { createLogger } from '../../src/logger.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { tempDir } from '../helpers.ts';
import { launchChromium, runBrowserTests } from './chromium.ts';

const intoDocs = process.env.SCREENSHOTS_DIR;
const OUT = intoDocs ? path.resolve(intoDocs) : fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-shots-'));

/** The widths the docs show, and the tallest part of a page they keep. */
const WIDTHS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const MAX_HEIGHT = 1800;

function japaneseFonts(): string[] {
  try {
    return execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

describe.skipIf(!runBrowserTests)('console screenshots (docs/images)', () => {
  let server: RunningServer;
  let context: BrowserContext;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let password: string;
  let caseRef: string;

  beforeAll(async () => {
    if (intoDocs && japaneseFonts().length === 0) throw new Error('no Japanese font (fc-list :lang=ja is empty): run scripts/install-test-deps.sh, or every Japanese character is a box');
    const file = path.join(tempDir(), 'demo.db');
    const config = loadConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', INBOX_NOTIFIER: 'on', CONSOLE_NOTIFIER: 'false' });
    const demo = await setupDemo(config, { logger: createLogger('silent') });
    password = demo.admin.password;
    // The case page shown: the one raised by a confirmed-fraud bank account (linked case, evidence).
    const b = readDemoData().reports.find((r) => r.comment.startsWith('B:'))!;
    caseRef = demo.caseOf.get(b.id)!;
    server = await startServer(config);
    browser = await launchChromium({ extraArgs: ['--hide-scrollbars'], context: { deviceScaleFactor: 1, locale: 'ja-JP' } });
    context = browser.context;
    fs.mkdirSync(OUT, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (!intoDocs) fs.rmSync(OUT, { recursive: true, force: true });
  });

  async function signedIn(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    if (!page.url().endsWith('/cases')) {
      await page.fill('#name', 'admin');
      await page.fill('#password', password);
      await Promise.all([page.waitForURL(/\/cases$/), page.click('button[type=submit]')]);
    }
    return page;
  }

  /** Every page at both widths; returns the files written. */
  async function shoot(page: Page, name: string, url: string): Promise<string[]> {
    const files: string[] = [];
    for (const [size, viewport] of Object.entries(WIDTHS)) {
      await page.setViewportSize(viewport);
      const res = await page.goto(`${server.url}${url}`);
      expect(res?.status(), url).toBe(200);
      await page.evaluate('document.fonts.ready.then(() => true)'); // (a string: this file has no DOM types)
      const height = Math.min(MAX_HEIGHT, await page.evaluate<number>('document.documentElement.scrollHeight'));
      const file = path.join(OUT, `${name}-${size}.png`);
      await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: 0, width: viewport.width, height } });
      files.push(file);
    }
    return files;
  }

  it('case list, case page, inbox and stats at 1280 and 390 px', async () => {
    const page = await signedIn();
    const shots = [
      ...(await shoot(page, 'cases', '/cases')),
      ...(await shoot(page, 'case', `/cases/${caseRef}`)),
      ...(await shoot(page, 'inbox', '/inbox')),
      ...(await shoot(page, 'stats', '/stats')),
    ];
    // The pictures show the demo's content, not an error or an empty page.
    await page.goto(`${server.url}/cases/${caseRef}`);
    expect(await page.locator('h1').first().textContent()).toContain(caseRef);
    for (const file of shots) {
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1'), file).toBe('PNG');
      const width = png.readUInt32BE(16);
      expect(width, file).toBe(file.includes('-phone') ? WIDTHS.phone.width : WIDTHS.desktop.width);
      expect(png.length, file).toBeGreaterThan(10_000);
    }
    expect(shots.map((f) => path.basename(f)).sort()).toEqual(
      ['case', 'cases', 'inbox', 'stats'].flatMap((n) => [`${n}-desktop.png`, `${n}-phone.png`]).sort(),
    );
    await page.close();
  }, 180_000);
});
