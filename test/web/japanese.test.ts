/**
 * Japanese that reads as Japanese: no internal code reaches a console page (observable kinds,
 * signal categories, delivery kinds and states, roles, scopes, platforms, an `unknown` actor,
 * English validation messages), and the same state has the same name in the console and on cards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { STATUS, ACTION, EVENT } from '../../src/domain/glossary.ts';
import { CASE_ACTIONS } from '../../src/domain/case.ts';
import { TIMER_KINDS } from '../../src/db/schema/escalation-timers.ts';
import { buildCardMessage } from '../../adapters/slack/blocks.ts';
import type { TestRuntime } from '../helpers.ts';
import { createUser } from '../../src/auth/users.ts';
import { Browser, consoleRuntime, PASSWORD, submit } from './helpers.ts';

let rt: TestRuntime | undefined;
afterEach(async () => {
  await rt?.close();
  rt = undefined;
});

/** Codes that must not appear as visible text (between tags) on a Japanese page. */
const CODES = [
  'bank_account', 'chatwork_account', 'gift_card', 'line_id', 'identity', 'money', 'payee', 'credential', 'offplatform', 'pressure', 'giftcard', 'mitigating',
  'card.post', 'card.update', 'card.remind', 'reporter.notify', 'pending', 'sent', 'dead', 'intake', 'respond',
  'unknown', 'web', 'inbox', 'console', 'strong', 'weak', 'must be', 'expected', 'received NaN', 'Invalid',
];

/** The text between tags of an HTML page (attributes, URLs and the stylesheet left out). */
function visibleText(html: string): string[] {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .split(/<[^>]*>/)
    .map((s) => s.trim())
    .filter(Boolean);
}

describe('no raw codes on console pages', () => {
  it('case, cases, inbox, ledger, stats, admin and account pages in Japanese show words, not codes', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt, {
      message: {
        body: '社長の佐久間です。至急、本日中に下記口座へ振り込んでください。他言無用で。\n住信SBIネット銀行 法人第一支店 普通 1234567 サクマ イチロウ\n折り返しは 090-1111-2222 まで。https://line.me/R/ti/g/xyz',
        sender: { name: '佐久間 一郎', accountId: 9000001 },
      },
    });
    await rt.worker.tick(); // the inbox card and its delivery rows
    // A user whose own name is not an English code, so every code found is kakunin's.
    await createUser(rt.handle.db, { name: 'seki', displayName: '情報システム 関', role: 'admin', password: PASSWORD }, rt.clock.now());
    const b = new Browser(rt.app);
    await b.signIn('seki');
    const pages = [`/cases/${ref}`, '/cases', '/inbox', '/ledger', '/stats', '/admin', '/account', '/report'];
    for (const path of pages) {
      const res = await b.get(path);
      expect(res.status, path).toBe(200);
      const words = visibleText(b.last);
      for (const code of CODES) {
        const hit = words.find((w) => w === code || new RegExp(`(^|[\\s(（:：])${code.replace('.', '\\.')}($|[\\s)）,、])`).test(w));
        expect(hit, `${path}: "${code}" in "${hit}"`).toBeUndefined();
      }
    }
    // Roles are words (the test users' own names are 'admin', 'viewer', … so roles are checked where they are shown).
    await b.get('/admin');
    expect(b.last).toMatch(/<option value="viewer"[^>]*>閲覧者<\/option>/);
    expect(b.last).toMatch(/<option value="responder"[^>]*>対応者<\/option>/);
    expect(b.last).toContain('<span class="chip">管理者</span>');
    // A validation error on a console form is Japanese and names the field as the form does.
    await b.get('/report');
    const submissionId = /name="submissionId" value="([^"]+)"/.exec(b.last)![1]!;
    await b.post('/report', { body: 'テスト', senderId: 'tanaka_taro', approved: 'unknown', submissionId });
    expect(b.last).toContain('送信者のアカウント番号: 数字で入力してください');
    expect(b.last).not.toMatch(/expected number|Invalid input/);
  });

  it('a state has one name in the console, Slack and the glossary', async () => {
    rt = await consoleRuntime();
    const ref = await submit(rt);
    const b = new Browser(rt.app);
    await b.signIn('responder');
    await b.get(`/cases/${ref}`);
    const version = /name="expectedVersion" value="(\d+)"/.exec(b.last)?.[1];
    await b.post(`/cases/${ref}/actions`, { action: 'acknowledge', ...(version ? { expectedVersion: version } : {}) });
    await b.get(`/cases/${ref}`);
    expect(b.last).toContain(STATUS.acknowledged.ja);
    const slack = JSON.stringify(buildCardMessage(await rt.deps.cases.card(ref), { mentionHigh: 'none' }));
    expect(slack).toContain(`${STATUS.acknowledged.ja} / ${STATUS.acknowledged.en}`);
    expect(ACTION.acknowledge.verb.ja).toBe('対応を開始する');
  });
});

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('every audit event has a name', () => {
  it('each event type the code writes (actions, intake, timers, retention, audit keying, the guard) is in the glossary, in Japanese', () => {
    const types = [
      'opened',
      'report_added',
      ...CASE_ACTIONS,
      ...TIMER_KINDS.map((k) => `escalation.${k}`),
      'retention_purged',
      'audit_keyed',
      'contact_request_declined',
    ];
    // The list above must follow the code: every literal event type passed to the audit trail is in it.
    const written = new Set<string>();
    for (const dir of ['src', 'adapters']) {
      for (const file of fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })) {
        if (!/\.tsx?$/.test(file)) continue;
        const text = fs.readFileSync(path.join(ROOT, dir, file), 'utf8');
        for (const m of text.matchAll(/append\(\{\s*(?:[a-zA-Z]+(?:: [^,\n]+)?,\s*)*type: '([a-z_.]+)'/g)) written.add(m[1]!);
      }
    }
    expect(written.size).toBeGreaterThan(0);
    for (const t of written) expect(types, `${t} is written by the code but not listed here`).toContain(t);
    for (const t of types) {
      expect(Object.hasOwn(EVENT, t), t).toBe(true);
      expect(EVENT[t]!.ja, t).not.toMatch(/^[a-z_.]+$/);
    }
  });
});
