/** `kakunin audit verify`: recomputes the case-event hash chain; exit 1 naming the first broken row. */
import { verifyAuditChain } from '../cases/audit.ts';
import { parseCli } from './args.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

export const auditCommand: Command = {
  usage: 'audit verify                    check the audit trail hash chain',
  help: ['Recomputes the hash chain of the case events; exit 1 names the first broken row.'],
  async run(args, io) {
    parseCli(args, { verbs: ['verify'] });
    const verdict = await withDb(io.env, (db) => verifyAuditChain(db));
    if (verdict.ok) {
      io.out(`audit chain ok: ${verdict.rows} events`);
      return 0;
    }
    io.err(`audit chain BROKEN at case_events row ${verdict.brokenId}: ${verdict.reason}`);
    return 1;
  },
};
