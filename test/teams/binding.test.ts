import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { ADMIN, botAdded, botRemoved, CHANNEL, mention, post, TENANT } from './activities.ts';
import { FakeConnector } from './fake-connector.ts';

let rt: TestRuntime;
let fake: FakeConnector;
beforeEach(async () => {
  fake = await new FakeConnector().start();
});
afterEach(async () => {
  await rt?.close();
  await fake.close();
});

// Unauthenticated development mode: botbuilder accepts unsigned activities and, without an app
// id, calls the connector without a token (login.microsoftonline.com is unreachable here).
// The test channel is allow-listed (approved at once); test/teams/approval.test.ts covers pending bindings.
const devEnv = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', CONSOLE_NOTIFIER: 'false', TEAMS_ALLOWED_IDS: CHANNEL };
const bindings = (r: TestRuntime) => r.handle.sqlite.prepare('select * from teams_bindings order by id').all() as Record<string, unknown>[];

describe('Teams: binding channels', () => {
  it('development mode logs a loud warning at start', async () => {
    rt = await testRuntime({ env: devEnv });
    const warning = rt.log.lines.find((l) => String(l.msg).includes('TEAMS IS RUNNING UNAUTHENTICATED'));
    expect(warning).toMatchObject({ level: 40 });
  });

  it('the bot added to a team channel binds that conversation and says so in the channel', async () => {
    rt = await testRuntime({ env: devEnv });
    const res = await rt.app.request('/api/messages', post(botAdded(fake.url)));
    expect(res.status).toBe(200);
    expect(bindings(rt)).toMatchObject([
      { id: 1, conversation_id: CHANNEL, service_url: fake.url, tenant_id: TENANT, bot_id: '28:kakunin-bot-id', source: 'installed', bound_by_name: ADMIN.name, removed_at: null },
    ]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', conversationId: CHANNEL, authorization: undefined });
    expect(String(fake.requests[0]!.body.text)).toContain('エスカレーション先に登録しました');
  });

  it('"@kakunin bind" binds, "@kakunin unbind" removes, binding again revives the same target', async () => {
    rt = await testRuntime({ env: devEnv });
    expect((await rt.app.request('/api/messages', post(mention(fake.url, 'bind')))).status).toBe(200);
    expect(bindings(rt)).toMatchObject([{ id: 1, source: 'command', removed_at: null }]);
    await rt.app.request('/api/messages', post(mention(fake.url, 'unbind')));
    expect(bindings(rt)[0]!.removed_at).toBe('2026-01-07T00:00:00.000Z');
    await rt.app.request('/api/messages', post(mention(fake.url, 'BIND')));
    expect(bindings(rt)).toMatchObject([{ id: 1, removed_at: null }]);
    expect(fake.of('reply').map((r) => String(r.body.text).split('\n')[0])).toEqual([
      'このチャネルを kakunin のエスカレーション先に登録しました。詐欺の疑いがある報告はここにカードで届きます。',
      'このチャネルへのエスカレーションを停止しました。',
      'このチャネルを kakunin のエスカレーション先に登録しました。詐欺の疑いがある報告はここにカードで届きます。',
    ]);
  });

  it('refuses to bind a personal chat, and answers other words with help', async () => {
    rt = await testRuntime({ env: devEnv });
    await rt.app.request('/api/messages', post(mention(fake.url, 'bind', { personal: true })));
    await rt.app.request('/api/messages', post(mention(fake.url, 'hello')));
    expect(countRows(rt, 'teams_bindings')).toBe(0);
    expect(String(fake.requests[0]!.body.text)).toContain('チャネルかグループチャット');
    expect(String(fake.requests[1]!.body.text)).toContain('@kakunin bind');
  });

  it('with TEAMS_APP_TENANT_ID set, another tenant cannot bind', async () => {
    rt = await testRuntime({ env: { ...devEnv, TEAMS_APP_TENANT_ID: TENANT } });
    await rt.app.request('/api/messages', post(mention(fake.url, 'bind', { tenantId: 'other-tenant' })));
    await rt.app.request('/api/messages', post(botAdded(fake.url, { tenantId: 'other-tenant' })));
    expect(countRows(rt, 'teams_bindings')).toBe(0);
    await rt.app.request('/api/messages', post(botAdded(fake.url)));
    expect(countRows(rt, 'teams_bindings')).toBe(1);
  });

  it('removing the bot from the team removes the binding', async () => {
    rt = await testRuntime({ env: devEnv });
    await rt.app.request('/api/messages', post(botAdded(fake.url)));
    await rt.app.request('/api/messages', post(botRemoved(fake.url)));
    expect(bindings(rt)[0]!.removed_at).not.toBeNull();
  });

  it('lists and removes bindings through the API (admin only)', async () => {
    rt = await testRuntime({ env: devEnv });
    await rt.app.request('/api/messages', post(botAdded(fake.url)));
    const admin = await rt.token('admin');
    expect((await rt.app.request('/api/teams/bindings', jsonInit('GET', null))).status).toBe(401);
    expect((await rt.app.request('/api/teams/bindings', jsonInit('GET', await rt.token('respond')))).status).toBe(403);
    const list = await rt.app.request('/api/teams/bindings', jsonInit('GET', admin));
    expect(list.status).toBe(200);
    expect(await list.json()).toMatchObject({ bindings: [{ id: 1, target: '1', conversationId: CHANNEL, channelName: 'エスカレーション', teamName: '経理部', source: 'installed', removedAt: null }] });

    const del = await rt.app.request('/api/teams/bindings/1', jsonInit('DELETE', admin));
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ binding: { id: 1, removedAt: '2026-01-07T00:00:00.000Z' } });
    expect(await (await rt.app.request('/api/teams/bindings', jsonInit('GET', admin))).json()).toEqual({ bindings: [] });
    expect(((await (await rt.app.request('/api/teams/bindings?all=true', jsonInit('GET', admin))).json()) as { bindings: unknown[] }).bindings).toHaveLength(1);
    const again = await rt.app.request('/api/teams/bindings/1', jsonInit('DELETE', admin));
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await rt.app.request('/api/teams/bindings/x', jsonInit('DELETE', admin))).status).toBe(404);
  });
});

describe('Teams: authentication on', () => {
  const authEnv = { CONSOLE_NOTIFIER: 'false', TEAMS_APP_ID: '00000000-0000-0000-0000-00000000beef', TEAMS_APP_PASSWORD: 'not-a-real-secret', TEAMS_APP_TENANT_ID: TENANT };

  it('an unsigned activity is 401 and changes nothing', async () => {
    rt = await testRuntime({ env: authEnv });
    const res = await rt.app.request('/api/messages', post(botAdded(fake.url)));
    expect(res.status).toBe(401);
    expect(countRows(rt, 'teams_bindings')).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect(rt.log.lines.some((l) => String(l.msg).includes('UNAUTHENTICATED'))).toBe(false);
  });

  it('SingleTenant without a tenant id or password stops at start, naming the variables', async () => {
    await expect(testRuntime({ env: { TEAMS_APP_ID: 'x' } })).rejects.toThrow(/TEAMS_APP_PASSWORD: required[\s\S]*TEAMS_APP_TENANT_ID: required/);
  });

  it('invalid JSON is the usual 400 error shape', async () => {
    rt = await testRuntime({ env: authEnv });
    const res = await rt.app.request('/api/messages', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });
});
