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
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}
