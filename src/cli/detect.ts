/**
 * `kakunin detect --directory FILE [--input FILE]`: JSONL in (stdin without --input), one JSON
 * result per line out. Exit 1 if any line could not be analysed, 2 on bad arguments.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { detectLine } from '../detection/batch.ts';
import { readDirectoryFile } from '../ledger/file.ts';
import type { Command } from './command.ts';

export const detectCommand: Command = {
  usage: 'detect --directory FILE [--input FILE]   score JSONL reports (stdin by default)',
  async run(args, io) {
    let values: { directory?: string; input?: string };
    try {
      ({ values } = parseArgs({ args, options: { directory: { type: 'string' }, input: { type: 'string' } } }));
    } catch (err) {
      io.err(`${err instanceof Error ? err.message : String(err)}\nusage: kakunin ${detectCommand.usage}`);
      return 2;
    }
    if (!values.directory) {
      io.err(`--directory is required\nusage: kakunin ${detectCommand.usage}`);
      return 2;
    }
    let directory;
    try {
      directory = readDirectoryFile(values.directory);
    } catch (err) {
      io.err(`cannot use the directory: ${err instanceof Error ? err.message : String(err)}`);
      return 2;
    }
    const input = values.input ? fs.createReadStream(values.input, 'utf8') : process.stdin;
    let failed = 0;
    let lineNumber = 0;
    for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const result = detectLine(line, lineNumber, directory);
      if (!result.ok) failed += 1;
      io.out(JSON.stringify(result.output));
    }
    return failed > 0 ? 1 : 0;
  },
};
