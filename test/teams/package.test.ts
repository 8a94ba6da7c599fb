import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../adapters/teams/tools/package.ts';
import { testRuntime } from '../helpers.ts';
import { unzip } from './unzip.ts';

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

  it("the manifest's privacy and terms links are pages kakunin serves, to anyone, as plain text", async () => {
    const manifest = JSON.parse(unzip(buildTeamsPackage('12345678-1234-1234-1234-123456789abc', 'https://kakunin.example.co.jp')).get('manifest.json')!.toString('utf8'));
    const rt = await testRuntime();
    try {
      for (const [link, heading] of [
        [manifest.developer.privacyUrl, 'プライバシー'],
        [manifest.developer.termsOfUseUrl, '利用条件'],
      ] as const) {
        const url = new URL(link);
        expect(url.origin).toBe('https://kakunin.example.co.jp');
        const res = await rt.app.request(url.pathname); // no session, no token
        expect(res.status, url.pathname).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const text = await res.text();
        expect(text).toContain(heading);
        expect(text).toContain('kakunin');
      }
    } finally {
      await rt.close();
    }
  });

  it("a company's own privacy and terms pages may be linked instead (https only)", () => {
    const files = unzip(buildTeamsPackage('12345678-1234-1234-1234-123456789abc', 'https://kakunin.example.co.jp', { privacyUrl: 'https://corp.example.co.jp/privacy', termsUrl: 'https://corp.example.co.jp/terms' }));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.developer).toMatchObject({ privacyUrl: 'https://corp.example.co.jp/privacy', termsOfUseUrl: 'https://corp.example.co.jp/terms' });
    expect(() => buildTeamsPackage('12345678-1234-1234-1234-123456789abc', 'https://k.example', { privacyUrl: 'http://corp.example/p' })).toThrow(/--privacy-url must be https/);
  });
});
