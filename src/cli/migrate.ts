/** `kakunin migrate`: applies pending migrations to DATABASE_URL; exit 0 on success, 1 on failure. */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { parseCli } from './args.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  usage: 'migrate                         apply database migrations',
  help: ['Creates the database at DATABASE_URL if it does not exist. Exit 0 on success, 1 on failure.'],
  async run(args, io) {
    parseCli(args, {});
    const config = loadConfig(io.env);
    const handle = openDatabase(config.databasePath);
    try {
      runMigrations(handle.db);
      io.out(`migrated ${config.databasePath}`);
      return 0;
    } catch (err) {
      io.err(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    } finally {
      handle.close();
    }
  },
};
