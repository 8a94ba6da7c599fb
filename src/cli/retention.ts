/**
 * `kakunin retention run [--days N]`: purges now the message bodies of cases resolved more than N
 * days ago (default RETENTION_DAYS), keeping their SHA-256 and the audit chain. `serve` does the
 * same at start and daily; this is for a cron job or a one-off clean-up. Exit 2 when no period is
 * given.
 */
import { openAuditTrail } from '../audit/audit-setup.ts';
import { purgeResolvedBodies } from '../retention/purge.ts';
import { flagHelp, parseCli, UsageError } from './args.ts';
import type { Command } from './command.ts';

import { withDb } from './with-db.ts';

const FLAGS = { days: { type: 'string', minInt: 1, arg: 'N', help: 'purge cases resolved more than N days ago (default RETENTION_DAYS)' } } as const;

export const retentionCommand: Command = {
  usage: 'retention run [--days N]         purge message bodies of cases resolved N days ago (hashes kept)',
  help: flagHelp(FLAGS),
  async run(args, io) {
    const { values } = parseCli(args, { verbs: ['run'], flags: FLAGS });
    return withDb(io.env, async (db, config) => {
      const days = values.days === undefined ? config.retentionDays : Number(values.days);
      if (!Number.isInteger(days) || days < 1) throw new UsageError('no retention period: set RETENTION_DAYS or pass --days N (N ≥ 1)');
      const now = new Date();
      const { trail } = await openAuditTrail(db, config, now);
      const r = await purgeResolvedBodies({ db, audit: trail }, { now, days });
      io.out(
        `retention (${days} days): ${r.reports} reports in ${r.cases} resolved cases purged, ${r.inboundEvents} raw webhook events, ` +
          `${r.signals} signals' evidence, ${r.observables} observables' wording; hashes and audit chain kept; ` +
          (r.wal === 'truncated' ? 'WAL emptied' : 'WAL busy (another process holds it): run again later to empty it'),
      );
      return 0;
    });
  },
};
