/**
 * Configuration from a file: `.env.example` documents every variable the config schema reads and
 * is itself a valid configuration; `kakunin` reads KAKUNIN_ENV_FILE (or ./.env) with Node's own
 * parser, and a variable set in the environment wins over the file — checked on the real command
 * (`node bin/kakunin.mjs migrate` creates the database the winning DATABASE_URL names).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envSchema, loadConfig, withEnvFile } from '../src/config.ts';
import { tempDir } from './helpers.ts';
import { unzip } from './teams/unzip.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const EXAMPLE = path.join(ROOT, '.env.example');
const run = promisify(execFile);

/** `node bin/kakunin.mjs …` in `cwd` with exactly `env` (plus PATH and HOME). */
async function kakunin(args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [path.join(ROOT, 'bin/kakunin.mjs'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('.env.example', () => {
  const text = fs.readFileSync(EXAMPLE, 'utf8');

  it('documents every variable of the config schema (set or commented out)', () => {
    const documented = new Set([...text.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = Object.keys(envSchema.shape).filter((k) => !documented.has(k));
    expect(missing).toEqual([]);
    // and nothing that the schema does not know (a typo would silently do nothing)
    expect([...documented].filter((k) => !(k! in envSchema.shape))).toEqual([]);
    expect(text).toContain('KAKUNIN_ENV_FILE');
  });

  it('is a valid configuration as it stands, and with every example line switched on', () => {
    expect(() => loadConfig(withEnvFile({ KAKUNIN_ENV_FILE: EXAMPLE }).env)).not.toThrow();
    const dir = tempDir();
    // Uncomment every line that has a value; Slack/Chatwork examples need real-looking values.
    const on = text
      .split('\n')
      .map((l) => (/^#[A-Z][A-Z0-9_]+=\S/.test(l) ? l.slice(1) : l))
      .join('\n')
      .replace(/^ESCALATION_POLICY_FILE=.*$/m, '')
      .replace(/^TEAMS_ALLOW_UNAUTHENTICATED=.*$/m, '');
    fs.writeFileSync(path.join(dir, 'all.env'), `${on}\nSLACK_SIGNING_SECRET=0123456789abcdef\n`);
    const config = loadConfig(withEnvFile({ KAKUNIN_ENV_FILE: path.join(dir, 'all.env') }).env);
    expect(config.publicUrl).toBe('https://kakunin.example.co.jp');
    expect(config.slack?.channelId).toBe('C0123456789');
  });
});

describe('withEnvFile', () => {
  it('reads the named file; a non-empty environment variable wins, an empty one does not', () => {
    const dir = tempDir();
    const file = path.join(dir, 'k.env');
    fs.writeFileSync(file, '# comment\nPORT=9001\nLOG_LEVEL="debug"\nGROUPING_WINDOW_DAYS=3\n');
    const { env, file: used } = withEnvFile({ KAKUNIN_ENV_FILE: file, PORT: '9500', LOG_LEVEL: '' }, dir);
    expect(used).toBe(file);
    expect(env.PORT).toBe('9500');
    expect(env.LOG_LEVEL).toBe('debug');
    expect(loadConfig(env).groupingWindowDays).toBe(3);
  });

  it('uses ./.env when no file is named, and nothing when there is none', () => {
    const dir = tempDir();
    expect(withEnvFile({ PORT: '1' }, dir)).toEqual({ env: { PORT: '1' }, file: null });
    fs.writeFileSync(path.join(dir, '.env'), 'PORT=9002\n');
    expect(withEnvFile({}, dir).env.PORT).toBe('9002');
  });

  it('a named file that does not exist stops the start, naming KAKUNIN_ENV_FILE', () => {
    expect(() => withEnvFile({ KAKUNIN_ENV_FILE: 'nope.env' }, tempDir())).toThrow(/KAKUNIN_ENV_FILE \(nope\.env\): no such file/);
  });
});

describe('kakunin reads the file, the environment wins', () => {
  it('KAKUNIN_ENV_FILE, ./.env, and DATABASE_URL from the environment over both', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'named.env'), `DATABASE_URL=file:${path.join(dir, 'from-named.db')}\n`);
    fs.writeFileSync(path.join(dir, '.env'), `DATABASE_URL=file:${path.join(dir, 'from-dotenv.db')}\n`);

    expect((await kakunin(['migrate'], dir, { KAKUNIN_ENV_FILE: 'named.env' })).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'from-named.db'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'from-dotenv.db'))).toBe(false);

    expect((await kakunin(['migrate'], dir, {})).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'from-dotenv.db'))).toBe(true);

    const r = await kakunin(['migrate'], dir, { KAKUNIN_ENV_FILE: 'named.env', DATABASE_URL: `file:${path.join(dir, 'from-env.db')}` });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('from-env.db');

    const bad = await kakunin(['migrate'], dir, { KAKUNIN_ENV_FILE: 'missing.env' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('KAKUNIN_ENV_FILE (missing.env): no such file');
    // --version needs no configuration, whatever the file says
    expect((await kakunin(['--version'], dir, { KAKUNIN_ENV_FILE: 'missing.env' })).code).toBe(0);
  }, 60_000);

  it('npm run teams:package needs only TEAMS_APP_ID and PUBLIC_URL (from the file or the environment)', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '.env'), 'TEAMS_APP_ID=12345678-abcd-1234-1234-123456789abc\nPUBLIC_URL=https://from-file.example.co.jp\n');
    const out = path.join(dir, 'teams.zip');
    const tsx = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const r = await run(process.execPath, [tsx, path.join(ROOT, 'adapters/teams/tools/package.ts'), '--out', out], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PUBLIC_URL: 'https://from-env.example.co.jp' },
    });
    expect(r.stdout).toContain('teams.zip');
    const manifest = JSON.parse(unzip(fs.readFileSync(out)).get('manifest.json')!.toString('utf8'));
    expect(manifest.id).toBe('12345678-abcd-1234-1234-123456789abc');
    expect(manifest.developer.privacyUrl).toBe('https://from-env.example.co.jp/privacy');
  }, 60_000);
});
