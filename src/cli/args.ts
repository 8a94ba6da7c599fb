/**
 * Command-line arguments for every `kakunin` command, parsed one way: flags are declared once
 * (their type, allowed values and a line of help), anything else is a `UsageError` that names the
 * flag and says why, and `main` answers it with exit 2 and the command's usage. `--help` never
 * reaches a command (see main.ts), so it can't have side effects.
 */
import { parseArgs } from 'node:util';

/** A command can't go on: `main` prints the message and exits with `exitCode` (1 unless said). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments: `main` prints the message and the usage, exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** The value is one of these. */
  values?: readonly string[];
  /** The value is a whole number of at least this. */
  minInt?: number;
  required?: boolean;
  /** One line for --help, e.g. 'token name shown in the console'. */
  help: string;
  /** Placeholder in the help, e.g. 'N'. */
  arg?: string;
}
export type FlagSpecs = Record<string, FlagSpec>;

export interface CliSpec<F extends FlagSpecs> {
  /** Words that must come first, e.g. ['create'] for `token create`. */
  verbs?: readonly string[];
  /** Names of the positional arguments after the verbs (all required). */
  positionals?: readonly string[];
  flags?: F;
}

type Values<F extends FlagSpecs> = { [K in keyof F]: F[K]['type'] extends 'boolean' ? boolean | undefined : string | undefined };

const flagList = (flags: FlagSpecs) => Object.keys(flags).map((f) => `--${f}`).join(', ') || 'none';

/**
 * Parses `args` by `spec`, or throws a UsageError.
 * @example parseCli(['create', '--nme', 'x'], { verbs: ['create'], flags: { name: { type: 'string', help: '…' } } })
 *   // throws UsageError('unknown option --nme (options: --name)')
 */
export function parseCli<F extends FlagSpecs>(args: string[], spec: CliSpec<F>): { values: Values<F>; positionals: string[] } {
  const flags = (spec.flags ?? {}) as F;
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: Object.fromEntries(Object.entries(flags).map(([k, f]) => [k, { type: f.type }])),
    });
  } catch (err) {
    throw new UsageError(describeParseError(err, flags));
  }
  const verbs = spec.verbs ?? [];
  const names = spec.positionals ?? [];
  const words = parsed.positionals;
  verbs.forEach((verb, i) => {
    if (words[i] !== verb) throw new UsageError(words[i] === undefined ? `missing the word "${verb}"` : `unknown subcommand "${words[i]}" (expected "${verb}")`);
  });
  const rest = words.slice(verbs.length);
  if (rest.length < names.length) throw new UsageError(`missing ${names.slice(rest.length).join(' and ')}`);
  if (rest.length > names.length) throw new UsageError(`unexpected argument "${rest[names.length]}"`);
  for (const [name, f] of Object.entries(flags)) {
    const v = parsed.values[name];
    if (v === undefined) {
      if (f.required) throw new UsageError(`--${name} is required (${f.help})`);
      continue;
    }
    if (typeof v !== 'string') continue;
    if (f.values && !f.values.includes(v)) throw new UsageError(`--${name} ${JSON.stringify(v)} is not allowed: use one of ${f.values.join(', ')}`);
    if (f.minInt !== undefined && !(/^\d+$/.test(v) && Number(v) >= f.minInt)) throw new UsageError(`--${name} ${JSON.stringify(v)} is not a whole number of at least ${f.minInt}`);
    if (f.type === 'string' && v.trim() === '') throw new UsageError(`--${name} is empty`);
  }
  return { values: parsed.values as Values<F>, positionals: rest };
}

/** Node's parseArgs messages, said for a person (which flag, what is wrong). */
function describeParseError(err: unknown, flags: FlagSpecs): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const flag = /'(-{1,2}[^'\s]*)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flag} (options: ${flagList(flags)})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message) ? `${flag.split(/[ ,]/)[0]} needs a value` : `${flag} takes no value`;
    default:
      return message;
  }
}

/** The option lines of a command's help. */
export function flagHelp(flags: FlagSpecs | undefined): string[] {
  return Object.entries(flags ?? {}).map(([name, f]) => {
    const left = `  --${name}${f.type === 'string' ? ` ${f.arg ?? (f.values ? f.values.join('|') : 'VALUE')}` : ''}`;
    return `${left.padEnd(34)} ${f.help}${f.required ? ' (required)' : ''}`;
  });
}
