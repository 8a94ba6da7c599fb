/** The guard's and the watch's settings: all or nothing, validated at start, naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { DATABASE_URL: 'file:/tmp/k.db' };
const bot = { CHATWORK_API_TOKEN: 'bot-token', CHATWORK_WEBHOOK_TOKENS: 'dG9rZW4=' };
const guard = { ...bot, PUBLIC_URL: 'https://kakunin.example.com', CHATWORK_OAUTH_CLIENT_ID: 'id', CHATWORK_OAUTH_CLIENT_SECRET: 'secret' };
const fails = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('contact-request guard settings', () => {
  it('off without any of its variables; on with the defaults of the issue', () => {
    expect(loadConfig(base).chatwork.guard).toBeNull();
    expect(loadConfig({ ...base, ...guard }).chatwork.guard).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      authorizeUrl: 'https://www.chatwork.com/packages/oauth2/login.php',
      tokenUrl: 'https://oauth.chatwork.com/token',
      revokeUrl: null,
      redirectUri: 'https://kakunin.example.com/chatwork/oauth/callback',
      pollMs: 60_000,
      autoDecline: false,
    });
    expect(loadConfig({ ...base, ...guard, CHATWORK_REQUESTS_POLL_SECONDS: '120', CHATWORK_REQUESTS_AUTO_DECLINE: 'true' }).chatwork.guard).toMatchObject({ pollMs: 120_000, autoDecline: true });
  });

  it('any one of its variables without the rest names what is missing', () => {
    const m = fails({ CHATWORK_REQUESTS_AUTO_DECLINE: 'true' });
    for (const v of ['CHATWORK_OAUTH_CLIENT_ID', 'CHATWORK_OAUTH_CLIENT_SECRET', 'CHATWORK_API_TOKEN', 'PUBLIC_URL']) expect(m).toContain(v);
    expect(fails({ ...guard, CHATWORK_OAUTH_CLIENT_SECRET: '' })).toMatch(/CHATWORK_OAUTH_CLIENT_SECRET: required/);
    expect(fails({ ...guard, PUBLIC_URL: '' })).toMatch(/PUBLIC_URL: required/);
  });

  it('bad values name the variable', () => {
    expect(fails({ ...guard, CHATWORK_REQUESTS_POLL_SECONDS: '3' })).toContain('CHATWORK_REQUESTS_POLL_SECONDS');
    expect(fails({ ...guard, CHATWORK_REQUESTS_AUTO_DECLINE: 'maybe' })).toContain('CHATWORK_REQUESTS_AUTO_DECLINE');
    expect(fails({ ...guard, CHATWORK_OAUTH_TOKEN_URL: 'not a url' })).toContain('CHATWORK_OAUTH_TOKEN_URL');
  });
});

describe('finance-room watch settings', () => {
  it('off without CHATWORK_WATCH_ROOMS; on with rooms, 30 s and medium by default', () => {
    expect(loadConfig(base).chatwork.watch).toBeNull();
    expect(loadConfig({ ...base, ...bot, CHATWORK_WATCH_ROOMS: '123, 456,123' }).chatwork.watch).toEqual({ rooms: ['123', '456'], pollMs: 30_000, minVerdict: 'medium' });
  });

  it('its other variables alone, a missing bot token, bad room ids or a bad threshold name the variable', () => {
    expect(fails({ ...bot, CHATWORK_WATCH_MIN_VERDICT: 'high' })).toMatch(/CHATWORK_WATCH_ROOMS: required/);
    expect(fails({ CHATWORK_WATCH_ROOMS: '123' })).toMatch(/CHATWORK_API_TOKEN: required/);
    expect(fails({ ...bot, CHATWORK_WATCH_ROOMS: '12a' })).toContain('CHATWORK_WATCH_ROOMS');
    expect(fails({ ...bot, CHATWORK_WATCH_ROOMS: '123', CHATWORK_WATCH_MIN_VERDICT: 'none' })).toContain('CHATWORK_WATCH_MIN_VERDICT');
  });

  it('polling that would spend more than Chatwork allows the bot token is refused at start', () => {
    const rooms = Array.from({ length: 25 }, (_, i) => String(1000 + i)).join(',');
    expect(fails({ ...bot, CHATWORK_WATCH_ROOMS: rooms, CHATWORK_WATCH_POLL_SECONDS: '30' })).toMatch(/CHATWORK_WATCH_POLL_SECONDS: 25 rooms every 30 s is 250 requests/);
    expect(loadConfig({ ...base, ...bot, CHATWORK_WATCH_ROOMS: rooms, CHATWORK_WATCH_POLL_SECONDS: '60' }).chatwork.watch?.rooms).toHaveLength(25);
  });
});
