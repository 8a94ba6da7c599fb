/**
 * Issue 15, item 7: anyone who installed the Teams app in a team received every card and could
 * resolve any case. Through the fake Bot Connector: a second team installs the app, gets no card
 * and cannot press a button until an admin approves it in the console; once approved, it acts only
 * on cases whose card it was sent; TEAMS_ALLOWED_IDS approves listed teams or channels at once;
 * TEAMS_APP_TENANT_ID is required whenever an app id is set.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { countRows, jsonInit, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime } from '../web/helpers.ts';
import { botAdded, CHANNEL, invoke, mention, post, SATO } from './activities.ts';
import { FakeConnector } from './fake-connector.ts';

let rt: TestRuntime | undefined;
let fake: FakeConnector;
beforeEach(async () => {
  fake = await new FakeConnector().start();
});
afterEach(async () => {
  await rt?.close();
  rt = undefined;
  await fake.close();
});

const devEnv = { TEAMS_ALLOW_UNAUTHENTICATED: 'true', CONSOLE_NOTIFIER: 'false', TEAMS_APP_TENANT_ID: 'tenant-0001' };
const EVIL = '19:outsider0002@thread.tacv2';
const EVIL_TEAM = '19:outsiderteam@thread.tacv2';
type Json = Record<string, unknown>;

/** The app installed in a team of the same tenant that nobody asked for. */
function outsiderInstalls(serviceUrl: string) {
  const a = botAdded(serviceUrl, { conversationId: EVIL });
  return { ...a, from: { id: '29:mallory', aadObjectId: 'aad-mallory', name: 'Mallory' }, channelData: { ...a.channelData, team: { id: EVIL_TEAM, name: '外部' }, channel: { id: EVIL, name: 'general' } } };
}

let seq = 0;
/** A report that makes a new case with a card (NOTIFY_MIN_VERDICT none); returns its ref. */
async function newCase(r: TestRuntime): Promise<string> {
  seq += 1;
  const report = { message: { body: `至急この口座に振り込んでください ${seq}`, sender: { accountId: 7_700_000 + seq, name: `社長 ${seq}` } }, externalId: `teams-approval-${seq}` };
  const res = await r.app.request('/api/reports', jsonInit('POST', await r.token('intake'), report));
  expect(res.status).toBe(201);
  return ((await res.json()) as { caseRef: string }).caseRef;
}

const postsTo = () => fake.of('post').filter((p) => Array.isArray(p.body.attachments)).map((p) => p.conversationId);
const status = async (r: TestRuntime, ref: string) => (await r.deps.cases.get(ref)).status;
const bindingRows = (r: TestRuntime) => r.handle.sqlite.prepare('select id, conversation_id, approved_at, approved_by from teams_bindings order by id').all() as Json[];

async function admin(r: TestRuntime): Promise<Browser> {
  const b = new Browser(r.app);
  await b.signIn('admin');
  await b.get('/admin');
  return b;
}

describe('Teams bindings need approval', () => {
  it('ATTACK: an outsider team installs the app: pending, no cards, its button presses refused, the case untouched', async () => {
    rt = await consoleRuntime(devEnv);
    expect((await rt.app.request('/api/messages', post(botAdded(fake.url)))).status).toBe(200);
    expect((await rt.app.request('/api/messages', post(outsiderInstalls(fake.url)))).status).toBe(200);
    expect(bindingRows(rt)).toMatchObject([{ conversation_id: CHANNEL, approved_at: null }, { conversation_id: EVIL, approved_at: null }]);
    // Each channel is told it waits for an admin; the log says so for the operator.
    expect(fake.of('reply').concat(fake.of('post')).map((p) => String(p.body.text ?? '')).filter((t) => t.includes('管理者が管理画面で承認すると'))).toHaveLength(2);
    expect(rt.log.lines.filter((l) => String(l.msg).startsWith('teams binding pending'))).toHaveLength(2);
    fake.requests.length = 0;

    // Nobody approved anything yet: a case escalates, no Teams card goes anywhere.
    const first = await newCase(rt);
    await rt.worker.tick();
    expect(postsTo()).toEqual([]);

    // The admin approves the company's own channel in the console.
    const b = await admin(rt);
    expect(b.last).toContain('承認待ち');
    expect(b.last).toContain(EVIL);
    expect((await b.post('/admin/teams/1/approve', {})).status).toBe(303);
    expect(bindingRows(rt)[0]).toMatchObject({ approved_by: 'console:admin' });

    const ref = await newCase(rt);
    await rt.worker.tick();
    expect(postsTo()).toEqual([CHANNEL]); // and not to the outsider
    const messageId = rt.handle.sqlite.prepare("select message_id from chat_posts where platform = 'teams'").pluck().get() as string;

    // The outsider guesses the refs and presses the buttons from its own channel.
    for (const caseRef of [ref, first]) {
      for (const verb of ['case.resolve.false_positive', 'case.refresh']) {
        const res = await rt.app.request('/api/messages', post(invoke(fake.url, messageId, verb, { caseRef }, { conversationId: EVIL, from: SATO })));
        expect(await res.json()).toMatchObject({ statusCode: 403 });
      }
    }
    expect(await status(rt, ref)).toBe('new');
    expect(await status(rt, first)).toBe('new');
    expect(fake.of('update')).toHaveLength(0);
  });

  it('an approved binding acts only on cases whose card it was sent', async () => {
    rt = await consoleRuntime(devEnv);
    await rt.app.request('/api/messages', post(botAdded(fake.url)));
    await rt.app.request('/api/messages', post(outsiderInstalls(fake.url)));
    const b = await admin(rt);
    await b.post('/admin/teams/1/approve', {});
    const before = await newCase(rt); // sent to channel 1 only
    await rt.worker.tick();
    await b.get('/admin');
    await b.post('/admin/teams/2/approve', {}); // a second team, approved later
    const after = await newCase(rt); // sent to both
    await rt.worker.tick();
    expect(postsTo()).toEqual([CHANNEL, CHANNEL, EVIL]);
    const msg = (target: string, ref: string) =>
      rt!.handle.sqlite.prepare("select message_id from chat_posts where platform = 'teams' and target = ? and case_id = ?").pluck().get(target, Number(ref.slice(4))) as string;

    const refused = await rt.app.request('/api/messages', post(invoke(fake.url, msg('1', before), 'case.acknowledge', { caseRef: before }, { conversationId: EVIL })));
    expect(await refused.json()).toMatchObject({ statusCode: 403 });
    expect(await status(rt, before)).toBe('new');

    const allowed = await rt.app.request('/api/messages', post(invoke(fake.url, msg('2', after), 'case.acknowledge', { caseRef: after }, { conversationId: EVIL })));
    expect(await allowed.json()).toMatchObject({ statusCode: 200 });
    expect(await status(rt, after)).toBe('acknowledged');
    const own = await rt.app.request('/api/messages', post(invoke(fake.url, msg('1', before), 'case.acknowledge', { caseRef: before })));
    expect(await own.json()).toMatchObject({ statusCode: 200 });
  });

  it('only admins approve, with the CSRF token; the API approves with an admin token; an unknown id is 404', async () => {
    rt = await consoleRuntime(devEnv);
    await rt.app.request('/api/messages', post(outsiderInstalls(fake.url)));
    const responder = new Browser(rt.app);
    await responder.signIn('responder');
    await responder.get('/cases');
    expect((await responder.post('/admin/teams/1/approve', {})).status).toBe(403);
    const a = await admin(rt);
    expect((await a.post('/admin/teams/1/approve', {}, { csrf: null })).status).toBe(403);
    expect(bindingRows(rt)[0]).toMatchObject({ approved_at: null });
    expect((await a.post('/admin/teams/99/approve', {})).status).toBe(404);

    expect((await rt.app.request('/api/teams/bindings/1/approve', jsonInit('POST', await rt.token('respond')))).status).toBe(403);
    const ok = await rt.app.request('/api/teams/bindings/1/approve', jsonInit('POST', await rt.token('admin', 'ops')));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ binding: { id: 1, status: 'approved', approvedBy: expect.stringMatching(/^token:\d+ ops$/) } });
    expect((await rt.app.request('/api/teams/bindings/1/approve', jsonInit('POST', await rt.token('admin')))).status).toBe(404); // not pending any more
    // Removing from the console: no more cards; installing again is a new request.
    await a.get('/admin');
    expect((await a.post('/admin/teams/1/remove', {})).status).toBe(303);
    await rt.app.request('/api/messages', post(outsiderInstalls(fake.url)));
    expect(bindingRows(rt)[0]).toMatchObject({ approved_at: null });
  });

  it('TEAMS_ALLOWED_IDS approves a listed team or channel at once; others still wait', async () => {
    rt = await consoleRuntime({ ...devEnv, TEAMS_ALLOWED_IDS: `${EVIL_TEAM}, 19:another@thread.tacv2` });
    await rt.app.request('/api/messages', post(outsiderInstalls(fake.url))); // listed by its team id
    await rt.app.request('/api/messages', post(mention(fake.url, 'bind'))); // CHANNEL: not listed
    expect(bindingRows(rt)).toMatchObject([
      { conversation_id: EVIL, approved_by: 'TEAMS_ALLOWED_IDS' },
      { conversation_id: CHANNEL, approved_at: null },
    ]);
    const texts = fake.requests.map((r) => String(r.body.text ?? '').split('\n')[0]);
    expect(texts).toEqual([
      'このチャネルを kakunin のエスカレーション先に登録しました。詐欺の疑いがある報告はここにカードで届きます。',
      'このチャネルの登録を受け付けました。kakunin の管理者が管理画面で承認すると、カードが届くようになります。',
    ]);
    fake.requests.length = 0;
    await newCase(rt);
    await rt.worker.tick();
    expect(postsTo()).toEqual([EVIL]);
  });

  it('TEAMS_APP_TENANT_ID is required whenever TEAMS_APP_ID is set, MultiTenant too; another tenant cannot bind', async () => {
    const base = { DATABASE_URL: 'file:/tmp/unused.db', TEAMS_APP_ID: '00000000-0000-0000-0000-00000000beef', TEAMS_APP_PASSWORD: 'x' };
    expect(() => loadConfig({ ...base, TEAMS_APP_TYPE: 'MultiTenant' })).toThrow(/TEAMS_APP_TENANT_ID: required when TEAMS_APP_ID is set/);
    expect(() => loadConfig({ ...base, TEAMS_APP_TYPE: 'SingleTenant' })).toThrow(/TEAMS_APP_TENANT_ID: required/);
    expect(loadConfig({ ...base, TEAMS_APP_TYPE: 'MultiTenant', TEAMS_APP_TENANT_ID: 't' }).teams).toMatchObject({ tenantId: 't', appType: 'MultiTenant' });

    rt = await consoleRuntime({ ...devEnv, TEAMS_ALLOWED_IDS: CHANNEL });
    await rt.app.request('/api/messages', post(botAdded(fake.url, { tenantId: 'other-tenant' })));
    expect(countRows(rt, 'teams_bindings')).toBe(0);
  });
});
