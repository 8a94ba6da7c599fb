/** `kakunin directory import FILE`: validates a directory.json and replaces the stored ledger in one transaction. */
import fs from 'node:fs';
import { directorySchema } from '../domain/directory.ts';
import { replaceDirectory } from '../ledger/store.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

export const directoryCommand: Command = {
  usage: 'directory import FILE           replace the ledger with a directory.json',
  async run(args, io) {
    const [sub, file] = args;
    if (sub !== 'import' || !file) {
      io.err(`usage: kakunin ${directoryCommand.usage}`);
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      io.err(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    }
    const parsed = directorySchema.safeParse(json);
    if (!parsed.success) {
      for (const i of parsed.error.issues) io.err(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
      return 1;
    }
    const revision = await withDb(io.env, (db) => replaceDirectory(db, parsed.data, new Date()));
    io.out(`ledger replaced (revision ${revision}): ${parsed.data.people.length} people, ${parsed.data.counterparties.length} partners`);
    return 0;
  },
};
