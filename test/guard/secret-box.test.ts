import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, SealError } from '../../src/secret-box.ts';

describe('secret box (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const box = createSecretBox(key);

  it('opens what it sealed, and seals the same text differently each time (fresh IV)', () => {
    const a = box.seal('refresh-token-123', 'chatwork-token:refresh:1');
    const b = box.seal('refresh-token-123', 'chatwork-token:refresh:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('refresh-token-123');
    expect(box.open(a, 'chatwork-token:refresh:1')).toBe('refresh-token-123');
  });

  it('refuses a value moved to another row or field, a tampered one, and another key', () => {
    const sealed = box.seal('access-token', 'chatwork-token:access:1000015');
    expect(() => box.open(sealed, 'chatwork-token:access:1000016')).toThrow(SealError);
    expect(() => box.open(sealed, 'chatwork-token:refresh:1000015')).toThrow(SealError);
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[2]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    expect(() => box.open([parts[0], parts[1], ct.toString('base64url'), parts[3]].join('.'), 'chatwork-token:access:1000015')).toThrow(SealError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'chatwork-token:access:1000015')).toThrow(SealError);
    expect(() => box.open('access-token', 'x')).toThrow(SealError);
  });
});
