/**
 * Issue 15, item 9, performed against the app on a SQLite file: the public report link took 60
 * anonymous reports in a few seconds, and showed an anonymous reporter who named a known sender
 * the ref (and verdict) of the existing case.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_LINK_LIMITS } from '../../src/auth/report-links.ts';
import { countRows, jsonInit, type TestRuntime } from '../helpers.ts';
import { Browser, consoleRuntime } from '../web/helpers.ts';

let rt: TestRuntime | null = null;
afterEach(async () => {
  await rt?.close();
  rt = null;
});

/** A runtime behind a trusted proxy, its report link, and an anonymous form POST from any address. */
async function withLink() {
  rt = await consoleRuntime({ TRUST_PROXY: 'true' });
  const admin = new Browser(rt.app);
  await admin.signIn('admin');
  await admin.get('/admin');
  await admin.post('/admin/report-link/rotate', {});
  const token = new URL(/id="secret">([^<]+)</.exec(admin.last)![1]!.trim()).searchParams.get('t')!;
  const anon = new Browser(rt.app);
  expect((await anon.get(`/report?t=${token}`)).status).toBe(200);
  const csrf = anon.csrf();
  const cookie = [...anon.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const report = async (ip: string, fields: Record<string, string> = {}) => {
    const res = await rt!.app.request(`/report?t=${token}`, {
      method: 'POST',
      headers: { cookie, 'x-forwarded-for': ip },
      body: new URLSearchParams({ body: '至急この口座に振り込んでください', approved: 'unknown', submissionId: randomUUID(), _csrf: csrf, ...fields }),
    });
    return { status: res.status, html: await res.text(), retryAfter: res.headers.get('retry-after') };
  };
  return { report };
}

describe('item 9: the public report link', () => {
  it('60 quick reports from one address: the address limit is accepted, the rest are 429 and store nothing', async () => {
    const { report } = await withLink();
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await report('198.51.100.1', { body: `至急振り込んでください ${i}` })).status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(REPORT_LINK_LIMITS.perAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - REPORT_LINK_LIMITS.perAddress);
    expect(countRows(rt!, 'reports')).toBe(REPORT_LINK_LIMITS.perAddress);
    const refused = await report('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(refused.html).toContain('サインイン');
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    // Another address is its own budget; an hour later the first one may report again.
    expect((await report('198.51.100.2')).status).toBe(201);
    rt!.clock.advance(REPORT_LINK_LIMITS.windowMs);
    expect((await report('198.51.100.1')).status).toBe(201);
  });

  it('many addresses together stop at the link limit', async () => {
    const { report } = await withLink();
    let accepted = 0;
    for (let a = 0; a * REPORT_LINK_LIMITS.perAddress < REPORT_LINK_LIMITS.perLink + 20; a++) {
      for (let i = 0; i < REPORT_LINK_LIMITS.perAddress; i++) if ((await report(`203.0.113.${a}`)).status === 201) accepted += 1;
    }
    expect(accepted).toBe(REPORT_LINK_LIMITS.perLink);
    const fresh = await report('192.0.2.99');
    expect(fresh.status).toBe(429);
    expect(fresh.html).toContain('この報告リンクへの報告が多すぎます');
  });

  it('naming a known sender shows a receipt number, never the existing case ref or its verdict', async () => {
    const { report } = await withLink();
    const known = await rt!.app.request(
      '/api/reports',
      jsonInit('POST', await rt!.token('intake'), {
        message: { body: '社長の髙嶋です。至急、みずほ銀行 渋谷支店 普通 7654321 に振り込んでください。', sender: { accountId: 9800811, name: '髙嶋 宗一郎' } },
      }),
    );
    const { caseRef } = (await known.json()) as { caseRef: string };

    const res = await report('198.51.100.7', { body: 'こんにちは', senderId: '9800811' });
    expect(res.status).toBe(201);
    const joined = rt!.handle.sqlite.prepare('select id, case_id from reports order by id desc limit 1').get() as { id: number; case_id: number };
    expect(`KKN-${String(joined.case_id).padStart(6, '0')}`).toBe(caseRef); // it did join the known case…
    expect(res.html).not.toContain(caseRef); // …and the page does not say so
    expect(res.html).not.toMatch(/KKN-\d/);
    expect(res.html).not.toMatch(/class="badge sev-/);
    expect(res.html).not.toContain('通知しました'); // the known case's card went to people: not this reporter's business
    expect(res.html).toContain(`R-${String(joined.id).padStart(6, '0')}`);
    expect(res.html).toContain('受付番号');
    // Responders can match the receipt the reporter quotes.
    const responder = new Browser(rt!.app);
    await responder.signIn('responder');
    await responder.get(`/cases/${caseRef}`);
    expect(responder.last).toContain(`R-${String(joined.id).padStart(6, '0')}`);
  });

  it('signed-in users are not limited by the link and still see the case ref', async () => {
    rt = await consoleRuntime();
    const me = new Browser(rt.app);
    await me.signIn('viewer');
    for (let i = 0; i < REPORT_LINK_LIMITS.perAddress + 2; i++) {
      await me.get('/report');
      const submissionId = /name="submissionId" value="([^"]+)"/.exec(me.last)![1]!;
      expect((await me.post('/report', { body: `至急 ${i}`, approved: 'unknown', submissionId })).status).toBe(201);
    }
    expect(me.last).toMatch(/href="\/cases\/KKN-\d{6}"/);
  });
});
