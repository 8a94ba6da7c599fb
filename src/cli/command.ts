/** The shape of a CLI subcommand. One file per command in src/cli/, listed in src/cli/index.ts. */
export interface CliIo {
  env: Record<string, string | undefined>;
  /** Standard output, one line at a time. */
  out(line: string): void;
  /** Standard error. */
  err(line: string): void;
}

export interface Command {
  /** One line for usage messages. */
  usage: string;
  /** What `kakunin <command> --help` prints after the usage: options and notes. */
  help?: string[];
  /**
   * Runs with the arguments after the command name; resolves to the exit code. Bad arguments
   * throw a UsageError (exit 2), other refusals a CliError (see args.ts).
   */
  run(args: string[], io: CliIo): Promise<number>;
}
