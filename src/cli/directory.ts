/**
 * `kakunin directory import FILE`: reads a ledger file, JSON (the directory.json format) or CSV (the
 * console's import columns) in UTF-8 or Shift_JIS, and replaces the stored ledger in one
 * transaction. Any invalid row refuses the whole file (the console previews and can skip rows; a
 * script should not half-import), naming each row and field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseLedgerFile } from '../ledger/io.ts';
import { loadDirectory, replaceDirectory } from '../ledger/store.ts';
import { CliError, parseCli } from './args.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

export const directoryCommand: Command = {
  usage: 'directory import FILE           replace the ledger with a directory.json or a ledger CSV',
  help: [
    'FILE is JSON (directory.json) or CSV with the columns of the console export (type, name, kana, role, …);',
    'UTF-8 (with or without BOM) or Shift_JIS (Excel). Any invalid row refuses the whole file.',
  ],
  async run(args, io) {
    const { positionals } = parseCli(args, { verbs: ['import'], positionals: ['FILE'] });
    const file = positionals[0]!;
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.resolve(file));
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return withDb(io.env, async (db) => {
      const current = await loadDirectory(db);
      const parsed = parseLedgerFile(bytes, file, current);
      if (parsed.errors.length > 0) {
        for (const e of parsed.errors) io.err(`${file}: ${parsed.format === 'csv' && e.row !== '-' ? `line ${e.row}` : e.row}: ${e.field}: ${e.message}`);
        io.err(`nothing imported (${parsed.errors.length} problem(s))`);
        return 1;
      }
      const revision = await replaceDirectory(db, parsed.directory, new Date());
      io.out(
        `ledger replaced (revision ${revision}; ${parsed.format.toUpperCase()}, ${parsed.encoding}): ${parsed.directory.people.length} people, ${parsed.directory.counterparties.length} partners`,
      );
      return 0;
    });
  },
};
