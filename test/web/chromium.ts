/**
 * Debian's Chromium (/usr/bin/chromium) for the console's browser tests, driven by playwright-core.
 * Without it the tests are skipped locally with a message and FAIL when CI=true.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type LaunchOptions, type BrowserContextOptions } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Headless, and no background networking (this machine's network is closed). */
export const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const haveChromium = fs.existsSync(CHROMIUM);
export const onCi = process.env.CI === 'true';
/** Run the browser tests here? (CI runs them and fails without Chromium.) */
export const runBrowserTests = haveChromium || onCi;
if (!runBrowserTests) console.warn(`[browser tests] skipped: ${CHROMIUM} not found (apt-get install -y chromium); they fail instead when CI=true`);

/** A fresh persistent context in a temp profile (`extraArgs` after the usual ones); `close` removes the profile. */
export async function launchChromium(opts: { extraArgs?: string[]; context?: BrowserContextOptions & LaunchOptions } = {}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!haveChromium) throw new Error(`${CHROMIUM} is missing: run scripts/install-test-deps.sh (CI=true requires it)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: [...ARGS, ...(opts.extraArgs ?? [])], ...opts.context });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
