import net from 'node:net';
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
  it('accepts a report, shows the case, takes an action, and the console notifier logs each card as one short JSON line', async () => {
    const dir = tempDir();
    const log = new LogSink();
    server = await startServer(testConfig(dir, { NOTIFY_MIN_VERDICT: 'none', HOST: '127.0.0.1' }), { logger: createLogger('info', log) });
    const token = (await createToken(server.runtime.handle.db, 'it', 'admin', new Date())).token;
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
    expect(cards[0]!.card).toMatchObject({ ref: caseRef, reports: 1 });
    expect(JSON.stringify(log.lines)).not.toContain(corpus()[0]!.report.message.body.slice(0, 20)); // never the message
    expect(JSON.stringify(log.lines)).not.toContain(token);
  });
});

describe('request bodies over the limit, on a real socket', () => {
  it('a declared Content-Length over 1 MiB is refused with 413 before any of the body is sent', async () => {
    server = await startServer(testConfig(tempDir(), { HOST: '127.0.0.1' }), { logger: createLogger('silent', new LogSink()) });
    const token = (await createToken(server.runtime.handle.db, 'it', 'intake', new Date())).token;
    const raw = (contentLength: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(server!.port, '127.0.0.1', () => {
          // Headers only: the server must answer without waiting for a body that never comes.
          socket.write(
            `POST /api/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`,
          );
        });
        let got = '';
        socket.on('data', (d) => {
          got += d.toString('utf8');
          if (got.includes('\r\n\r\n') && /"error"/.test(got)) {
            socket.destroy();
            resolve(got);
          }
        });
        socket.on('error', reject);
        socket.setTimeout(5000, () => reject(new Error(`no answer; got ${JSON.stringify(got)}`)));
      });
    const big = await raw(String(5 * 1024 * 1024));
    expect(big).toMatch(/^HTTP\/1\.1 413/);
    expect(big).toContain('"code":"payload_too_large"');
    expect(server.runtime.handle.sqlite.prepare('select count(*) as n from reports').get()).toEqual({ n: 0 });
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
    expect(await main(['migrate'], io)).toBe(0);
    expect(await main(['directory', 'import', `${import.meta.dirname}/../examples/corpus/shiomi-foodlink/directory.json`], io)).toBe(0);
    expect(out.at(-1)).toContain('18 people, 9 partners');
    fs.writeFileSync(`${dir}/bad.json`, JSON.stringify({ organization: { name: '' }, people: [{}] }));
    expect(await main(['directory', 'import', `${dir}/bad.json`], io)).toBe(1);
    expect(err.join('\n')).toContain('people[0]: name');
  });
});
