/**
 * Child process of bench/intake.ts: the real kakunin server (temp SQLite file, 127.0.0.1,
 * ephemeral port) plus a reference route mounted only here, which parses the JSON and inserts one
 * row, and a "detection only" route (everything intake does before storage). Runs apart from
 * autocannon so the load generator does not share the server's thread.
 * Sends `{url, token}` over IPC, stops on 'stop'.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../src/auth/tokens.ts';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { ruleSet } from '../rules/index.ts';
import { createDetector } from '../src/detection/engine.ts';
import { readJson, requireScope } from '../src/http/helpers.ts';
import { intakeBodySchema } from '../src/routes/reports.ts';

/** Every rule in rules/index.ts. */
const detect = createDetector(ruleSet);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-bench-'));
const config = loadConfig({ DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn' });
const server = await startServer(config, {
  configure(app, runtime) {
    // The reference writes on the raw connection, outside the storage seam: it is the floor, and
    // its phases run alone (no intake transaction is open on the connection meanwhile).
    runtime.handle.sqlite.exec('create table if not exists bench_reference (id integer primary key, body text not null)');
    const insert = runtime.handle.sqlite.prepare('insert into bench_reference (body) values (?)');
    app.post('/bench/reference', async (c) => {
      const body = (await c.req.json()) as unknown;
      const id = insert.run(JSON.stringify(body)).lastInsertRowid;
      return c.json({ id: Number(id) }, 201);
    });
    // The ceiling: the real route's auth, body limit, validation and detection, answered the same
    // way, with the one-row insert of the reference instead of intake's storage.
    app.post('/api/bench/detect-only', requireScope(runtime.handle.db, 'intake'), async (c) => {
      const { source: _s, externalId: _e, origin: _o, ...report } = await readJson(c, intakeBodySchema);
      const d = detect(report, await runtime.deps.directory.get());
      const id = insert.run(JSON.stringify(report)).lastInsertRowid;
      return c.json({ reportId: Number(id), verdict: d.verdict, score: d.score, signals: d.signals }, 201);
    });
  },
});
const token = (await createToken(server.runtime.handle.db, 'bench', 'intake', new Date())).token;
process.send!({ url: server.url, token });
process.on('message', async (m) => {
  if (m !== 'stop') return;
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
