/**
 * `kakunin migrate`: applies pending migrations to DATABASE_URL, then keys the audit chain if it is
 * not keyed yet (generating the key file beside the database unless KAKUNIN_SECRET_KEY is set, and
 * anchoring the events of a database from before keyed chains); exit 0 on success, 1 on failure.
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { runMigrations } from '../db/migrate.ts';
import { parseCli } from './args.ts';
import { describeKeySource, openAuditTrail } from '../audit/audit-setup.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  usage: 'migrate                         apply database migrations',
  help: ['Creates the database at DATABASE_URL if it does not exist, then keys the audit chain (generating the key file beside the database unless KAKUNIN_SECRET_KEY is set). Exit 0 on success, 1 on failure.'],
  async run(args, io) {
    parseCli(args, {});
    const config = loadConfig(io.env);
    const handle = openDatabase(config.databasePath);
    try {
      await runMigrations(handle.db);
      io.out(`migrated ${config.databasePath}`);
      const { key, keyedNow } = await openAuditTrail(handle.db, config, new Date());
      if (key.source.kind === 'file' && key.source.created) io.out(`secret key generated: ${key.source.path} (mode 0600); back it up with the database`);
      if (keyedNow) {
        io.out(
          `audit chain keyed with ${describeKeySource(key)}` +
            (keyedNow.legacyEvents > 0 ? `: ${keyedNow.legacyEvents} earlier events verified and anchored, audit_keyed added to ${keyedNow.cases} cases` : ''),
        );
      }
      return 0;
    } catch (err) {
      io.err(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
      return 1;
    } finally {
      await handle.close();
    }
  },
};
