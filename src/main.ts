/**
 * CLI entry: `kakunin <command> …`, called by bin/kakunin.mjs with argv and returning the exit
 * code. Commands live in src/cli/ (see its index.ts).
 *
 * Every command answers `--help` (or `-h`) with its usage and exit 0 before it runs, so help has
 * no side effects; bad arguments are exit 2 naming the flag and why; an unknown command lists the
 * commands, exit 2.
 *
 * The environment is the process's plus the configuration file's (KAKUNIN_ENV_FILE or ./.env, see
 * `withEnvFile` in config.ts), read when a command first asks for it: `--help` and `--version`
 * work whatever the file holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CliError, UsageError } from './cli/args.ts';
import { commands } from './cli/index.ts';
import type { CliIo } from './cli/command.ts';
import { AuditChainError } from './audit/audit.ts';
import { ConfigError, withEnvFile } from './config.ts';

let fileEnv: Record<string, string | undefined> | null = null;
const defaultIo: CliIo = {
  get env() {
    fileEnv ??= withEnvFile(process.env).env;
    return fileEnv;
  },
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The package version (package.json beside src/). */
export function version(): string {
  const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function usage(write: (line: string) => void): void {
  write('usage: kakunin <command> [options]    (kakunin <command> --help for its options)\n');
  for (const c of Object.values(commands)) write(`  ${c.usage}`);
  write('\n  --version                       print the version');
}

/** `--help`/`-h` before a `--`. */
const asksHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

/** Runs one command; resolves to its exit code. A bad environment (or key) is reported, exit 1. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.out(`kakunin ${version()}`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    usage(name === undefined ? io.err : io.out);
    return name === undefined ? 2 : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.err(`unknown command: ${name}`);
    usage(io.err);
    return 2;
  }
  const command = await entry.load();
  if (asksHelp(rest)) {
    io.out(`usage: kakunin ${command.usage}`);
    for (const line of command.help ?? []) io.out(line);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`kakunin ${name}: ${err.message}`);
      io.err(`usage: kakunin ${command.usage}`);
      io.err(`(kakunin ${name} --help for the options)`);
      return 2;
    }
    if (err instanceof CliError) {
      io.err(`kakunin ${name}: ${err.message}`);
      return err.exitCode;
    }
    if (err instanceof ConfigError || err instanceof AuditChainError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}
