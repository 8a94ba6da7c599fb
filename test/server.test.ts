import { afterEach, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.ts';
import { main } from '../src/main.ts';
import { createLogger } from '../src/logger.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { corpus, LogSink, tempDir, testConfig } from './helpers.ts';

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('through a listening server on 127.0.0.1', () => {
  it('accepts a report, shows the case, takes an action, and the console notifier logs the card as one JSON line', async () => {
    const dir = tempDir();
    const log = new LogSink();
    server = await startServer(testConfig(dir, { NOTIFY_MIN_VERDICT: 'none', HOST: '127.0.0.1' }), { logger: createLogger('info', log) });
    const token = createToken(server.runtime.handle.db, 'it', 'admin', new Date()).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const res = await fetch(`${server.url}/api/reports`, { method: 'POST', headers, body: JSON.stringify(corpus()[0]!.report) });
    expect(res.status).toBe(201);
    const { caseRef } = (await res.json()) as { caseRef: string };
    const got = await fetch(`${server.url}/api/cases/${caseRef}`, { headers });
    expect(((await got.json()) as { ref: string }).ref).toBe(caseRef);
    const acted = await fetch(`${server.url}/api/cases/${caseRef}/actions`, { method: 'POST', headers, body: JSON.stringify({ action: 'acknowledge' }) });
    expect(acted.status).toBe(200);

    await server.runtime.worker.tick(); // the kick already ran or is queued; tick makes it deterministic
    const cards = log.lines.filter((l) => l.notifier === 'console');
    expect(cards.map((l) => l.op)).toEqual(['card.post', 'card.update']);
    expect((cards[1]!.card as { ref: string; status: string }).status).toBe('acknowledged');
    expect((cards[0]!.card as { message: { body: string } }).message.body).toBe(corpus()[0]!.report.message.body);
    expect(JSON.stringify(log.lines)).not.toContain(token);
  });
});

describe('CLI', () => {
  it('migrate exits 0; a bad variable exits 1 naming it', async () => {
    const dir = tempDir();
    const out: string[] = [];
    const err: string[] = [];
    const io = (env: Record<string, string>) => ({ env, out: (l: string) => out.push(l), err: (l: string) => err.push(l) });
    expect(await main(['migrate'], io({ DATABASE_URL: `file:${dir}/k.db` }))).toBe(0);
    expect(await main(['migrate'], io({ DATABASE_URL: `file:${dir}/k.db`, PORT: 'eighty' }))).toBe(1);
    expect(err.join('\n')).toContain('PORT');
    expect(await main(['token', 'create', '--name', 'x', '--scope', 'root'], io({ DATABASE_URL: `file:${dir}/k.db` }))).toBe(2);
    expect(await main(['token', 'create', '--name', 'x', '--scope', 'intake'], io({ DATABASE_URL: `file:${dir}/k.db` }))).toBe(0);
    expect(out.at(-1)).toMatch(/^kkn_[A-Za-z0-9_-]{40,}$/);
  });

  it('directory import replaces the ledger in one transaction and rejects an invalid file', async () => {
    const dir = tempDir();
    const fs = await import('node:fs');
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: { DATABASE_URL: `file:${dir}/k.db` }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await main(['directory', 'import', '../shared/corpus/directory.json'.replace('..', `${import.meta.dirname}/../..`)], io)).toBe(0);
    expect(out.at(-1)).toContain('18 people, 9 partners');
    fs.writeFileSync(`${dir}/bad.json`, JSON.stringify({ organization: { name: '' }, people: [{}] }));
    expect(await main(['directory', 'import', `${dir}/bad.json`], io)).toBe(1);
    expect(err.join('\n')).toContain('people.0.name');
  });
});
