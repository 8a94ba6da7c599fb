/**
 * `npm run teams:package`: builds the Teams app package (manifest.json + the two icons, zipped)
 * that an admin uploads in Teams. The app id and public URL come from the same configuration as
 * the server (TEAMS_APP_ID, PUBLIC_URL), or from `--app-id` / `--public-url`.
 * Writes dist/kakunin-teams.zip (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { zip } from './zip.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_DIR = path.resolve(import.meta.dirname, '../appPackage');

/** The package for `appId` served at `publicUrl` (https). Throws with a readable reason. */
export function buildTeamsPackage(appId: string, publicUrl: string): Buffer {
  if (!GUID.test(appId)) throw new Error(`The Teams app id must be the Azure Bot's Microsoft App ID (a GUID); got ${JSON.stringify(appId)}`);
  const url = new URL(publicUrl);
  if (url.protocol !== 'https:') throw new Error(`PUBLIC_URL must be https for Teams; got ${publicUrl}`);
  let end = url.href.length;
  while (end > 0 && url.href[end - 1] === '/') end -= 1; // not /\/+$/, which retries from every slash
  const base = url.href.slice(0, end);
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
    const config = loadConfig(process.env);
    appId ??= config.teams?.appId ?? undefined;
    publicUrl ??= config.publicUrl;
  }
  if (!appId) throw new Error('Set TEAMS_APP_ID (or pass --app-id <guid>)');
  const out = path.resolve(import.meta.dirname, '../../../dist/kakunin-teams.zip');
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
