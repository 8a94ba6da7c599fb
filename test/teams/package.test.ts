import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../adapters/teams/tools/package.ts';
import { crc32 } from '../../adapters/teams/tools/zip.ts';

/** Reads a ZIP by its central directory (independent of the writer's bookkeeping), checking CRCs. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const [method, crc, csize, size, nlen, elen, clen, local] = [buf.readUInt16LE(p + 10), buf.readUInt32LE(p + 16), buf.readUInt32LE(p + 20), buf.readUInt32LE(p + 24), buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32), buf.readUInt32LE(p + 42)];
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = method === 8 ? zlib.inflateRawSync(buf.subarray(start, start + csize)) : buf.subarray(start, start + csize);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    out.set(name, data);
    p += 46 + nlen + elen + clen;
  }
  return out;
}

describe('Teams app package', () => {
  it('zips the manifest (app id and URLs filled in) and both icons at the sizes Teams wants', () => {
    const files = unzip(buildTeamsPackage('12345678-ABCD-1234-1234-123456789ABC', 'https://kakunin.example.co.jp/'));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).toMatchObject({ manifestVersion: '1.17', id: '12345678-abcd-1234-1234-123456789abc', validDomains: ['kakunin.example.co.jp'] });
    expect(manifest.bots[0]).toMatchObject({ botId: manifest.id, scopes: ['team', 'groupChat'] });
    expect(manifest.developer.privacyUrl).toBe('https://kakunin.example.co.jp/privacy');
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    const size = (png: Buffer) => [png.readUInt32BE(16), png.readUInt32BE(20)];
    expect(size(files.get('color.png')!)).toEqual([192, 192]);
    expect(size(files.get('outline.png')!)).toEqual([32, 32]);
  });

  it('refuses an app id that is not a GUID and a URL that is not https', () => {
    expect(() => buildTeamsPackage('kakunin', 'https://x.example')).toThrow(/GUID/);
    expect(() => buildTeamsPackage('12345678-1234-1234-1234-123456789abc', 'http://x.example')).toThrow(/https/);
  });
});
