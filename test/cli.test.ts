/**
 * The command line behaves like one: `--help` prints usage and does nothing else, bad flags and
 * values say which and why (exit 2), a missing database is not silently created, and a ledger CSV
 * from Japanese Excel (Shift_JIS) imports as text, not mojibake.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli/index.ts';
import { loadDirectory } from '../src/ledger/store.ts';
import { openDatabase } from '../src/db/client.ts';
import { main } from '../src/main.ts';
import { tempDir } from './helpers.ts';
import { shiftJis } from './fixtures/sjis.ts';

function cli(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('kakunin --help', () => {
  it('every command prints its usage and exits 0 with no side effect (no database, no file named --help)', async () => {
    const dir = tempDir();
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const name of Object.keys(commands)) {
        for (const args of [[name, '--help'], [name, '-h'], [name, 'create', '--help'], [name, 'import', 'x.json', '--help']]) {
          const c = cli({ DATABASE_URL: `file:${dir}/k.db` });
          expect(await main(args, c.io), `${args.join(' ')}`).toBe(0);
          expect(c.out[0]).toBe(`usage: kakunin ${(await commands[name]!.load()).usage}`);
        }
      }
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('options are listed with their allowed values', async () => {
    const c = cli();
    expect(await main(['token', 'create', '--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/--scope intake\|respond\|admin/);
    expect(c.out.join('\n')).toContain('(required)');
  });
});

describe('bad arguments', () => {
  it('an unknown flag, a bad value or a missing flag is exit 2 naming it and why', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/k.db` };
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    const cases: [string[], RegExp][] = [
      [['token', 'create', '--nme', 'x', '--scope', 'intake'], /unknown option --nme \(options: --name, --scope, --callback-url\)/],
      [['token', 'create', '--name', 'x', '--scope', 'bogus'], /--scope "bogus" is not allowed: use one of intake, respond, admin/],
      [['token', 'create', '--scope', 'intake'], /--name is required/],
      [['token', 'create', '--name'], /--name needs a value/],
      [['token', 'make', '--name', 'x', '--scope', 'intake'], /unknown subcommand "make"/],
      [['user', 'create', '--name', 'x', '--role', 'root'], /--role "root" is not allowed: use one of viewer, responder, admin/],
      [['retention', 'run', '--days', 'soon'], /--days "soon" is not a whole number of at least 1/],
      [['eval'], /--corpus is required/],
      [['detect', '--directory'], /--directory needs a value/],
      [['serve', '--port', '80'], /unknown option --port/],
      [['migrate', 'now'], /unexpected argument "now"/],
      [['audit', 'verify', '--fix'], /unknown option --fix/],
      [['backup'], /missing FILE/],
      [['directory', 'import'], /missing FILE/],
    ];
    for (const [args, message] of cases) {
      const c = cli(env);
      expect(await main(args, c.io), args.join(' ')).toBe(2);
      expect(c.err.join('\n'), args.join(' ')).toMatch(message);
      expect(c.err.join('\n')).toContain('usage: kakunin');
      expect(c.out).toEqual([]);
    }
  });

  it('an unknown command lists the commands (exit 2); --version prints the version', async () => {
    const c = cli();
    expect(await main(['serv'], c.io)).toBe(2);
    expect(c.err[0]).toBe('unknown command: serv');
    for (const name of Object.keys(commands)) expect(c.err.join('\n')).toContain(`  ${name}`);
    const v = cli();
    expect(await main(['--version'], v.io)).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
    expect(v.out).toEqual([`kakunin ${pkg.version}`]);
  });

  it('a real process prints a message, not a stack trace', async () => {
    const bin = path.resolve(import.meta.dirname, '../bin/kakunin.mjs');
    const run = promisify(execFile);
    const err = await run(process.execPath, [bin, 'token', 'create', '--nme', 'x'], { env: { ...process.env, DATABASE_URL: `file:${tempDir()}/k.db` } }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('unknown option --nme');
    expect((err as { stderr: string }).stderr).not.toMatch(/ERR_PARSE_ARGS|at .*\.ts:\d+/);
  });
});

describe('no database, no silent creation', () => {
  it('commands other than serve and migrate refuse when the database does not exist, and create nothing', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/typo.db` };
    fs.writeFileSync(path.join(dir, 'ledger.json'), JSON.stringify({ organization: { name: 'x' } }));
    for (const args of [['token', 'create', '--name', 'x', '--scope', 'intake'], ['user', 'create', '--name', 'x', '--role', 'admin'], ['audit', 'verify'], ['retention', 'run', '--days', '3'], ['directory', 'import', path.join(dir, 'ledger.json')], ['backup', path.join(dir, 'b.db')]]) {
      const c = cli(env);
      expect(await main(args, c.io), args.join(' ')).toBe(1);
      expect(c.err.join('\n')).toContain(`no database at ${path.join(dir, 'typo.db')}`);
    }
    expect(fs.readdirSync(dir)).toEqual(['ledger.json']);
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    expect(fs.existsSync(path.join(dir, 'typo.db'))).toBe(true);
  });

  it('backup refuses a folder that does not exist instead of creating it', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/k.db` };
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    const c = cli(env);
    expect(await main(['backup', path.join(dir, 'nope', 'b.db')], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('does not exist');
    expect(fs.existsSync(path.join(dir, 'nope'))).toBe(false);
    expect(await main(['backup', path.join(dir, 'b.db')], cli(env).io)).toBe(0);
  });
});

describe('directory import', () => {
  const CSV = [
    'type,name,kana,role,executive,chatwork_account_id,email,phone,company,contact_name,bank,branch,account_type,number,holder,domain',
    'organization,株式会社みなと精機,,,,,,,,,,,,,,minato.example',
    'person,髙橋 健太郎,タカハシ ケンタロウ,代表取締役,はい,5100001,k.takahashi@minato.example,045-000-0001,,,,,,,,',
    'partner,,,,,5200001,,,有限会社浜辺運送,渡邉 一,,,,,,',
    'bank_account,,,,,,,,有限会社浜辺運送,,横浜銀行,関内支店,普通,7012345,ﾕ)ﾊﾏﾍﾞｳﾝｿｳ,',
  ].join('\r\n');

  it('reads a Shift_JIS CSV (Excel) as text and says which encoding it used', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/k.db` };
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    const file = path.join(dir, 'ledger.csv');
    fs.writeFileSync(file, Buffer.from(shiftJis(CSV)));
    const c = cli(env);
    expect(await main(['directory', 'import', file], c.io), c.err.join('\n')).toBe(0);
    expect(c.out.at(-1)).toContain('Shift_JIS');
    const h = openDatabase(path.join(dir, 'k.db'));
    try {
      const d = await loadDirectory(h.db);
      expect(d.organization.name).toBe('株式会社みなと精機');
      expect(d.people[0]).toMatchObject({ name: '髙橋 健太郎', executive: true, chatworkAccountId: 5100001 });
      expect(d.counterparties[0]?.bankAccounts[0]).toMatchObject({ bank: '横浜銀行', number: '7012345', holder: 'ﾕ)ﾊﾏﾍﾞｳﾝｿｳ' });
    } finally {
      await h.close();
    }
  });

  it('refuses bytes that are neither UTF-8 nor Shift_JIS, and a file with an invalid row, changing nothing', async () => {
    const dir = tempDir();
    const env = { DATABASE_URL: `file:${dir}/k.db` };
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    const junk = path.join(dir, 'junk.csv');
    fs.writeFileSync(junk, Buffer.from([0x74, 0x79, 0x70, 0x65, 0x0a, 0x81, 0xff, 0xfe, 0x80]));
    const c = cli(env);
    expect(await main(['directory', 'import', junk], c.io)).toBe(1);
    expect(c.err.join('\n')).toMatch(/neither UTF-8 nor Shift_JIS/);
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, CSV.replace('5100001', 'abc'));
    const d = cli(env);
    expect(await main(['directory', 'import', bad], d.io)).toBe(1);
    expect(d.err.join('\n')).toContain('line 3: chatwork_account_id');
    const h = openDatabase(path.join(dir, 'k.db'));
    try {
      expect((await loadDirectory(h.db)).people).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
