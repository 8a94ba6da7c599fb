/**
 * docs/formats.md says what it shows: its ledger examples (JSON and CSV) import without a single
 * error and describe the same ledger, its report body is accepted by POST /api/reports, and every
 * field of the intake schema is in its table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyDirectory } from '../../src/domain/directory.ts';
import { ledgerToCsv, LEDGER_COLUMNS, parseLedgerFile } from '../../src/ledger/io.ts';
import { intakeBodySchema } from '../../src/routes/reports.ts';
import { jsonInit, testRuntime } from '../helpers.ts';

const DOC = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/formats.md'), 'utf8');
const blocks = (lang: string) => [...DOC.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/formats.md', () => {
  it('the ledger examples import with no error, and the JSON and the CSV are the same ledger', () => {
    const [json] = blocks('json');
    const [csv] = blocks('csv');
    const fromJson = parseLedgerFile(Buffer.from(json!, 'utf8'), 'directory.json', emptyDirectory);
    const fromCsv = parseLedgerFile(Buffer.from(csv!, 'utf8'), 'ledger.csv', emptyDirectory);
    expect(fromJson.errors).toEqual([]);
    expect(fromCsv.errors).toEqual([]);
    expect(fromJson.directory.people.length).toBe(2);
    expect(fromJson.directory.counterparties[0]!.bankAccounts.length).toBe(1);
    expect(ledgerToCsv(fromCsv.directory)).toBe(ledgerToCsv(fromJson.directory));
    for (const c of LEDGER_COLUMNS) expect(DOC, c).toContain(c);
  });

  it('the report body example (and the smallest body) are accepted by POST /api/reports', async () => {
    const body = JSON.parse(blocks('json')[1]!);
    const rt = await testRuntime();
    try {
      const token = await rt.token('intake');
      const res = await rt.app.request('/api/reports', jsonInit('POST', token, body));
      expect(res.status, await res.clone().text()).toBe(201);
      const again = await rt.app.request('/api/reports', jsonInit('POST', token, body));
      expect(again.status).toBe(200); // same source + externalId
      expect((await rt.app.request('/api/reports', jsonInit('POST', token, { message: { body: '確認' } }))).status).toBe(201);
    } finally {
      await rt.close();
    }
  });

  it('every field of the intake schema is in the table', () => {
    const shape = intakeBodySchema.shape as Record<string, unknown>;
    for (const k of Object.keys(shape)) expect(DOC, k).toContain(k === 'message' ? '`message.body`' : `\`${k}`);
    for (const k of ['message.sender.accountId', 'message.sender.name', 'message.sentAt', 'context.contactApprovedAt', 'context.roomType']) expect(DOC).toContain(`\`${k}\``);
  });
});
