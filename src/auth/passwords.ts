/**
 * Password hashing with node:crypto scrypt (N=2^15, r=8, p=1, 16-byte salt, 32-byte key), stored
 * as `scrypt$N$r$p$saltB64$hashB64` so the cost can be raised later without breaking old hashes.
 * Verification recomputes with the stored parameters and compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 1 << 15;
const R = 8;
const P = 1;
const KEY_LEN = 32;
/** Room for N=2^15, r=8 (32 MiB) plus headroom. */
const MAX_MEM = 64 * 1024 * 1024;

/** Shortest password accepted by `kakunin user create` and the admin page. */
export const MIN_PASSWORD_LENGTH = 12;

function scryptAsync(password: string, salt: Buffer, keyLen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, keyLen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Hashes `password` with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LEN, { N, r: R, p: P, maxmem: MAX_MEM });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches `stored`; false for a malformed hash (never throws on bad input). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!n || !r || !p || expected.length === 0 || n > 1 << 20) return false;
  const key = await scryptAsync(password, salt, expected.length, { N: n, r, p, maxmem: MAX_MEM });
  return timingSafeEqual(key, expected);
}

/**
 * Password checks that may run at once in this process. scrypt runs on libuv's thread pool (four
 * threads unless UV_THREADPOOL_SIZE says otherwise) and holds 32 MiB while it runs; more at once
 * only queue behind each other while holding their memory and their sockets.
 */
export const PASSWORD_CHECK_SLOTS = 4;
let checksRunning = 0;

/**
 * A slot for one password check, or null when every slot is taken. Full means answer "busy" (429)
 * at once rather than queue: a flood then costs the server nothing, while queued checks would make
 * everyone (the real user too) wait behind it; a person who meets it just presses the button again.
 * The slot must be given back with `release()`, in a `finally`.
 */
export function tryPasswordSlot(): { release(): void } | null {
  if (checksRunning >= PASSWORD_CHECK_SLOTS) return null;
  checksRunning += 1;
  let held = true;
  return {
    release() {
      if (held) checksRunning -= 1;
      held = false;
    },
  };
}

/** A hash of a random password: checked against when the user name is unknown, so timing does not reveal which names exist. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/** A random password for `user create` without one: 20 characters of base64url (120 bits). */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}
