/**
 * Console test wiring: a runtime on a temp SQLite file with console users, and a tiny browser over
 * app.request() that keeps cookies and reads the CSRF token out of the page it was given, the way a
 * real form would carry it.
 */
import type { Hono } from 'hono';
import { createUser } from '../../src/auth/users.ts';
import type { UserRole } from '../../src/domain/user.ts';
import type { AppEnv } from '../../src/http/env.ts';
import { corpus, jsonInit, testRuntime, type TestRuntime } from '../helpers.ts';

export const PASSWORD = 'correct horse battery staple';

/** A runtime with the inbox on and one user per role (admin, responder, viewer). */
export async function consoleRuntime(env: Record<string, string> = {}): Promise<TestRuntime> {
  const rt = await testRuntime({ env: { INBOX_NOTIFIER: 'on', NOTIFY_MIN_VERDICT: 'none', ...env } });
  for (const role of ['admin', 'responder', 'viewer'] as const) {
    await createUser(rt.handle.db, { name: role, displayName: `${role} 担当`, role, password: PASSWORD }, rt.clock.now());
  }
  return rt;
}

/** Submits corpus report `i` (or `report`) through the API; returns the case ref. */
export async function submit(rt: TestRuntime, report: unknown = corpus()[0]!.report): Promise<string> {
  const res = await rt.app.request('/api/reports', jsonInit('POST', await rt.token('intake'), report));
  if (res.status !== 201 && res.status !== 200) throw new Error(`intake ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { caseRef: string }).caseRef;
}

/** Cookie-keeping client over app.request(). */
export class Browser {
  cookies = new Map<string, string>();
  last = '';
  constructor(readonly app: Hono<AppEnv>) {}

  private store(res: Response): void {
    for (const h of res.headers.getSetCookie()) {
      const [pair, ...attrs] = h.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }
  async get(path: string): Promise<Response> {
    const res = await this.app.request(path, { headers: this.headers() });
    this.store(res);
    this.last = res.headers.get('content-type')?.includes('html') ? await res.clone().text() : '';
    return res;
  }
  /** The `_csrf` value in the last page. */
  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.last);
    if (!m) throw new Error('no CSRF field on the last page');
    return m[1]!;
  }
  async post(path: string, fields: Record<string, string> | FormData, opts: { csrf?: string | null; origin?: string } = {}): Promise<Response> {
    let body: FormData | URLSearchParams;
    const token = opts.csrf === undefined ? this.csrf() : opts.csrf;
    if (fields instanceof FormData) {
      body = fields;
      if (token !== null) body.set('_csrf', token);
    } else {
      body = new URLSearchParams({ ...fields, ...(token !== null ? { _csrf: token } : {}) });
    }
    const res = await this.app.request(path, { method: 'POST', body, headers: this.headers(opts.origin ? { origin: opts.origin } : {}) });
    this.store(res);
    this.last = res.headers.get('content-type')?.includes('html') ? await res.clone().text() : '';
    return res;
  }
  /** Signs in as `name`; returns the final response of the POST. */
  async signIn(name: string, password = PASSWORD): Promise<Response> {
    await this.get('/signin');
    return this.post('/signin', { name, password });
  }
}
