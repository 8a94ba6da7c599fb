/**
 * `kakunin audit verify`: recomputes the keyed case-event chain and checks it against its signed
 * head; exit 1 naming the first broken row (or the head). Read-only: it never creates a key or
 * keys a chain. A database from before keyed chains is checked the old way and reported as not
 * keyed (exit 1: anyone can recompute an unkeyed chain); `serve` or `migrate` keys it.
 */
import { auditChainKeyed, createAuditTrail, verifyLegacyChain } from '../audit/audit.ts';
import { describeKeySource } from '../audit/audit-setup.ts';
import { loadSecretKey } from '../secret-key.ts';
import { parseCli } from './args.ts';
import type { Command } from './command.ts';
import { withDb } from './with-db.ts';

export const auditCommand: Command = {
  usage: 'audit verify                    check the audit trail hash chain',
  help: ['Recomputes the keyed hash chain of the case events and checks it against its signed head; exit 1 names the first broken row. Read-only: never creates a key.'],
  async run(args, io) {
    parseCli(args, { verbs: ['verify'] });
    return withDb(io.env, async (db, config) => {
      if (!(await auditChainKeyed(db))) {
        const legacy = await verifyLegacyChain(db);
        if (legacy.ok && legacy.rows === 0) {
          io.out('audit chain ok: 0 events (not keyed yet: the first start of serve keys it)');
          return 0;
        }
        if (legacy.ok) {
          io.err(`audit chain NOT KEYED: ${legacy.rows} events with unkeyed hashes, which anyone can recompute; they link up, but that proves little. Run kakunin migrate (or start serve) to key and anchor them`);
        } else {
          io.err(`audit chain BROKEN at case_events row ${legacy.brokenId}: ${legacy.reason} (and not keyed)`);
        }
        return 1;
      }
      const key = loadSecretKey({ configured: config.secretKey, databasePath: config.databasePath, mayCreate: false });
      const verdict = await createAuditTrail(db, key.derive('audit-chain')).verify();
      if (verdict.ok) {
        const h = verdict.head!;
        io.out(
          `audit chain ok: ${verdict.rows} events; signed head ${h.lastHash} (key: ${describeKeySource(key)}; keyed ${h.keyedAt}` +
            `${h.legacyEvents > 0 ? `, anchoring ${h.legacyEvents} events from before keyed chains` : ''})`,
        );
        return 0;
      }
      io.err(`audit chain BROKEN at ${verdict.brokenId === null ? 'the signed head' : `case_events row ${verdict.brokenId}`}: ${verdict.reason}`);
      return 1;
    });
  },
};
