/**
 * `npm run teams:package`: builds the Teams app package (manifest.json + the two icons, zipped)
 * that an admin uploads in Teams. The app id and public URL come from the same configuration as
 * the server (TEAMS_APP_ID, PUBLIC_URL, also from KAKUNIN_ENV_FILE or ./.env), or from
 * `--app-id` / `--public-url`.
 * Writes dist/kakunin-teams.zip (git-ignored), or the file named by `--out`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadTeamsPackageConfig, withEnvFile } from '../../../src/config.ts';
import { zip } from './zip.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_DIR = path.resolve(import.meta.dirname, '../appPackage');

/** The package for `appId` served at `publicUrl` (https). Throws with a readable reason. */
export function buildTeamsPackage(appId: string, publicUrl: string): Buffer {
  if (!GUID.test(appId)) throw new Error(`The Teams app id must be the Azure Bot's Microsoft App ID (a GUID); got ${JSON.stringify(appId)}`);
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be https for Teams; got ${publicUrl}`);
  const base = url.href.replace(/\/+$/, '');
  const manifest = fs
    .readFileSync(path.join(APP_DIR, 'manifest.json'), 'utf8')
    .replaceAll('{{TEAMS_APP_ID}}', appId.toLowerCase())
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
  fs.writeFileSync(out, buildTeamsPackage(appId, publicUrl!));
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
