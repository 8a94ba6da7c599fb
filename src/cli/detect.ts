/**
 * `kakunin detect --directory FILE [--input FILE]`: JSONL in (stdin without --input), one JSON
 * result per line out. Exit 1 if any line could not be analysed, 2 on bad arguments.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { ruleSet } from '../../rules/index.ts';
import { detectLine } from '../detection/batch.ts';
import { createDetector } from '../detection/engine.ts';
import { readDirectoryFile } from '../ledger/file.ts';
import { CliError, flagHelp, parseCli } from './args.ts';
import type { Command } from './command.ts';

/** Every rule in rules/index.ts. */
const detect = createDetector(ruleSet);

const FLAGS = {
  directory: { type: 'string', required: true, arg: 'FILE', help: 'the ledger (directory.json) to check senders against' },
  input: { type: 'string', arg: 'FILE', help: 'JSONL reports, one {"id","report"} per line (default: standard input)' },
} as const;

export const detectCommand: Command = {
  usage: 'detect --directory FILE [--input FILE]   score JSONL reports (stdin by default)',
  help: [...flagHelp(FLAGS), '', 'Writes one {"id","verdict","score","signals"} per line; exit 1 if any line could not be analysed.'],
  async run(args, io) {
    const { values } = parseCli(args, { flags: FLAGS });
    let directory;
    try {
      directory = readDirectoryFile(values.directory!);
    } catch (err) {
      throw new CliError(`cannot use the directory: ${err instanceof Error ? err.message : String(err)}`, 2);
    }
    if (values.input && !fs.existsSync(values.input)) throw new CliError(`cannot read ${values.input}: no such file`, 2);
    const input = values.input ? fs.createReadStream(values.input, 'utf8') : process.stdin;
    let failed = 0;
    let lineNumber = 0;
    for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const result = detectLine(line, lineNumber, directory, detect);
      if (!result.ok) failed += 1;
      io.out(JSON.stringify(result.output));
    }
    return failed > 0 ? 1 : 0;
  },
};
