/**
 * CLI entry: `kakunin <command> …`, called by bin/kakunin.mjs with argv and returning the exit
 * code. Commands live in src/cli/ (see its index.ts).
 */
import { commands } from './cli/index.ts';
import type { CliIo } from './cli/command.ts';
import { AuditChainError } from './cases/audit.ts';
import { ConfigError } from './config.ts';

const defaultIo: CliIo = {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function usage(io: CliIo): void {
  io.err('usage: kakunin <command>\n');
  for (const c of Object.values(commands)) io.err(`  ${c.usage}`);
}

/** Runs one command; resolves to its exit code. A bad environment (or key) is reported, exit 1. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  const entry = name ? commands[name] : undefined;
  if (!entry) {
    if (name && name !== 'help' && name !== '--help') io.err(`unknown command: ${name}`);
    usage(io);
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof AuditChainError) {
      io.err(err.message);
      return 1;
    }
    throw err;
  }
}
