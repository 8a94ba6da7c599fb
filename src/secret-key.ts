/**
 * kakunin's secret key: 32 random bytes that never live inside the database, so a copy of the
 * database alone can neither forge the audit chain nor (later) read secrets kept at rest.
 *
 * - `KAKUNIN_SECRET_KEY` (validated in src/config.ts) when set;
 * - otherwise the key file beside the database (`<database>.key`, e.g. `data/kakunin.db.key`),
 *   generated on first start with mode 0600. A key file that the group or others may read, or that
 *   cannot be read, stops the start: a key everyone on the machine can read protects nothing.
 *
 * Each use derives its own subkey (HKDF-SHA256, `derive('audit-chain')`), so one feature's key
 * material never doubles as another's. Add a purpose to KEY_PURPOSES for a new use.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { ConfigError, decodeSecretKey, SECRET_KEY_BYTES } from './config.ts';

/**
 * What subkeys are for; one name per use. `chatwork-tokens` seals the Chatwork OAuth tokens of
 * employees who connected their account (src/secret-box.ts, adapters/chatwork/guard/).
 */
export const KEY_PURPOSES = ['audit-chain', 'chatwork-tokens'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** A loaded key. The raw bytes stay inside; only subkeys come out. */
export interface SecretKey {
  /** Where the key came from (for messages and logs; never the key itself). */
  source: { kind: 'env' } | { kind: 'file'; path: string; created: boolean };
  /** The 32-byte subkey for `purpose`. */
  derive(purpose: KeyPurpose): Buffer;
}

/** The key file of the database at `databasePath`. */
export function keyFilePath(databasePath: string): string {
  return `${databasePath}.key`;
}

function fromBytes(raw: Buffer, source: SecretKey['source']): SecretKey {
  const material = Buffer.from(raw);
  return {
    source,
    derive: (purpose) => Buffer.from(hkdfSync('sha256', material, Buffer.alloc(0), `kakunin/${purpose}`, SECRET_KEY_BYTES)),
  };
}

/** Reads the key file, refusing one others may read. */
function readKeyFile(file: string): Buffer {
  let stat: fs.Stats;
  let text: string;
  try {
    stat = fs.statSync(file);
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  key file ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (!stat.isFile()) throw new ConfigError(`Invalid configuration:\n  key file ${file}: is not a regular file`);
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    const mode = (stat.mode & 0o777).toString(8).padStart(3, '0');
    throw new ConfigError(`Invalid configuration:\n  key file ${file}: mode ${mode} lets the group or others read it; run: chmod 600 ${file}`);
  }
  const key = decodeSecretKey(text);
  if (!key) throw new ConfigError(`Invalid configuration:\n  key file ${file}: does not hold a key of ${SECRET_KEY_BYTES} bytes or more (hex or base64)`);
  return key;
}

/** Writes a new random key, failing if the file appeared meanwhile (two processes starting at once). */
function createKeyFile(file: string): Buffer | null {
  const key = randomBytes(SECRET_KEY_BYTES);
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw new ConfigError(`Invalid configuration:\n  key file ${file}: cannot be created (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    fs.fchmodSync(fd, 0o600);
    fs.writeSync(fd, `${key.toString('base64')}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return key;
}

/**
 * The key: from `configured` (KAKUNIN_SECRET_KEY, decoded by the config), else from the key file
 * beside the database, created when it does not exist and `mayCreate` (a database whose audit
 * chain is already keyed must not get a fresh key: nothing would verify).
 */
export function loadSecretKey(opts: { configured: Buffer | null; databasePath: string; mayCreate: boolean }): SecretKey {
  if (opts.configured) return fromBytes(opts.configured, { kind: 'env' });
  const file = keyFilePath(opts.databasePath);
  if (!fs.existsSync(file)) {
    if (!opts.mayCreate) {
      throw new ConfigError(
        `Invalid configuration:\n  KAKUNIN_SECRET_KEY: not set, and the key file ${file} does not exist, but this database's audit chain is keyed: ` +
          'restore the key file (or set KAKUNIN_SECRET_KEY to the key); a new key could verify nothing',
      );
    }
    const created = createKeyFile(file);
    if (created) return fromBytes(created, { kind: 'file', path: file, created: true });
  }
  return fromBytes(readKeyFile(file), { kind: 'file', path: file, created: false });
}
