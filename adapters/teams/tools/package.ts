/**
 * `npm run teams:package`: builds the Teams app package (manifest.json + the two icons, zipped)
 * that an admin uploads in Teams. The app id and public URL come from the same configuration as
 * the server (TEAMS_APP_ID, PUBLIC_URL, also from KAKUNIN_ENV_FILE or ./.env), or from
 * `--app-id` / `--public-url`.
 * Writes dist/kakunin-teams.zip (git-ignored), or the file named by `--out`. The manifest's privacy
 * and terms links go to PUBLIC_URL/privacy and /terms (served by kakunin from docs/privacy.md and
 * docs/terms.md), or to `--privacy-url` / `--terms-url`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadTeamsPackageConfig, withEnvFile } from '../../../src/config.ts';
import { withoutTrailingSlashes } from '../../../src/domain/url.ts';
import { zip } from './zip.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_DIR = path.resolve(import.meta.dirname, '../appPackage');

/** Where the manifest's privacy and terms links point unless given: the pages kakunin serves (src/routes/legal.ts). */
export const DEFAULT_LEGAL_PATHS = { privacy: '/privacy', terms: '/terms' } as const;

const httpsUrl = (what: string, value: string): URL => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${what} must be an https URL; got ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'https:') throw new Error(`${what} must be https for Teams; got ${value}`);
  return url;
};

/**
 * The package for `appId` served at `publicUrl` (https). The privacy and terms links default to
 * PUBLIC_URL/privacy and PUBLIC_URL/terms, which kakunin serves; a company's own pages may be
 * given instead. Throws with a readable reason.
 */
export function buildTeamsPackage(appId: string, publicUrl: string, links: { privacyUrl?: string; termsUrl?: string } = {}): Buffer {
  if (!GUID.test(appId)) throw new Error(`The Teams app id must be the Azure Bot's Microsoft App ID (a GUID); got ${JSON.stringify(appId)}`);
  const url = httpsUrl('PUBLIC_URL', publicUrl);
  const base = withoutTrailingSlashes(url.href);
  const privacy = httpsUrl('--privacy-url', links.privacyUrl ?? `${base}${DEFAULT_LEGAL_PATHS.privacy}`).href;
  const terms = httpsUrl('--terms-url', links.termsUrl ?? `${base}${DEFAULT_LEGAL_PATHS.terms}`).href;
  const manifest = fs
    .readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8')
    .replaceAll('{{TEAMS_APP_ID}}', appId.toLowerCase())
    .replaceAll('{{PRIVACY_URL}}', privacy)
    .replaceAll('{{TERMS_URL}}', terms)
    .replaceAll('{{PUBLIC_URL}}', base)
    .replaceAll('{{PUBLIC_HOST}}', url.host);
  JSON.parse(manifest); // stays valid JSON
  return zip([
    { name: 'manifest.json', data: Buffer.from(manifest, 'utf8') },
    { name: 'color.png', data: fs.readFileSync(path.join(APP_DIR, 'color.png')) },
    { name: 'outline.png', data: fs.readFileSync(path.join(APP_DIR, 'outline.png')) },
  ]);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function main(): void {
  let appId = arg('--app-id');
  let publicUrl = arg('--public-url');
  if (!appId || !publicUrl) {
    // Only what the package needs: TEAMS_APP_PASSWORD and the tenant id are the server's business.
    const config = loadTeamsPackageConfig(withEnvFile(process.env).env);
    appId ??= config.appId ?? undefined;
    publicUrl ??= config.publicUrl;
  }
  if (!appId) throw new Error('Set TEAMS_APP_ID (or pass --app-id <guid>)');
  const out = path.resolve(arg('--out') ?? path.resolve(import.meta.dirname, '../../../dist/kakunin-teams.zip'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const privacyUrl = arg('--privacy-url');
  const termsUrl = arg('--terms-url');
  fs.writeFileSync(out, buildTeamsPackage(appId, publicUrl!, { ...(privacyUrl ? { privacyUrl } : {}), ...(termsUrl ? { termsUrl } : {}) }));
  console.log(`wrote ${path.relative(process.cwd(), out)}: upload it in Teams (Apps → Manage your apps → Upload an app)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof ConfigError || err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
