/**
 * SSO configuration is validated at start (no browser): all or nothing, an explicit PUBLIC_URL,
 * https:// unless OIDC_ALLOW_INSECURE_ISSUER=true, a role map that parses, scopes with openid,
 * LOCAL_ACCOUNTS=false only with SSO; and `serve` stops on an unreachable issuer, naming its URL,
 * before it listens.
 */
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimValues, parseRoleMap, roleFor } from '../src/domain/role-map.ts';
import { ConfigError, loadConfig } from '../src/config.ts';
import { main } from '../src/main.ts';
import { createRuntime } from '../src/runtime.ts';
import { startServer } from '../src/server.ts';
import { tempDir, testConfig } from './helpers.ts';

const OIDC = {
  PUBLIC_URL: 'https://kakunin.example.co.jp',
  OIDC_ISSUER: 'https://login.example.com/tenant/v2.0',
  OIDC_CLIENT_ID: 'kakunin',
  OIDC_CLIENT_SECRET: 's3cret-value',
  OIDC_ROLE_MAP: 'kakunin-admins=admin,kakunin-legal=responder,*=viewer',
};

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe('SSO configuration', () => {
  it('is off without OIDC_*, and complete with the four variables and PUBLIC_URL', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const c = loadConfig(OIDC).oidc!;
    expect(c).toMatchObject({
      issuer: OIDC.OIDC_ISSUER,
      clientId: 'kakunin',
      scopes: ['openid', 'profile', 'email'],
      roleClaim: 'groups',
      allowInsecureIssuer: false,
      redirectUri: 'https://kakunin.example.co.jp/signin/oidc/callback',
      postLogoutRedirectUri: 'https://kakunin.example.co.jp/signin',
    });
    expect(c.roleMap.fallback).toBe('viewer');
    expect(loadConfig({ ...OIDC, OIDC_SCOPES: 'openid email', OIDC_ROLE_CLAIM: 'roles' }).oidc).toMatchObject({ scopes: ['openid', 'email'], roleClaim: 'roles' });
  });

  it('is all or nothing: a partial set names every missing variable', () => {
    const msg = configError({ OIDC_ISSUER: OIDC.OIDC_ISSUER, PUBLIC_URL: OIDC.PUBLIC_URL });
    expect(msg).toContain('OIDC_CLIENT_ID: required');
    expect(msg).toContain('OIDC_CLIENT_SECRET: required');
    expect(msg).toContain('OIDC_ROLE_MAP: required');
    expect(msg).not.toContain('OIDC_ISSUER: required');
    expect(configError({ OIDC_SCOPES: 'openid' })).toContain('OIDC_ISSUER: required');
    const { PUBLIC_URL: _, ...noPublicUrl } = OIDC;
    expect(configError(noPublicUrl)).toContain('PUBLIC_URL: required with OIDC');
  });

  it('refuses an http:// issuer unless OIDC_ALLOW_INSECURE_ISSUER=true, and other schemes always', () => {
    expect(configError({ ...OIDC, OIDC_ISSUER: 'http://idp.example.com' })).toContain('OIDC_ISSUER: must be https:// (http://idp.example.com)');
    expect(loadConfig({ ...OIDC, OIDC_ISSUER: 'http://127.0.0.1:9999', OIDC_ALLOW_INSECURE_ISSUER: 'true' }).oidc!.allowInsecureIssuer).toBe(true);
    expect(configError({ ...OIDC, OIDC_ISSUER: 'ftp://idp.example.com', OIDC_ALLOW_INSECURE_ISSUER: 'true' })).toContain('OIDC_ISSUER: must be an https:// URL');
    expect(configError({ ...OIDC, OIDC_ISSUER: 'not a url' })).toContain('OIDC_ISSUER');
  });

  it('names OIDC_ROLE_MAP and OIDC_SCOPES when they are wrong', () => {
    expect(configError({ ...OIDC, OIDC_ROLE_MAP: 'kakunin-admins=superuser' })).toMatch(/OIDC_ROLE_MAP: "kakunin-admins=superuser": role must be one of viewer, responder, admin/);
    expect(configError({ ...OIDC, OIDC_ROLE_MAP: 'kakunin-admins' })).toMatch(/OIDC_ROLE_MAP: "kakunin-admins" is not value=role/);
    expect(configError({ ...OIDC, OIDC_ROLE_MAP: 'a=admin,a=viewer' })).toMatch(/OIDC_ROLE_MAP: "a" is mapped twice/);
    expect(configError({ ...OIDC, OIDC_ROLE_MAP: ' , ' })).toMatch(/OIDC_ROLE_MAP: must name at least one group/);
    expect(configError({ ...OIDC, OIDC_SCOPES: 'profile email' })).toMatch(/OIDC_SCOPES: must include openid/);
    expect(configError({ ...OIDC, OIDC_ROLE_CLAIM: 'groups; drop' })).toMatch(/OIDC_ROLE_CLAIM/);
  });

  it('LOCAL_ACCOUNTS=false needs SSO; it is on by default', () => {
    expect(loadConfig({}).web.localAccounts).toBe(true);
    expect(configError({ LOCAL_ACCOUNTS: 'false' })).toContain('LOCAL_ACCOUNTS: false needs OIDC_*');
    expect(loadConfig({ ...OIDC, LOCAL_ACCOUNTS: 'false' }).web.localAccounts).toBe(false);
  });

  it('maps groups to the highest role, then *, else refuses', () => {
    const map = parseRoleMap('kakunin-admins=admin, kakunin-legal=responder');
    expect(roleFor(map, ['kakunin-legal', 'kakunin-admins'])).toBe('admin');
    expect(roleFor(map, ['kakunin-legal'])).toBe('responder');
    expect(roleFor(map, ['sales'])).toBeNull();
    expect(roleFor(map, [])).toBeNull();
    expect(roleFor(parseRoleMap('kakunin-admins=admin,*=viewer'), ['sales'])).toBe('viewer');
    // Values are compared exactly: no case folding, no prefixes.
    expect(roleFor(map, ['Kakunin-Admins', 'kakunin-admins-old'])).toBeNull();
    // LDAP-style names keep their '=': the role is after the last one.
    expect(roleFor(parseRoleMap('cn=kakunin=admin'), ['cn=kakunin'])).toBe('admin');
    expect(claimValues('kakunin-admins')).toEqual(['kakunin-admins']);
    expect(claimValues(['a', 1, 'b', null])).toEqual(['a', 'b']);
    expect(claimValues(undefined)).toEqual([]);
  });
});

describe('SSO at start', () => {
  it('an unreachable issuer stops the start with its URL, before anything listens', async () => {
    const port = await closedPort();
    const issuer = `http://127.0.0.1:${port}/realms/corp`;
    const config = testConfig(tempDir(), { ...OIDC, OIDC_ISSUER: issuer, OIDC_ALLOW_INSECURE_ISSUER: 'true', PORT: '0' });
    const err = await startServer(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(`OIDC_ISSUER: discovery failed for ${issuer} (${issuer}/.well-known/openid-configuration)`);

    // Through the CLI: exit 1, the message on stderr, and the port it would have used stays free.
    const kakuninPort = await closedPort();
    const errors: string[] = [];
    const dir = tempDir();
    const code = await main(['serve'], {
      env: { ...OIDC, OIDC_ISSUER: issuer, OIDC_ALLOW_INSECURE_ISSUER: 'true', PORT: String(kakuninPort), DATABASE_URL: `file:${path.join(dir, 'k.db')}`, LOG_LEVEL: 'silent' },
      out: () => undefined,
      err: (l) => errors.push(l),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain(issuer);
    const probe = net.connect(kakuninPort, '127.0.0.1');
    expect(await new Promise((resolve) => probe.once('error', () => resolve('refused')).once('connect', () => resolve('open')))).toBe('refused');
    probe.destroy();
  });

  it('a runtime with OIDC configured but no discovered provider is refused at construction', async () => {
    const config = testConfig(tempDir(), OIDC);
    await expect(createRuntime(config)).rejects.toThrow(/OIDC_ISSUER: set, but the provider was not discovered/);
  });
});
