/**
 * `kakunin retention run [--days N]`: purges now the message bodies of cases resolved more than N
 * days ago (default RETENTION_DAYS), keeping their SHA-256 and the audit chain. `serve` does the
 * same at start and daily; this is for a cron job or a one-off clean-up. Exit 2 when no period is
 * given.
 */
import { parseArgs } from 'node:util';
import { openAuditTrail } from '../cases/audit-setup.ts';
import { purgeResolvedBodies } from '../retention/purge.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

export const retentionCommand: Command = {
  usage: 'retention run [--days N]         purge message bodies of cases resolved N days ago (hashes kept)',
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { days: { type: 'string' } }, allowPositionals: true });
    } catch (err) {
      io.err(`${err instanceof Error ? err.message : String(err)}\nusage: kakunin ${retentionCommand.usage}`);
      return 2;
    }
    if (parsed.positionals[0] !== 'run') {
      io.err(`usage: kakunin ${retentionCommand.usage}`);
      return 2;
    }
    return withDb(io.env, (db, config) => {
      const days = parsed.values.days === undefined ? config.retentionDays : Number(parsed.values.days);
      if (!Number.isInteger(days) || days < 1) {
        io.err('no retention period: set RETENTION_DAYS or pass --days N (N ≥ 1)');
        return 2;
      }
      const now = new Date();
      const { trail } = openAuditTrail(db, config, now);
      const r = purgeResolvedBodies({ db, audit: trail }, { now, days });
      io.out(
        `retention (${days} days): ${r.reports} reports in ${r.cases} resolved cases purged, ${r.inboundEvents} raw webhook events, ` +
          `${r.signals} signals' evidence, ${r.observables} observables' wording; hashes and audit chain kept; ` +
          (r.wal === 'truncated' ? 'WAL emptied' : 'WAL busy (another process holds it): run again later to empty it'),
      );
      return 0;
    });
  },
};
