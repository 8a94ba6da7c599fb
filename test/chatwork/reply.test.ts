import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echoHostile, escapeChatwork } from '../../adapters/chatwork/escape.ts';
import { buildReply } from '../../adapters/chatwork/reply.ts';
import type { CaseCard, ReportOrigin } from '../../src/domain/notifier.ts';

const origin: ReportOrigin = { platform: 'chatwork', roomId: '4242', messageId: '1800000000000000001', accountId: '1000015' };
const HOSTILE = '[toall][To:123]山田さん[info][title]kakunin: 安全です[/title]問題ありません[/info][rp aid=5 to=1-2][piconname:77][qt][qtmeta aid=1]x[/qt][hr][code]y[/code]\n【kakunin】安全';

function card(over: Partial<CaseCard> = {}): CaseCard {
  return {
    ref: 'KKN-000007',
    url: 'http://localhost/cases/KKN-000007',
    status: 'new',
    resolution: null,
    severity: 'high',
    score: 0.9,
    lastAction: null,
    impersonated: {
      kind: 'person',
      name: '髙嶋 宗一郎',
      role: '代表取締役社長',
      company: null,
      executive: true,
      how: 'exact_name',
      ledgerAccountId: 1000001,
      accountMatches: false,
      verifyWith: { phone: '092-000-1001', email: 's.takashima@shiomi-foodlink.example.co.jp' },
    },
    sender: { name: '髙嶋 宗一郎', accountId: 9800811, contactAgeMinutes: 23, inLedger: false },
    message: { body: `${HOSTILE} 私の新しい携帯 ０７０－００３８－５１２９ か https://evil.example/x に`, sentAt: null },
    signals: [{ ruleId: 'pressure.urgency', title: { ja: '急がせる', en: 'Urgency' }, evidence: [{ text: '[toall]至急', start: 0, end: 9 }] }],
    observables: [],
    reportCount: 1,
    reporterCount: 1,
    escalated: true,
    linkedCases: [],
    openedAt: '2026-01-07T00:00:00.000Z',
    updatedAt: '2026-01-07T00:00:00.000Z',
    ...over,
  };
}

/** Every bracketed tag Chatwork could parse in `s`. */
const tagsIn = (s: string) => s.match(/\[[^[\]\n]{1,80}\]/g) ?? [];
const OUR_TAGS = ['[rp aid=1000015 to=4242-1800000000000000001]', '[info]', '[title]', '[/title]', '[hr]', '[/info]'];

describe('escapeChatwork', () => {
  it('neutralises every tag: brackets become full-width, lines collapse, format controls go', () => {
    expect(escapeChatwork('[toall]至急[To:123]')).toBe('［toall］至急［To:123］');
    expect(escapeChatwork('a\n\n[info]b\u202Ec\u200Bd')).toBe('a ［info］bcd');
    expect(escapeChatwork('あ'.repeat(300), 10)).toBe(`${'あ'.repeat(9)}…`);
  });

  it('for any input, the output holds no ASCII bracket and no line break', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const out = escapeChatwork(s, 1000);
        return !/[[\]\n\r]/.test(out);
      }),
    );
  });

  it('echoHostile hides the fraudster’s numbers, links and e-mail addresses', () => {
    expect(echoHostile('至急 ０７０－００３８－５１２９ に電話、https://line.me/R/ti/g/abc か a@b.example まで。口座 1234567')).toBe(
      '至急 ＜番号省略＞ に電話、＜リンク省略＞ か ＜メール省略＞ まで。口座 ＜番号省略＞',
    );
    expect(echoHostile('10万円を3日までに')).toBe('10万円を3日までに');
  });
});

describe('buildReply', () => {
  it('received: [rp] to the reporter, case ref, verdict, reasons, and Chatwork’s steps, Japanese first then English', () => {
    const body = buildReply(card(), origin, 'received');
    expect(body.startsWith('[rp aid=1000015 to=4242-1800000000000000001]\n[info][title]kakunin 確認 KKN-000007[/title]')).toBe(true);
    expect(body).toContain('KKN-000007 として受け付けました');
    expect(body).toContain('判定: なりすまし詐欺の可能性が高いです。');
    expect(body).toContain('理由: 急がせる「［toall］至急」');
    expect(body).toContain('送金、口座情報・個人情報・認証コード・QRコードなどの送信はしないでください');
    expect(body).toContain('法務・情報システム担当に通知しました。');
    expect(body).toContain('スクリーンショット');
    expect(body).toContain('コンタクトから削除し、グループチャットから退出');
    expect(body).toContain('警察');
    expect(body.indexOf('今すぐ行ってください')).toBeLessThan(body.indexOf('Do this now:'));
    expect(body).toContain('Verdict: Very likely impersonation fraud.');
  });

  it('names the ledger contact of the impersonated person, never the number from the message', () => {
    const body = buildReply(card({ message: { body: '私の新しい携帯 ０７０－００３８－５１２９ か https://evil.example/x に電話を', sentAt: null } }), origin, 'received');
    expect(body).toContain('・髙嶋 宗一郎（代表取締役社長） ☎ 092-000-1001 / ✉ s.takashima@shiomi-foodlink.example.co.jp に、台帳の連絡先で本人に確認してください。');
    expect(body).toContain('- Verify with 髙嶋 宗一郎 (代表取締役社長) ☎ 092-000-1001 / ✉ s.takashima@shiomi-foodlink.example.co.jp through the contact in your ledger.');
    expect(body).not.toMatch(/０７０|070-?0038|5129|evil\.example/);
    expect(body).toContain('対象メッセージ: 「私の新しい携帯 ＜番号省略＞ か ＜リンク省略＞ に電話を」');
  });

  it('none/low: says what was checked and to verify if in doubt; never to remove the contact or that legal/IT were told when no card went out', () => {
    const partner = card({
      severity: 'none',
      escalated: false,
      signals: [],
      impersonated: { ...card().impersonated!, kind: 'partner', name: '灘見水産', role: null, company: '灘見水産', accountMatches: true },
      sender: { name: '浦田 健', accountId: 2000003, contactAgeMinutes: 400_000, inLedger: true },
    });
    for (const severity of ['none', 'low'] as const) {
      const body = buildReply({ ...partner, severity }, origin, 'received');
      expect(body).toContain('照合しました');
      expect(body).toContain('まだ不安が残る場合は、灘見水産 ☎ 092-000-1001');
      expect(body).not.toMatch(/削除|退出|Remove the contact|今すぐ行ってください/);
      expect(body).not.toContain('通知しました');
      expect(body).not.toContain('Legal/IT have been notified');
    }
    expect(buildReply({ ...partner, severity: 'low', escalated: true }, origin, 'received')).toContain('法務・情報システム担当に通知しました。');
  });

  it('medium/high from the ledger’s own account: it may be taken over, so tell the person instead of removing them', () => {
    const body = buildReply(card({ severity: 'medium', sender: { name: '髙嶋 宗一郎', accountId: 1000001, contactAgeMinutes: null, inLedger: true } }), origin, 'received');
    expect(body).toContain('乗っ取られている可能性');
    expect(body).not.toContain('コンタクトから削除し');
    expect(body).toContain('今すぐ行ってください');
  });

  it('without a ledger match it asks to verify through a known contact and names nobody', () => {
    const body = buildReply(card({ impersonated: null }), origin, 'received');
    expect(body).toContain('取引台帳・名刺・社内名簿にある既知の連絡先');
    expect(body).not.toContain('092-000-1001');
  });

  it('hostile text (message, evidence, names, actor) cannot open a tag or mention anyone: only our own tags remain', () => {
    const hostileCard = card({
      impersonated: { ...card().impersonated!, name: '[toall]', role: '[To:1]', verifyWith: { phone: '[info]', email: null } },
      lastAction: { action: 'acknowledge', actor: { platform: 'slack', userId: 'U1', displayName: '[To:99][toall]' }, at: '2026-01-07T00:00:00.000Z' },
      signals: [{ ruleId: 'x', title: { ja: '[qt]', en: '[/info]' }, evidence: [{ text: '[rp aid=1 to=2-3]', start: 0, end: 1 }] }],
    });
    for (const event of ['received', 'acknowledged', 'investigating', 'resolved', 'reopened'] as const) {
      const body = buildReply({ ...hostileCard, status: event === 'resolved' ? 'resolved' : 'new', resolution: event === 'resolved' ? 'fraud_confirmed' : null }, origin, event);
      const tags = tagsIn(body);
      expect(tags.every((t) => OUR_TAGS.includes(t)), `${event}: ${tags.join(' ')}`).toBe(true);
      expect(body).not.toMatch(/\[(toall|To:|info\]\[title\]kakunin:|qt\]|piconname|code\])/i);
    }
    expect(buildReply(hostileCard, origin, 'received')).toContain('［toall］［To:123］山田さん［info］');
  });

  it('later changes: acknowledged names who, resolved says how; a false positive gets no alarm', () => {
    const by = { action: 'acknowledge', actor: { platform: 'slack' as const, userId: 'U1', displayName: '経理 佐藤' }, at: '2026-01-07T00:00:00.000Z' };
    const ack = buildReply(card({ status: 'acknowledged', lastAction: by }), origin, 'acknowledged');
    expect(ack).toContain('KKN-000007 の更新です。');
    expect(ack).toContain('担当者が確認を始めました（担当: 経理 佐藤）');
    expect(ack).not.toContain('今すぐ行ってください');

    const fraud = buildReply(card({ status: 'resolved', resolution: 'fraud_confirmed' }), origin, 'resolved');
    expect(fraud).toContain('詐欺と確認されました');
    expect(fraud).toContain('今すぐ行ってください');

    const fp = buildReply(card({ status: 'resolved', resolution: 'false_positive' }), origin, 'resolved');
    expect(fp).toContain('詐欺ではありませんでした');
    expect(fp).not.toContain('今すぐ行ってください');
    expect(fp).toContain('既知の連絡先で確認してください');
  });

  it('refuses an origin whose ids are not Chatwork ids (they would forge the [rp] tag)', () => {
    expect(() => buildReply(card(), { ...origin, accountId: '1 to=1-1][toall' }, 'received')).toThrow(/not a Chatwork id/);
  });
});
