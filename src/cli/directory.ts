/** `kakunin directory import FILE`: validates a directory.json and replaces the stored ledger in one transaction. */
import { readDirectoryFile } from '../ledger/file.ts';
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
    let directory;
    try {
      directory = readDirectoryFile(file);
    } catch (err) {
      for (const line of (err instanceof Error ? err.message : String(err)).split('\n')) io.err(line);
      return 1;
    }
    const revision = await withDb(io.env, (db) => replaceDirectory(db, directory, new Date()));
    io.out(`ledger replaced (revision ${revision}): ${directory.people.length} people, ${directory.counterparties.length} partners`);
    return 0;
  },
};
