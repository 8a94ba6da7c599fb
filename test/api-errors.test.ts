import { afterEach, describe, expect, it } from 'vitest';
import { corpus, countRows, jsonInit, testRuntime, type TestRuntime } from './helpers.ts';

let rt: TestRuntime;
afterEach(async () => rt?.close());

const report = () => corpus()[0]!.report;

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  return body.error;
}

describe('one error shape for every failure, and nothing written', () => {
  it('401 without a token, with a malformed header and with an unknown token', async () => {
    rt = await testRuntime();
    await expectError(await rt.app.request('/api/reports', jsonInit('POST', null, report())), 401, 'unauthorized');
    await expectError(
      await rt.app.request('/api/reports', { method: 'POST', headers: { authorization: 'Basic abc' }, body: '{}' }),
      401,
      'unauthorized',
    );
    await expectError(await rt.app.request('/api/reports', jsonInit('POST', 'kkn_not-a-real-token', report())), 401, 'unauthorized');
    expect(countRows(rt, 'reports')).toBe(0);
  });

  it('403 when the scope does not allow the endpoint; admin allows everything', async () => {
    rt = await testRuntime();
    const respond = await rt.token('respond');
    const intake = await rt.token('intake');
    const err = await expectError(await rt.app.request('/api/reports', jsonInit('POST', respond, report())), 403, 'forbidden');
    expect(err.message).toContain('intake');
    await expectError(await rt.app.request('/api/cases', jsonInit('GET', intake)), 403, 'forbidden');
    await expectError(await rt.app.request('/api/directory', jsonInit('PUT', respond, {})), 403, 'forbidden');
    const admin = await rt.token('admin');
    expect((await rt.app.request('/api/reports', jsonInit('POST', admin, report()))).status).toBe(201);
    expect((await rt.app.request('/api/cases', jsonInit('GET', admin))).status).toBe(200);
  });

  it('413 for a body over 1 MB', async () => {
    rt = await testRuntime();
    const big = { ...report(), message: { body: 'あ'.repeat(400_000) } }; // 1.2 MB in UTF-8
    await expectError(await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), big)), 413, 'payload_too_large');
    expect(countRows(rt, 'reports')).toBe(0);
  });

  it('400 for a body that is not JSON', async () => {
    rt = await testRuntime();
    await expectError(await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), '{"message": ')), 400, 'invalid_json');
    expect(countRows(rt, 'reports')).toBe(0);
  });

  it('422 naming every failing field', async () => {
    rt = await testRuntime();
    const res = await rt.app.request(
      '/api/reports',
      jsonInit('POST', await rt.token('intake'), { message: { sender: { accountId: 'x' } }, source: 'fax' }),
    );
    const err = (await expectError(res, 422, 'validation_failed')) as unknown as { fields: { path: string }[]; message: string };
    const paths = err.fields.map((f) => f.path).sort();
    expect(paths).toEqual(['message.body', 'message.sender.accountId', 'source']);
    expect(err.message).toContain('message.body');
    expect(countRows(rt, 'reports')).toBe(0);
    expect(countRows(rt, 'cases')).toBe(0);
  });

  it('404 for an unknown case or route, in the same shape', async () => {
    rt = await testRuntime();
    const t = await rt.token('respond');
    await expectError(await rt.app.request('/api/cases/KKN-000042', jsonInit('GET', t)), 404, 'not_found');
    await expectError(await rt.app.request('/api/cases/nonsense', jsonInit('GET', t)), 404, 'not_found');
    await expectError(await rt.app.request('/api/nothing-here', jsonInit('GET', t)), 404, 'not_found');
  });

  it('422 for a bad list filter', async () => {
    rt = await testRuntime();
    const err = await expectError(await rt.app.request('/api/cases?status=open&limit=0', jsonInit('GET', await rt.token('respond'))), 422, 'validation_failed');
    expect(err.message).toContain('status');
    expect(err.message).toContain('limit');
  });

  it('healthz and readyz answer', async () => {
    rt = await testRuntime();
    expect(await (await rt.app.request('/healthz')).json()).toEqual({ ok: true });
    expect((await rt.app.request('/readyz')).status).toBe(200);
    await rt.handle.close();
    const res = await rt.app.request('/readyz');
    expect(res.status).toBe(503);
  });
});
