/**
 * `kakunin demo`: the sample reports go through the real intake (cases group by impostor account,
 * bank account, link and phone; a confirmed-fraud account raises a later case), cards reach the
 * console inbox, the responder's actions are applied, the admin it prints can sign in — and the
 * configured DATABASE_URL is never opened, nor any file the demo did not make.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/auth/passwords.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { readDemoData } from '../src/demo/data.ts';
import { isDemoDatabase, setupDemo } from '../src/demo/setup.ts';
import { createLogger } from '../src/logger.ts';
import { createRuntime } from '../src/runtime.ts';
import { main } from '../src/main.ts';
import { tempDir } from './helpers.ts';
import { Browser } from './web/helpers.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const flagged = (v: string) => v === 'medium' || v === 'high';

function cli(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { env, out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const demoConfig = (file: string) => loadConfig({ DATABASE_URL: `file:${file}`, LOG_LEVEL: 'silent', INBOX_NOTIFIER: 'on', CONSOLE_NOTIFIER: 'false' });

describe('demo setup', () => {
  it('groups the sample reports into cases, fills the inbox, applies the actions and creates the admin', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'demo.db');
    const now = new Date('2026-03-02T09:00:00.000Z');
    const data = readDemoData();
    expect(data.reports.length).toBeGreaterThanOrEqual(25);
    const result = await setupDemo(demoConfig(file), { logger: createLogger('silent'), now });
    expect(isDemoDatabase(file)).toBe(true);
    expect(result.reports).toBe(data.reports.length);

    const rt = await createRuntime(demoConfig(file), { logger: createLogger('silent') });
    try {
      const { cases } = rt.deps;
      const ref = (id: string) => result.caseOf.get(id)!;
      const group = (...ids: string[]) => new Set(ids.map(ref)).size;
      const byComment = (prefix: string) => data.reports.filter((r) => r.comment.startsWith(prefix)).map((r) => r.id);

      // Grouping: the same impostor account (A), the same bank account written two ways (C),
      // one link from two accounts (D), one phone number in half- and full-width digits (E).
      for (const g of ['A:', 'C:', 'D:', 'E:', 'H:', 'M:']) {
        const ids = byComment(g);
        expect(ids.length, g).toBeGreaterThanOrEqual(2);
        expect(group(...ids), `${g} ${ids.join(',')}`).toBe(1);
      }
      expect(result.cases).toBeLessThan(result.reports);

      // A is confirmed fraud; B reuses its bank account: its own case, raised to high and linked to A.
      const a = await cases.get(ref(byComment('A:')[0]!));
      expect([a.status, a.resolution]).toEqual(['resolved', 'fraud_confirmed']);
      const b = await cases.get(ref(byComment('B:')[0]!));
      expect(b.ref).not.toBe(a.ref);
      expect(b.severity).toBe('high');
      expect(b.signals.map((s) => s.ruleId)).toContain('correlation.confirmed_fraud_observable');
      expect(b.linkedCases.map((l) => l.ref)).toContain(a.ref);

      // The other actions of actions.json, as the responder "admin" in the console.
      for (const act of data.actions) {
        const c = await cases.get(ref(act.report));
        const expected = { acknowledge: 'acknowledged', investigate: 'investigating', resolve: 'resolved', reopen: 'acknowledged' }[act.action];
        const last = [...data.actions].reverse().find((x) => ref(x.report) === c.ref)!;
        if (last === act) expect(c.status, act.report).toBe(expected);
        expect(c.events.some((e) => e.actor.displayName.startsWith('デモ管理者') && e.actor.platform === 'web' && e.note === (act.note ?? null))).toBe(true);
      }
      const resolutions = data.actions.map((x) => x.resolution).filter(Boolean);
      expect(resolutions).toEqual(expect.arrayContaining(['fraud_confirmed', 'false_positive']));

      // The demo shows what its labels say: fraud lines end in flagged cases, benign ones do not.
      for (const line of data.reports) {
        const c = await cases.get(ref(line.id));
        expect(flagged(c.severity), `${line.id} (${line.label}) → ${c.ref} ${c.severity}`).toBe(line.label === 'fraud');
      }
      const severities = new Set<string>();
      for (const l of data.reports) severities.add((await cases.get(ref(l.id))).severity);
      expect(severities.size).toBeGreaterThanOrEqual(3);

      // Cards: every flagged case has its card in the console inbox, with the case's status; no other.
      const cards = rt.handle.sqlite.prepare('select c.id, i.status as card, c.status, c.severity from inbox_cards i join cases c on c.id = i.case_id').all() as {
        card: string;
        status: string;
        severity: string;
      }[];
      const flaggedCases = new Set<string>();
      for (const l of data.reports) if (flagged((await cases.get(ref(l.id))).severity)) flaggedCases.add(ref(l.id));
      expect(cards.length).toBe(flaggedCases.size);
      expect(result.inboxCards).toBe(cards.length);
      for (const c of cards) expect(c.card).toBe(c.status);
      expect((rt.handle.sqlite.prepare("select count(*) as n from deliveries where status <> 'sent'").get() as { n: number }).n).toBe(0);

      // History spread over days, in the past of `now`; the audit chain holds.
      const days = new Set((rt.handle.sqlite.prepare('select received_at as at from reports').all() as { at: string }[]).map((r) => r.at.slice(0, 10)));
      expect(days.size).toBeGreaterThanOrEqual(7);
      expect((rt.handle.sqlite.prepare('select max(received_at) as at from reports').get() as { at: string }).at < now.toISOString()).toBe(true);
      expect((await rt.deps.audit.verify()).ok).toBe(true);

      // The admin: the printed password signs in to the console; the intake token is revoked.
      const user = rt.handle.sqlite.prepare("select role, password_hash as hash from users where name = 'admin'").get() as { role: string; hash: string };
      expect(user.role).toBe('admin');
      expect(await verifyPassword(result.admin.password, user.hash)).toBe(true);
      const browser = new Browser(rt.app);
      const signIn = await browser.signIn('admin', result.admin.password);
      expect(signIn.status).toBe(303);
      expect(signIn.headers.get('location')).toBe('/cases');
      const inbox = await browser.get('/inbox');
      expect(inbox.status).toBe(200);
      expect(await inbox.text()).toContain(b.ref);
      expect((rt.handle.sqlite.prepare('select count(*) as n from api_tokens where revoked_at is null').get() as { n: number }).n).toBe(0);
    } finally {
      await rt.close();
    }
  }, 120_000);
});

describe('kakunin demo never touches another database', () => {
  it('leaves DATABASE_URL unopened, refuses it and any file it did not make, and recreates its own', async () => {
    const dir = tempDir();
    const real = path.join(dir, 'real.db');
    const env = { DATABASE_URL: `file:${real}`, LOG_LEVEL: 'silent' };
    expect(await main(['migrate'], cli(env).io)).toBe(0);
    const before = { hash: sha(real), mtime: fs.statSync(real).mtimeMs, files: fs.readdirSync(dir).sort() };
    const demo = path.join(dir, 'demo', 'demo.db');

    const first = cli(env);
    expect(await main(['demo', '--database', demo, '--setup-only'], first.io)).toBe(0);
    const password = /shown only this once\): (\S+)/.exec(first.out.join('\n'))?.[1];
    expect(password).toBeTruthy();
    expect(isDemoDatabase(demo)).toBe(true);

    // The real database: same bytes, same mtime, no -wal/-shm appeared beside it.
    expect(sha(real)).toBe(before.hash);
    expect(fs.statSync(real).mtimeMs).toBe(before.mtime);
    expect(fs.readdirSync(dir).filter((f) => f !== 'demo').sort()).toEqual(before.files);

    // --database naming DATABASE_URL's file, or a file the demo did not make: refused, unchanged.
    const same = cli(env);
    expect(await main(['demo', '--database', real, '--setup-only'], same.io)).toBe(1);
    expect(same.err.join('\n')).toContain('DATABASE_URL');
    const other = path.join(dir, 'notes.db');
    fs.writeFileSync(other, 'not a database');
    const foreign = cli(env);
    expect(await main(['demo', '--database', other, '--setup-only'], foreign.io)).toBe(1);
    expect(foreign.err.join('\n')).toContain('not a kakunin demo database');
    expect(fs.readFileSync(other, 'utf8')).toBe('not a database');
    const realCopy = path.join(dir, 'copy.db');
    fs.copyFileSync(real, realCopy);
    expect(await main(['demo', '--database', realCopy, '--setup-only'], cli(env).io)).toBe(1);
    expect(sha(realCopy)).toBe(before.hash);
    expect(sha(real)).toBe(before.hash);

    // Its own file is recreated: a new admin password, the same number of reports.
    const second = cli(env);
    expect(await main(['demo', '--database', demo, '--setup-only'], second.io)).toBe(0);
    expect(/shown only this once\): (\S+)/.exec(second.out.join('\n'))?.[1]).not.toBe(password);
    const h = openDatabase(demo);
    try {
      expect((h.sqlite.prepare('select count(*) as n from reports').get() as { n: number }).n).toBe(readDemoData().reports.length);
      expect((h.sqlite.prepare('select count(*) as n from users').get() as { n: number }).n).toBe(1);
    } finally {
      await h.close();
    }
  }, 180_000);
});

describe('npx kakunin demo', () => {
  it('serves the demo on PORT, prints the console URL and a password that signs in, stops on SIGTERM', async () => {
    const dir = tempDir();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/kakunin.mjs'), 'demo', '--database', path.join(dir, 'demo.db')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', KAKUNIN_ENV_FILE: '/dev/null', DATABASE_URL: `file:${path.join(dir, 'real.db')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stderr: string[] = [];
    readline.createInterface({ input: child.stderr! }).on('line', (l) => stderr.push(l));
    try {
      const printed = await new Promise<{ url: string; password: string }>((resolve, reject) => {
        const lines: string[] = [];
        const timer = setTimeout(() => reject(new Error(`demo did not start:\n${lines.join('\n')}\n${stderr.join('\n')}`)), 150_000);
        readline.createInterface({ input: child.stdout! }).on('line', (l) => {
          lines.push(l);
          const url = lines.join('\n').match(/console: (http:\/\/localhost:\d+\/signin)/)?.[1];
          const password = lines.join('\n').match(/shown only this once\): (\S+)/)?.[1];
          if (url && password) {
            clearTimeout(timer);
            resolve({ url, password });
          }
        });
        void exited.then((code) => reject(new Error(`demo exited ${code}:\n${lines.join('\n')}\n${stderr.join('\n')}`)));
      });
      const base = printed.url.replace('localhost', '127.0.0.1').replace(/\/signin$/, '');
      // Sign in over real HTTP, as a browser would: the form's CSRF token and its cookie.
      const form = await fetch(`${base}/signin`);
      expect(form.status).toBe(200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const res = await fetch(`${base}/signin`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: base },
        body: new URLSearchParams({ name: 'admin', password: printed.password, _csrf: csrf }),
      });
      expect(res.status, await res.clone().text()).toBe(303);
      expect(res.headers.get('location')).toBe('/cases');
      const session = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const list = await fetch(`${base}/cases`, { headers: { cookie: session } });
      expect(list.status).toBe(200);
      expect(await list.text()).toContain('KKN-000001');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dir, 'real.db'))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);
});
