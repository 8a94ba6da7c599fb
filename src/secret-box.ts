/**
 * Secrets kept at rest in the database (an employee's Chatwork OAuth tokens), sealed with
 * AES-256-GCM under a subkey of kakunin's secret key (src/secret-key.ts), which never lives in the
 * database: a copy of the database alone reveals no token.
 *
 * Each value is sealed with a fresh 96-bit IV and bound to where it belongs by the associated data
 * (`aad`, e.g. `chatwork-token:access:1000015`): a sealed value copied into another row or field
 * does not open there. Tampering, a wrong key or a wrong `aad` all throw `SealError`.
 *
 * Format: `v1.<iv>.<ciphertext>.<tag>`, each part base64url.
 * @example const box = createSecretBox(key.derive('chatwork-tokens'));
 *   box.open(box.seal('abc', 'x'), 'x') // 'abc'
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value did not open: tampered, another key, or another place (`aad`). */
export class SealError extends Error {
  override readonly name = 'SealError';
}

export interface SecretBox {
  seal(plain: string, aad: string): string;
  open(sealed: string, aad: string): string;
}

/** A box over a 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`secret box: the key must be 32 bytes, not ${key.length}`);
  const material = Buffer.from(key);
  return {
    seal(plain, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv.toString('base64url'), ct.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const parts = sealed.split('.');
      if (parts.length !== 4 || parts[0] !== VERSION) throw new SealError('not a sealed value');
      const [, ivText, ctText, tagText] = parts as [string, string, string, string];
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SealError('not a sealed value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', material, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new SealError('the sealed value does not open with this key here (tampered, another key, or another row)', { cause: err });
      }
    },
  };
}
