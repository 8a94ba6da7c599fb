/**
 * Opens the audit chain of a database for writing: loads kakunin's secret key (src/secret-key.ts;
 * a database whose chain is keyed never gets a fresh key), keys the chain on first use (anchoring
 * the events of a database from before keyed chains), and checks the signed head against the key.
 * Used by `serve` (through the runtime), `migrate` and `retention run`: everything that appends.
 */
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { loadSecretKey, type SecretKey } from '../secret-key.ts';
import { auditChainKeyed, createAuditTrail, keyAuditChain, type AuditTrail } from './audit.ts';

/** What opening did, for the caller to log or print. */
export interface OpenedAuditTrail {
  trail: AuditTrail;
  key: SecretKey;
  /** Set when the chain was keyed just now; `legacyEvents` > 0 when an old chain was anchored. */
  keyedNow: { legacyEvents: number; cases: number } | null;
}

/** Where the key came from, in words (never the key). */
export function describeKeySource(key: SecretKey): string {
  return key.source.kind === 'env' ? 'KAKUNIN_SECRET_KEY' : `key file ${key.source.path}`;
}

/** Loads the key and keys (or checks) the chain of `db`. Throws ConfigError / AuditChainError. */
export async function openAuditTrail(db: Db, config: Pick<Config, 'secretKey' | 'databasePath'>, now: Date): Promise<OpenedAuditTrail> {
  const key = loadSecretKey({ configured: config.secretKey, databasePath: config.databasePath, mayCreate: !(await auditChainKeyed(db)) });
  const auditKey = key.derive('audit-chain');
  const keyedNow = await keyAuditChain(db, auditKey, { now, keySource: describeKeySource(key) });
  return { trail: createAuditTrail(db, auditKey), key, keyedNow };
}
