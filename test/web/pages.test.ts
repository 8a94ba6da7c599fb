import { afterEach, describe, expect, it } from 'vitest';
import { inboxEnabled } from '../../adapters/inbox/index.ts';
import { loadConfig } from '../../src/config.ts';
import { segments } from '../../src/web/highlight.tsx';
import { csvCell, parseCsv } from '../../src/csv.ts';
import { ledgerToCsv, parseLedgerCsv, parseLedgerJson } from '../../src/ledger/io.ts';
import { contactApprovedAt } from '../../src/web/pages/report.tsx';
import type { Directory } from '../../src/domain/directory.ts';
import { corpus, countRows, directoryJson, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime, PASSWORD, submit } from './helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)><style>*{display:none}</style><a href="javascript:alert(3)">x</a>';
const hostileReport = (extra = '') => ({
  message: { body: `至急、新しい口座に振り込んでください。${HOSTILE}${extra}`, sender: { accountId: 9800811, name: `髙嶋${HOSTILE}` } },
  reporter: { name: `平田${HOSTILE}` },
  note: `メモ${HOSTILE}`,
});

/** No hostile markup survived as markup; it is there as escaped text. */
function expectEscaped(html: string): void {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).not.toContain('<style>*');
  expect(html).not.toContain('href="javascript:');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

describe('evidence highlighting', () => {
  it('cuts at evidence boundaries, merges overlaps, ignores evidence that does not match the body', () => {
    const body = '至急😀口座へ振込';
    const s = segments(body, [
      { rule: 'pressure', evidence: { text: '至急', start: 0, end: 2 } },
      { rule: 'payee', evidence: { text: '口座へ振込', start: 4, end: 9 } },
      { rule: 'money', evidence: { text: '振込', start: 7, end: 9 } },
      { rule: 'liar', evidence: { text: 'zzz', start: 0, end: 3 } },
      { rule: 'oob', evidence: { text: 'x', start: 8, end: 99 } },
    ]);
    expect(s.map((x) => x.text).join('')).toBe(body);
    expect(s).toEqual([
      { text: '至急', rules: ['pressure'] },
      { text: '😀', rules: [] },
      { text: '口座へ', rules: ['payee'] },
      { text: '振込', rules: ['payee', 'money'] },
    ]);
  });
});

describe('hostile text renders as text everywhere', () => {
  it('case page, case list, inbox, ledger and admin pages', async () => {
    rt = await consoleRuntime();
    const dir = directoryJson() as Directory;
    dir.people[0]!.name = `社長${HOSTILE}`;
    await rt.deps.directory.replace(dir, rt.clock.now());
    const ref = await submit(rt, hostileReport());
    const b = new Browser(rt.app);
    await b.signIn('admin');
    await b.get(`/cases/${ref}`);
    await b.post(`/cases/${ref}/actions`, { action: 'acknowledge', note: `確認${HOSTILE}` });
    await rt.worker.tick();
    for (const path of [`/cases/${ref}`, '/cases', `/cases?q=${encodeURIComponent('<script>')}`, '/inbox', '/ledger']) {
      const res = await b.get(path);
      expect(res.status, path).toBe(200);
      expectEscaped(b.last);
    }
    await b.get(`/cases?q=${encodeURIComponent('<script>alert(1)')}`);
    expect(b.last).toContain(`href="/cases/${ref}"`); // the text search finds it
  });
});

describe('cases list', () => {
  it('filters by status, severity, sender, reporter, text and observable; counts per status; keyset pages cover every case once', async () => {
    rt = await consoleRuntime();
    const lines = corpus().slice(0, 12);
    const refs = new Set<string>();
    for (const [i, l] of lines.entries()) {
      rt.clock.advance(60_000);
      refs.add(await submit(rt, { ...l.report, reporter: { name: i % 2 ? '平田 智史' : '柴田 恵', accountId: 1000 + i } }));
    }
    const b = new Browser(rt.app);
    await b.signIn('responder');
    const first = [...refs][0]!;
    await b.get(`/cases/${first}`);
    await b.post(`/cases/${first}/actions`, { action: 'acknowledge' });

    const seen: string[] = [];
    let url: string | null = '/cases?limit=5&sort=last_report';
    while (url) {
      await b.get(url);
      seen.push(...[...b.last.matchAll(/<a href="\/cases\/(KKN-\d+)">/g)].map((m) => m[1]!));
      const next = /<a href="([^"]+)" rel="next"/.exec(b.last);
      url = next ? next[1]!.replace(/&amp;/g, '&') : null;
    }
    expect(seen.length).toBe(refs.size);
    expect(new Set(seen)).toEqual(refs);

    for (const sort of ['severity', 'reports', 'oldest']) {
      const all: string[] = [];
      let u: string | null = `/cases?limit=4&sort=${sort}`;
      while (u) {
        await b.get(u);
        all.push(...[...b.last.matchAll(/<a href="\/cases\/(KKN-\d+)">/g)].map((m) => m[1]!));
        const next = /<a href="([^"]+)" rel="next"/.exec(b.last);
        u = next ? next[1]!.replace(/&amp;/g, '&') : null;
      }
      expect(new Set(all), sort).toEqual(refs);
      expect(all.length, sort).toBe(refs.size);
    }

    await b.get('/cases?status=acknowledged');
    expect([...b.last.matchAll(/<a href="\/cases\/(KKN-\d+)">/g)].map((m) => m[1])).toEqual([first]);
    expect(b.last).toContain('対応中: 1');

    const sender = lines[0]!.report.message.sender!;
    await b.get(`/cases?sender=${sender.accountId}`);
    expect(b.last).toContain(`href="/cases/${first}"`);
    await b.get(`/cases?reporter=${encodeURIComponent('柴田')}`);
    const byReporter = [...b.last.matchAll(/<a href="\/cases\/(KKN-\d+)">/g)].length;
    expect(byReporter).toBeGreaterThan(0);
    expect(byReporter).toBeLessThan(refs.size);
    await b.get(`/cases?severity=high`);
    const high = [...b.last.matchAll(/<a href="\/cases\/(KKN-\d+)">/g)].map((m) => m[1]!);
    for (const r of high) expect((await rt.deps.cases.get(r)).severity).toBe('high');

    const details = [];
    for (const r of refs) details.push(await rt.deps.cases.get(r));
    const withObs = details.find((d) => d.observables.length > 0)!;
    await b.get(`/cases?observable=${encodeURIComponent(withObs.observables[0]!.value)}`);
    expect(b.last).toContain(`href="/cases/${withObs.ref}"`);
    expect((await b.get('/cases?status=bogus')).status).toBe(422);
  });
});

describe('case actions and deliveries', () => {
  it('a conflicting action shows who acted first (409); resolve needs a resolution; a dead delivery can be retried', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    const a = new Browser(rt.app);
    await a.signIn('responder');
    await a.get(`/cases/${ref}`);
    await rt.deps.cases.act(ref, 'acknowledge', { platform: 'slack', userId: 'U1', displayName: 'Slack 佐藤' });
    const res = await a.post(`/cases/${ref}/actions`, { action: 'acknowledge', expectedVersion: '1' });
    expect(res.status).toBe(409);
    expect(a.last).toContain('reload');
    await a.get(`/cases/${ref}`);
    expect((await a.post(`/cases/${ref}/actions`, { action: 'acknowledge' })).status).toBe(409);
    expect(a.last).toContain('Slack 佐藤');
    await a.get(`/cases/${ref}`);
    expect((await a.post(`/cases/${ref}/actions`, { action: 'resolve', resolution: '' })).status).toBe(422);
    await a.get(`/cases/${ref}`);
    expect((await a.post(`/cases/${ref}/actions`, { action: 'resolve', resolution: 'fraud_confirmed', note: '電話で確認' })).status).toBe(303);
    const d = await rt.deps.cases.get(ref);
    expect(d.status).toBe('resolved');
    expect(d.events.at(-1)).toMatchObject({ type: 'resolve', note: '電話で確認', actor: { platform: 'web', userId: expect.stringMatching(/^user:\d+$/), displayName: 'responder 担当' } });

    const delivery = d.deliveries[0]!;
    rt.handle.sqlite.prepare(`update deliveries set status = 'dead', last_error = 'rejected: channel_not_found' where id = ?`).run(delivery.id);
    await a.get(`/cases/${ref}`);
    expect(a.last).toContain('rejected: channel_not_found');
    expect(a.last).toContain(`action="/deliveries/${delivery.id}/retry"`);
    expect((await a.post(`/deliveries/${delivery.id}/retry`, { ref })).status).toBe(303);
    expect((await rt.deps.cases.get(ref)).deliveries[0]!.status).toBe('pending');
  });
});

describe('inbox notifier', () => {
  it('is on in auto mode only without Slack and Teams', () => {
    const base = { DATABASE_URL: 'file:/tmp/x.db' };
    expect(inboxEnabled(loadConfig(base))).toBe(true);
    expect(inboxEnabled(loadConfig({ ...base, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '12345678', SLACK_CHANNEL_ID: 'C0123' }))).toBe(false);
    expect(inboxEnabled(loadConfig({ ...base, INBOX_NOTIFIER: 'off' }))).toBe(false);
    expect(inboxEnabled(loadConfig({ ...base, INBOX_NOTIFIER: 'on', SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '12345678', SLACK_CHANNEL_ID: 'C0123' }))).toBe(true);
  });

  it('cards appear in the inbox after the outbox posts them; an action there updates the card like any platform', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    const b = new Browser(rt.app);
    await b.signIn('responder');
    await b.get('/inbox');
    expect(b.last).not.toContain(`data-ref="${ref}"`); // not delivered yet
    await rt.worker.tick();
    await b.get('/inbox');
    expect(b.last).toContain(`data-ref="${ref}"`);
    expect(b.last).toContain('value="fraud_confirmed"');
    const res = await b.post(`/cases/${ref}/actions`, { action: 'acknowledge', back: 'inbox' });
    expect(res.headers.get('location')).toBe(`/inbox?done=acknowledge&ref=${ref}`);
    await rt.worker.tick();
    const row = rt.handle.sqlite.prepare('select status from inbox_cards').get() as { status: string };
    expect(row.status).toBe('acknowledged');
    const posts = (await rt.deps.cases.get(ref)).deliveries.filter((d) => d.platform === 'inbox').map((d) => `${d.kind}:${d.status}`);
    expect(posts).toEqual(['card.post:sent', 'card.update:sent']);
    rt.handle.sqlite.prepare('delete from inbox_cards').run();
    await rt.deps.cases.act(ref, 'investigate', { platform: 'api', userId: 't', displayName: 'API' });
    await rt.worker.tick();
    expect(countRows(rt, 'inbox_cards')).toBe(1); // a vanished card is posted afresh (message_not_found)
  });
});

describe('report form', () => {
  it('signed-in: submits, shows the case ref and Chatwork’s steps; a double submit is one report', async () => {
    rt = await consoleRuntime();
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    await b.get('/report');
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(b.last)![1]!;
    const csrf = b.csrf();
    const fields = { body: `至急この口座に振り込んで${HOSTILE}`, senderName: '社長', senderId: '9800811', approved: 'today', note: '', submissionId };
    const res = await b.post('/report', fields);
    expect(res.status).toBe(201);
    expect(b.last).toMatch(/KKN-\d{6}/);
    expect(b.last).toContain('既知の連絡先');
    expect((await b.post('/report', fields, { csrf })).status).toBe(201);
    expect(countRows(rt, 'reports')).toBe(1);
    const d = await rt.deps.cases.get(/KKN-\d{6}/.exec(b.last)![0]);
    const rep = d.reports[0]!.report as { reporter: { name: string }; context: { contactApprovedAt: string } };
    expect(rep.reporter.name).toBe('viewer 担当');
    expect(Date.parse(rep.context.contactApprovedAt)).toBe(rt.clock.now().getTime() - 3_600_000);
    expect(d.signals.some((s) => s.ruleId === 'context.new_contact')).toBe(true);
    expect((await b.post('/report', { ...fields, body: '  ', submissionId: crypto.randomUUID() }, { csrf })).status).toBe(422);
  });

  it('the report link works without signing in until it is rotated; a wrong link is 403', async () => {
    rt = await consoleRuntime();
    const admin = new Browser(rt.app);
    await admin.signIn('admin');
    await admin.get('/admin');
    await admin.post('/admin/report-link/rotate', {});
    const link = /id="secret">([^<]+)</.exec(admin.last)![1]!.trim();
    const token = new URL(link).searchParams.get('t')!;
    expect(JSON.stringify(rt.handle.sqlite.prepare('select * from report_links').all())).not.toContain(token);

    const anon = new Browser(rt.app);
    expect((await anon.get(`/report?t=${token}`)).status).toBe(200);
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(anon.last)![1]!;
    const res = await anon.post(`/report?t=${token}`, { body: '至急振り込んで', approved: 'unknown', reporterName: '山田', submissionId });
    expect(res.status).toBe(201);
    expect(anon.last).not.toContain('href="/cases/'); // no case page for anonymous reporters
    expect((await anon.get('/report?t=rl_' + 'A'.repeat(32))).status).toBe(403);
    expect((await anon.get('/report')).status).toBe(303);

    // Rotating a live link asks first (the old link stops working) and changes nothing until confirmed.
    await admin.post('/admin/report-link/rotate', {});
    expect(admin.last).toContain('name="confirm" value="yes"');
    expect((await anon.get(`/report?t=${token}`)).status).toBe(200);
    await admin.post('/admin/report-link/rotate', { confirm: 'yes' });
    expect((await anon.get(`/report?t=${token}`)).status).toBe(403);
  });

  it('maps the approval answer to a time', () => {
    const now = new Date('2026-01-07T00:00:00Z');
    expect(contactApprovedAt('unknown', now)).toBeNull();
    expect(contactApprovedAt('this_week', now)).toBe('2026-01-04T00:00:00.000Z');
  });
});

describe('ledger import and export', () => {
  it('CSV and JSON parsing give per-row errors; export round-trips; formulas are defused', () => {
    const current = directoryJson() as Directory;
    const csv = ledgerToCsv(current);
    const back = parseLedgerCsv(csv, { organization: { name: '' }, people: [], counterparties: [] });
    expect(back.errors).toEqual([]);
    expect(back.directory).toEqual(JSON.parse(JSON.stringify(current, (k, v) => v)) as Directory);

    const j = parseLedgerJson(JSON.stringify({ people: [{ name: 'A' }, { name: '' }, { executive: 'yes' }], counterparties: [{ company: 'X', bankAccounts: [{ bank: 'B' }] }] }), current);
    expect(j.directory.people).toHaveLength(1);
    expect(j.errors.map((e) => e.row)).toEqual(['people[1]', 'people[2]', 'people[2]', 'counterparties[0]', 'counterparties[0]']);
    expect(parseLedgerJson('{', current).errors[0]!.field).toBe('(file)');
    expect(parseLedgerCsv('name\nx', current).errors[0]!.field).toBe('(header)');

    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(parseCsv('a,"b\n""c""",d\r\ne,f,g\n')).toEqual([
      { line: 1, cells: ['a', 'b\n"c"', 'd'] },
      { line: 3, cells: ['e', 'f', 'g'] },
    ]);
  });

  it('a JSON import is previewed, confirmed only by its admin, refused when the ledger changed since', async () => {
    const { r, admin, confirm } = await previewImport({ organization: { name: '新社名' }, people: [{ name: '新 太郎', executive: true }, { name: '' }] });
    expect(admin.last).toContain('people[1]');
    expect((await r.deps.directory.get()).organization.name).not.toBe('新社名');

    const other = new Browser(r.app);
    await createOtherAdmin(r);
    await other.signIn('admin2');
    await other.get('/ledger');
    expect((await other.post(confirm, {})).status).toBe(404);

    await r.deps.directory.replace(directoryJson() as Directory, r.clock.now()); // someone else replaced it meanwhile
    await admin.get('/ledger');
    expect((await admin.post(confirm, {})).status).toBe(409);
    expect((await r.deps.directory.get()).organization.name).not.toBe('新社名');

    const export_ = await admin.get('/ledger/export.json');
    expect(export_.headers.get('content-disposition')).toContain('attachment');
    expect(((await export_.json()) as Directory).people.length).toBe((directoryJson() as Directory).people.length);
  });
});

describe('ledger import confirmation', () => {
  it('checks, replaces and marks the import applied in one transaction: if any part fails, the ledger is unchanged', async () => {
    const { r, admin, confirm } = await previewImport({ organization: { name: '新社名' }, people: [{ name: '新 太郎', executive: true }] });
    r.handle.sqlite.exec(`create temp trigger refuse_apply before update of applied_at on main.ledger_imports
      begin select raise(abort, 'refused by test trigger'); end`);
    await admin.get('/ledger');
    expect((await admin.post(confirm, {})).status).toBe(500);
    expect((await r.deps.directory.get()).organization.name).not.toBe('新社名'); // the replacement was rolled back with it
    r.handle.sqlite.exec('drop trigger refuse_apply');
    await admin.get('/ledger');
    expect((await admin.post(confirm, {})).status).toBe(303);
    expect((await r.deps.directory.get()).organization.name).toBe('新社名');
  });
});

/** A console runtime with the corpus ledger, an admin signed in, and `upload` previewed as a JSON import. */
async function previewImport(upload: unknown): Promise<{ r: TestRuntime; admin: Browser; confirm: string }> {
  const r = await consoleRuntime();
  rt = r;
  await r.deps.directory.replace(directoryJson() as Directory, r.clock.now());
  const admin = new Browser(r.app);
  await admin.signIn('admin');
  await admin.get('/ledger');
  const form = new FormData();
  form.set('file', new File([JSON.stringify(upload)], 'ledger.json', { type: 'application/json' }));
  expect((await admin.post('/ledger/import', form)).status).toBe(200);
  return { r, admin, confirm: /action="(\/ledger\/import\/\d+\/confirm)"/.exec(admin.last)![1]! };
}

async function createOtherAdmin(r: TestRuntime): Promise<void> {
  const { createUser } = await import('../../src/auth/users.ts');
  await createUser(r.handle.db, { name: 'admin2', role: 'admin', password: PASSWORD }, r.clock.now());
}

describe('metrics and export', () => {
  it('metrics show reports per day and time to acknowledge as SVG', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    rt.clock.advance(90 * 60_000);
    await rt.deps.cases.act(ref, 'acknowledge', { platform: 'web', userId: 'user:1', displayName: 'x' });
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    expect((await b.get('/stats')).status).toBe(200);
    expect(b.last).toContain('<svg');
    expect(b.last).toContain('1時間30分');
    expect(b.last).toContain('合計 1');
  });

  it('exports a time range as CSV and JSON with the audit chain result; a tampered chain says BROKEN', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt, { message: { body: '=HYPERLINK("http://evil.example","click")', sender: { name: '@SUM(1)' } } });
    const b = new Browser(rt.app);
    await b.signIn('viewer');
    const json = await b.get('/export/cases.json?from=2026-01-01&to=2026-01-31');
    const doc = (await json.json()) as { auditChain: { ok: boolean }; cases: { ref: string; events: { hash: string }[] }[] };
    expect(doc.auditChain.ok).toBe(true);
    expect(doc.cases.map((c) => c.ref)).toEqual([ref]);
    expect(doc.cases[0]!.events[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const csvRes = await b.get('/export/cases.csv?from=2026-01-01&to=2026-01-31');
    const csv = await csvRes.text();
    expect(csv).toContain('ok (1 events)');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain(`'@SUM(1)`);
    expect(((await (await b.get('/export/cases.json?from=2025-01-01&to=2025-01-31')).json()) as { cases: unknown[] }).cases).toEqual([]);
    expect((await b.get('/export/cases.csv?from=2026-02-01&to=2026-01-01')).status).toBe(422);

    rt.handle.sqlite.prepare(`update case_events set actor_name = 'someone else'`).run();
    const broken = await b.get('/export/cases.csv?from=2026-01-01&to=2026-01-31');
    expect(broken.headers.get('x-kakunin-audit-chain')).toBe('broken; row=1');
    expect(await broken.text()).toContain('BROKEN at case_events 1');
  });
});

describe('admin', () => {
  it('creates a user whose generated password is shown once and works; the last admin cannot be demoted; tokens can be created and revoked', async () => {
    rt = await consoleRuntime();
    const admin = new Browser(rt.app);
    await admin.signIn('admin');
    await admin.get('/admin');
    expect((await admin.post('/admin/users', { name: 'Sato', displayName: '佐藤<script>alert(1)</script>', role: 'responder' })).status).toBe(201);
    expect(admin.last).not.toContain('<script>alert');
    expect(admin.last).toContain('佐藤&lt;script&gt;alert(1)&lt;/script&gt;');
    const password = /id="secret">([^<]+)</.exec(admin.last)![1]!.trim();
    const sato = new Browser(rt.app);
    expect((await sato.signIn('sato', password)).status).toBe(303);

    const adminId = (rt.handle.sqlite.prepare(`select id from users where name = 'admin'`).get() as { id: number }).id;
    expect((await admin.post(`/admin/users/${adminId}`, { op: 'role', role: 'viewer' })).status).toBe(409);
    expect(admin.last).toContain('最後の有効な管理者');

    const satoId = (rt.handle.sqlite.prepare(`select id from users where name = 'sato'`).get() as { id: number }).id;
    // Disabling asks first: the first POST shows what will happen and changes nothing.
    expect((await admin.post(`/admin/users/${satoId}`, { op: 'disable' })).status).toBe(200);
    expect(admin.last).toContain('name="confirm" value="yes"');
    expect(admin.last).toContain('name="op" value="disable"');
    expect((await sato.get('/cases')).status).toBe(200);
    await admin.post(`/admin/users/${satoId}`, { op: 'disable', confirm: 'yes' });
    expect((await sato.get('/cases')).status).toBe(303); // sessions ended

    expect((await admin.post('/admin/tokens', { name: 'chatwork-bot', scope: 'intake' })).status).toBe(201);
    const token = /id="secret">([^<]+)</.exec(admin.last)![1]!.trim();
    expect(token).toMatch(/^kkn_/);
    const tokenId = (rt.handle.sqlite.prepare(`select id from api_tokens where name = 'chatwork-bot'`).get() as { id: number }).id;
    await admin.post(`/admin/tokens/${tokenId}/revoke`, {});
    expect(admin.last).toContain('chatwork-bot');
    expect(admin.last).toContain('name="confirm" value="yes"');
    const stillWorks = await rt.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(stillWorks.status).toBe(422); // authenticated, just an empty report
    await admin.post(`/admin/tokens/${tokenId}/revoke`, { confirm: 'yes' });
    const api = await rt.app.request('/api/reports', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(401);
  });
});
