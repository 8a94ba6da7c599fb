import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../../src/auth/tokens.ts';
import { main } from '../../src/main.ts';
import { tokenCommand } from '../../src/cli/token.ts';
import { countRows, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';
import { HIGH_WITH_ACCOUNT, MEDIUM_WITH_ACCOUNT, startRecorder, submitLine, type WireRequest } from './fixtures.ts';

let rt: TestRuntime | undefined;
let recorder: Awaited<ReturnType<typeof startRecorder>> | undefined;
afterEach(async () => {
  await rt?.close();
  await recorder?.close();
  rt = undefined;
  recorder = undefined;
});

const ALICE = { platform: 'slack' as const, userId: 'U1', displayName: 'Alice' };

/** What a receiver does: recompute the HMAC over timestamp + "." + raw body and compare in constant time. */
function verify(r: WireRequest, secret: string): boolean {
  const ts = String(r.headers['x-kakunin-timestamp']);
  const got = Buffer.from(String(r.headers['x-kakunin-signature']));
  const want = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${ts}.${r.raw}`).digest('hex')}`);
  return got.length === want.length && timingSafeEqual(got, want);
}

describe('reporter callbacks for API reports', () => {
  it('acknowledge and resolve POST signed JSON to the token’s callback URL; a 5xx is retried by the outbox', async () => {
    let failures = 1;
    recorder = await startRecorder(() => (failures-- > 0 ? 502 : 204));
    rt = await testRuntime({ env: { DELIVERY_BASE_DELAY_MS: '1000' }, factories: { console: () => null }, random: () => 0 });
    const { token, callbackSecret } = await createToken(rt.handle.db, 'crm', 'intake', rt.clock.now(), { callbackUrl: `${recorder.url}/kakunin/cb?x=1` });
    expect(callbackSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const other = await rt.token('intake'); // a token without a callback URL

    const mine = await submitLine(rt, HIGH_WITH_ACCOUNT, { externalId: 'crm-1' }, token);
    await submitLine(rt, MEDIUM_WITH_ACCOUNT, {}, other);
    rt.clock.advance(60_000);
    await rt.deps.cases.act(mine.caseRef, 'acknowledge', ALICE);
    expect(countRows(rt, 'deliveries', "kind = 'reporter.callback'")).toBe(1);

    await rt.worker.tick(); // 502 → retried in 500 ms
    expect(recorder.requests).toHaveLength(1);
    rt.clock.advance(500);
    await rt.worker.tick();
    expect(recorder.requests).toHaveLength(2);
    const [first, second] = recorder.requests as [WireRequest, WireRequest];
    expect(second.raw).toBe(first.raw); // the body is fixed when queued
    expect(second.headers['x-kakunin-delivery']).toBe(first.headers['x-kakunin-delivery']);
    expect(second.method).toBe('POST');
    expect(second.path).toBe('/kakunin/cb?x=1');
    expect(second.headers['content-type']).toBe('application/json');
    expect(second.headers['x-kakunin-timestamp']).toBe(String(Math.floor(rt.clock.now().getTime() / 1000)));
    expect(verify(second, callbackSecret!)).toBe(true);
    expect(verify(second, 'whsec_someone-else')).toBe(false);
    expect(verify({ ...second, raw: second.raw.replace('acknowledged', 'resolved') }, callbackSecret!)).toBe(false);
    expect(JSON.parse(second.raw)).toEqual({
      event: 'acknowledged',
      caseRef: mine.caseRef,
      status: 'acknowledged',
      resolution: null,
      at: '2026-01-07T00:01:00.000Z',
      externalIds: ['crm-1'],
    });

    await rt.deps.cases.act(mine.caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    await rt.worker.tick();
    const last = recorder.requests.at(-1)!;
    expect(verify(last, callbackSecret!)).toBe(true);
    expect(JSON.parse(last.raw)).toMatchObject({ event: 'resolved', status: 'resolved', resolution: 'fraud_confirmed' });
    expect(countRows(rt, 'deliveries', "kind = 'reporter.callback' and status = 'sent'")).toBe(2);
  });

  it('a callback answered 4xx is dead at once with its error; a revoked token gets nothing more', async () => {
    recorder = await startRecorder(() => 410);
    rt = await testRuntime({ factories: { console: () => null } });
    const { token, id } = await createToken(rt.handle.db, 'crm', 'intake', rt.clock.now(), { callbackUrl: `${recorder.url}/gone` });
    const { caseRef } = await submitLine(rt, HIGH_WITH_ACCOUNT, {}, token);
    await rt.deps.cases.act(caseRef, 'acknowledge', ALICE);
    expect(await rt.worker.tick()).toMatchObject({ dead: 1 });
    expect((await rt.deps.cases.get(caseRef)).deliveries.find((d) => d.kind === 'reporter.callback')).toMatchObject({
      platform: 'webhook',
      status: 'dead',
      lastError: 'rejected: callback answered HTTP 410',
    });
    rt.handle.sqlite.prepare('update api_tokens set revoked_at = ? where id = ?').run(rt.clock.now().toISOString(), id);
    await rt.deps.cases.act(caseRef, 'resolve', ALICE, { resolution: 'fraud_confirmed' });
    expect(countRows(rt, 'deliveries', "kind = 'reporter.callback'")).toBe(1);
  });

  it('kakunin token create --callback-url prints the token and the signing secret once; a bad URL is refused', async () => {
    rt = await testRuntime();
    const env = { DATABASE_URL: `file:${rt.dir}/kakunin.db`, LOG_LEVEL: 'silent' };
    const out: string[] = [];
    const err: string[] = [];
    const io = { env, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    const code = await tokenCommand.run(['create', '--name', 'crm', '--scope', 'intake', '--callback-url', 'https://crm.example.com/hooks/kakunin'], io);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/^kkn_/);
    expect(out[1]).toMatch(/^whsec_/);
    const row = rt.handle.sqlite.prepare("select callback_url, callback_secret from api_tokens where name = 'crm'").get();
    expect(row).toEqual({ callback_url: 'https://crm.example.com/hooks/kakunin', callback_secret: out[1] });
    // The token works for intake.
    const res = await rt.app.request('/api/reports', jsonInit('POST', out[0]!, { message: { body: 'テスト' } }));
    expect(res.status).toBe(201);

    for (const bad of ['ftp://crm.example.com/x', 'not a url']) {
      out.length = 0;
      expect(await main(['token', 'create', '--name', 'x', '--scope', 'intake', '--callback-url', bad], io)).toBe(2);
      expect(err.at(-3)).toContain('--callback-url');
      expect(out).toEqual([]);
    }
  });
});
