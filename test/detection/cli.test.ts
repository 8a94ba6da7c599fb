/** `kakunin detect` and `kakunin eval` as a user runs them: a real child process, stdin/stdout, exit codes. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kakunin.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kakunin-cli-'));
const directoryFile = path.join(dir, 'directory.json');
fs.writeFileSync(directoryFile, JSON.stringify(examplesLedger));

function run(args: string[], input: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, lines: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

const fraud = {
  id: 'f1',
  report: {
    message: { body: 'LINEグループを作って、QRコードをこちらに送ってください。他の人には内密に。', sender: { accountId: 9100001, name: '山本 健一' }, sentAt: '2026-03-02T10:00:00+09:00' },
    context: { contactApprovedAt: '2026-03-02T09:30:00+09:00' },
  },
};
const benign = { id: 'b1', label: 'benign', report: { message: { body: '明日の会議資料を共有フォルダに置きました。', sender: { accountId: 3000003, name: '小林 誠' } } } };

describe('kakunin detect', () => {
  it('reads JSONL from stdin and writes one result per line', () => {
    const r = run(['detect', '--directory', directoryFile], `${JSON.stringify(fraud)}\n\n${JSON.stringify(benign)}\n`);
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatchObject({ id: 'f1', verdict: 'high' });
    const signals = r.lines[0]!.signals as { ruleId: string; title: { ja: string; en: string }; evidence: { text: string; start: number; end: number }[] }[];
    const qr = signals.find((s) => s.ruleId === 'offplatform.group_qr');
    expect(qr?.title.ja).toBeTruthy();
    for (const e of qr!.evidence) expect(fraud.report.message.body.slice(e.start, e.end)).toBe(e.text);
    expect(r.lines[1]).toMatchObject({ id: 'b1', verdict: 'none' });
  });

  it('reads --input, reports bad lines with their line number, keeps going, exits 1', () => {
    const file = path.join(dir, 'in.jsonl');
    fs.writeFileSync(file, ['{not json', JSON.stringify({ id: 'nobody', report: { message: { sender: null } } }), JSON.stringify(benign)].join('\n'));
    const r = run(['detect', '--directory', directoryFile, '--input', file], '');
    expect(r.status).toBe(1);
    expect(r.lines[0]).toMatchObject({ id: null, line: 1 });
    expect(String(r.lines[0]!.error)).toMatch(/line 1: not valid JSON/);
    expect(r.lines[1]).toMatchObject({ id: 'nobody', line: 2 });
    expect(String(r.lines[1]!.error)).toMatch(/report\.message\.body/);
    expect(r.lines[2]).toMatchObject({ id: 'b1', verdict: 'none' });
  });

  it('refuses to run without a usable directory', () => {
    expect(run(['detect'], '').status).toBe(2);
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ people: [] }));
    const r = run(['detect', '--directory', bad], '');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/organization/);
  });
});

describe('kakunin eval', () => {
  it('prints recall, false-positive rate and the ids it got wrong', () => {
    const corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus, { recursive: true });
    fs.copyFileSync(directoryFile, path.join(corpus, 'directory.json'));
    const missed = { id: 'f2', label: 'fraud', category: 'quiet', report: { message: { body: 'こんにちは。', sender: { accountId: 5, name: 'x' } } } };
    fs.writeFileSync(path.join(corpus, 'corpus.jsonl'), [JSON.stringify({ ...fraud, label: 'fraud' }), JSON.stringify(missed), JSON.stringify(benign)].join('\n'));
    const r = spawnSync(process.execPath, [BIN, 'eval', '--corpus', corpus], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/recall: 1\/2 = 50\.0%/);
    expect(r.stdout).toMatch(/false-positive rate: 0\/1 = 0\.0%/);
    expect(r.stdout).toMatch(/f2 \[fraud\/quiet\/ja\] none/);
    expect(r.stdout).not.toMatch(/ f1 /);
  });
});
