/**
 * Contact requests checked against the ledger (the dev corpus company, 株式会社潮見フードリンク):
 * the same identity logic as messages (the request goes through `detect`), plus what only a
 * request carries. Each case is one a fraudster sends, or one a real person sends.
 */
import { describe, expect, it } from 'vitest';
import { ruleSet } from '../../rules/index.ts';
import { assessContactRequest, type ContactRequest } from '../../rules/contact-request.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { directorySchema } from '../../src/domain/directory.ts';
import { directoryJson } from '../helpers.ts';

const ledger = directorySchema.parse(directoryJson());
const employee = { accountId: 1000015, name: '経理 担当' };
const now = new Date('2026-01-07T00:00:00Z');
const request = (o: Partial<ContactRequest>): ContactRequest => ({
  requestId: 1,
  accountId: 9_990_001,
  name: '山田 花子',
  message: '',
  chatworkId: null,
  organizationName: null,
  department: null,
  ...o,
});
const assess = (o: Partial<ContactRequest>) => assessContactRequest(request(o), ledger, employee, now, createDetector(ruleSet));
const rules = (o: Partial<ContactRequest>) => assess(o).detected.signals.map((s) => s.ruleId);

describe('contact-request check', () => {
  it("the president's exact name from another account is high; the ledger contact to verify through comes with it", () => {
    const a = assess({ name: '髙嶋 宗一郎', message: 'はじめまして。よろしくお願いします。' });
    expect(a.detected.verdict).toBe('high');
    expect(a.claims.imitates?.name).toBe('髙嶋 宗一郎');
    expect(a.detected.identity?.verifyWith.phone).toBe('092-000-1001');
    expect(rules({ name: '髙嶋 宗一郎' })).toEqual(expect.arrayContaining(['identity.impersonation', 'contact_request.ledger_name']));
    expect(a.detected.summary.ja).toContain('髙嶋 宗一郎');
  });

  it('a look-alike of a staff name (variant kanji, glued title) is high', () => {
    expect(assess({ name: '柴田奈緒（経理課長）' }).detected.verdict).toBe('high');
    expect(assess({ name: '宮崎 律子' }).detected.verdict).toBe('high'); // 﨑 → 崎
  });

  it('the same person from their own ledger account is not suspicious', () => {
    const a = assess({ accountId: 1000001, name: '髙嶋 宗一郎', organizationName: '株式会社潮見フードリンク' });
    expect(a.claims.imitates).toBeNull();
    expect(a.claims.organization).toBeNull();
    expect(['none', 'low']).toContain(a.detected.verdict);
  });

  it('an organisation name that claims the company alone is low (a new colleague looks the same); with a ledger name it is high', () => {
    const colleague = assess({ name: '新人 太郎', organizationName: '株式会社潮見フードリンク' });
    expect(colleague.claims.organization).toEqual({ company: '株式会社潮見フードリンク', ours: true });
    expect(colleague.detected.verdict).toBe('low');
    expect(assess({ name: '浦田 健二', organizationName: '灘見水産' }).detected.verdict).toBe('high');
    expect(assess({ name: '別人', organizationName: '灘見水産 経理部' }).claims.organization).toEqual({ company: '株式会社灘見水産', ours: false });
  });

  it('a claim to be Chatwork / kubell support in the name or organisation is high', () => {
    expect(assess({ name: 'Chatworkサポート' }).detected.verdict).toBe('high');
    expect(assess({ name: '佐藤', organizationName: 'kubell セキュリティセンター' }).detected.verdict).toBe('high');
    expect(assess({ name: '佐藤', organizationName: 'kubell セキュリティセンター' }).detected.identity?.kind).toBe('support');
  });

  it("the request's message goes through detection: a stranger asking for a transfer right away is flagged", () => {
    const a = assess({ name: '山田 花子', message: '至急、本日中に下記口座へ50万円振り込んでください。住信SBIネット銀行 法人第一支店 普通 1234567' });
    expect(['medium', 'high']).toContain(a.detected.verdict);
    expect(a.detected.signals.map((s) => s.ruleId)).toContain('context.new_contact');
    expect(a.detected.observables.some((o) => o.kind === 'bank_account')).toBe(true);
  });

  it('an ordinary request from an unknown name with a greeting is not suspicious', () => {
    expect(['none', 'low']).toContain(assess({ name: '田中 一郎', message: '先日の展示会でお会いした田中です。よろしくお願いいたします。' }).detected.verdict);
  });

  it('the report names the requester as sender and the employee as reporter, with the profile in the note', () => {
    const a = assess({ requestId: 77, name: '髙嶋 宗一郎', organizationName: '潮見フードリンク', chatworkId: 'ceo_takashima' });
    expect(a.report.message.sender).toEqual({ accountId: 9_990_001, name: '髙嶋 宗一郎' });
    expect(a.report.reporter).toEqual({ accountId: 1000015, name: '経理 担当' });
    expect(a.report.note).toContain('申請 77');
    expect(a.report.note).toContain('ceo_takashima');
  });
});
