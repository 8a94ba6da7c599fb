/**
 * `GET /privacy` and `GET /terms`: the privacy statement and terms of use that the Teams app's
 * manifest links to (`developer.privacyUrl` / `termsOfUseUrl` = PUBLIC_URL + these paths), so the
 * links in Teams' app details always point at a page that exists. The text is docs/privacy.md and
 * docs/terms.md of this checkout, served as plain UTF-8 text (Markdown reads fine as text; nothing
 * is rendered, so nothing in it can run). A company with its own pages can point the package at
 * them instead (`npm run teams:package -- --privacy-url … --terms-url …`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';

/** Path → file under docs/. */
export const LEGAL_PAGES = { '/privacy': 'privacy.md', '/terms': 'terms.md' } as const;

const DOCS = path.resolve(import.meta.dirname, '../../docs');

export function registerLegal(app: Hono<AppEnv>): void {
  const cache = new Map<string, string>();
  for (const [route, file] of Object.entries(LEGAL_PAGES)) {
    app.get(route, function legalPage(c) {
      let text = cache.get(file);
      if (text === undefined) {
        text = fs.readFileSync(path.join(DOCS, file), 'utf8');
        cache.set(file, text);
      }
      return c.body(text, 200, {
        'content-type': 'text/plain; charset=utf-8',
        'x-content-type-options': 'nosniff',
        'cache-control': 'public, max-age=3600',
        'content-security-policy': "default-src 'none'",
      });
    });
  }
}
