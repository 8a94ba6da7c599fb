import { describe, expect, it } from 'vitest';
import { buildCardMessage, buttonsFor, LIMITS } from '../../adapters/slack/blocks.ts';
import { escapeMrkdwn, fitMrkdwn, quoteMrkdwn, ZWSP } from '../../adapters/slack/escape.ts';
import { actionReplyText, conflictText, reminderText } from '../../adapters/slack/messages.ts';
import type { CaseCard } from '../../src/domain/notifier.ts';
import { baseCard } from '../fixtures/case-card.ts';
import { controlSequences, textObjects } from './helpers.ts';

const HOSTILE = '<!channel> <!here> <@U123> <https://evil.example/pay|請求書> & < > *bold* _it_ ~del~ `code` :rotating_light: https://evil.example/x a@evil.example @channel #general';

/** The shared card with the values this file asserts on (a different person, bank and times from the Teams tests). */
function card(over: Partial<CaseCard> = {}): CaseCard {
  const base = baseCard();
  return baseCard({
    url: 'http://kakunin.test/cases/KKN-000042',
    impersonated: {
      ...base.impersonated!,
      name: '髙嶋 宗一郎',
      company: '株式会社テスト',
      ledgerAccountId: 1000001,
      verifyWith: { phone: '03-1234-5678', email: 'takashima@example.co.jp' },
    },
    sender: { name: '髙嶋 宗一郎', accountId: 9800811, contactAgeMinutes: 23, inLedger: false },
    message: { body: '急ぎの件です。LINEグループを作ってQRコードを送ってください。', sentAt: '2026-01-07T09:18:00+09:00' },
    signals: [{ ruleId: 'offplatform.group_qr', title: { ja: 'LINEグループ・QRコード', en: 'LINE group / QR code' }, evidence: [{ text: 'LINEグループ', start: 7, end: 14 }] }],
    observables: [
      { kind: 'bank_account', display: 'みずほ銀行 新宿支店 普通 1234567', inLedger: false },
      { kind: 'phone', display: '070-0038-5129', inLedger: null },
    ],
    reportCount: 2,
    openedAt: '2026-01-07T00:20:00.000Z',
    updatedAt: '2026-01-07T00:25:00.000Z',
    ...over,
  });
}

/** Everything Slack would parse as mrkdwn in a message: the top-level text and every mrkdwn object. */
function mrkdwnTexts(msg: { text: string; blocks: unknown[] }) {
  return [{ type: 'mrkdwn', text: msg.text, path: 'text' }, ...textObjects(msg.blocks).filter((t) => t.type === 'mrkdwn')];
}

describe('escaping hostile text for mrkdwn', () => {
  it('leaves no control sequence, no raw & < >, no formatting character and no linkable URL, e-mail or mention', () => {
    const out = escapeMrkdwn(HOSTILE);
    expect(controlSequences(out)).toEqual([]);
    expect(out).not.toMatch(/[<>]/);
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(out).not.toMatch(/[*_~`]/);
    expect(out).not.toContain('https://');
    expect(out).not.toContain('evil.example');
    expect(out).not.toContain('a@evil');
    expect(out).not.toContain('@channel');
    expect(out).not.toContain(':rotating_light:');
    expect(out).not.toContain('#general');
    // The words are still there for a human to read.
    expect(out.replaceAll(ZWSP, '')).toContain('&lt;!channel&gt;');
    expect(out.replaceAll(ZWSP, '')).toContain('https://evil.example/x');
  });

  it('replaces bidi overrides and control characters, keeps newlines', () => {
    expect(escapeMrkdwn('a\u202Eb\u0007c\nd')).toBe('a\uFFFDb\uFFFDc\nd');
  });

  it('cuts between escaped pieces, never inside an entity or a surrogate pair', () => {
    const s = `${'&'.repeat(10)}😀😀😀`;
    for (let max = 1; max < 70; max++) {
      const cut = fitMrkdwn(s, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.replace(/…$/, '')).toMatch(/^(&amp;)*(😀)*$/u);
    }
    const q = quoteMrkdwn('line1\nline2 <!here>\n'.repeat(500), 300);
    expect(q.cut).toBe(true);
    expect(q.text.length).toBeLessThanOrEqual(300);
    expect(q.text.split('\n').every((l) => l.startsWith('>'))).toBe(true);
    expect(controlSequences(q.text)).toEqual([]);
  });
});

describe('the Slack card', () => {
  it('shows severity and ref in the header, the impersonated person, the sender, the message, signals, observables, the ledger contact, reports and the link', () => {
    const msg = buildCardMessage(card(), { mentionHigh: 'none' });
    const header = msg.blocks[0] as { type: string; text: { type: string; text: string } };
    expect(header.type).toBe('header');
    expect(header.text.type).toBe('plain_text');
    expect(header.text.text).toContain('KKN-000042');
    expect(header.text.text).toContain('HIGH');
    const all = JSON.stringify(msg.blocks);
    for (const needle of [
      '髙嶋 宗一郎',
      '代表取締役',
      'ID: 9800811',
      '23分 / 23 min',
      '台帳に未登録 / not in ledger',
      '\\n>急ぎの件です',
      '<mailto:takashima@example.co.jp|takashima@example.co.jp>',
      'LINEグループ・QRコード',
      '「LINEグループ」',
      '台帳にない / not in ledger',
      '03-1234-5678',
      '2件・2名',
      'KKN-000007',
      '<http://kakunin.test/cases/KKN-000042|',
      '2026-01-07 09:18 JST',
    ]) {
      expect(all, needle).toContain(needle);
    }
    expect(buttonsFor(card()).map((b) => b.action_id)).toEqual(['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive']);
    expect(buttonsFor(card()).every((b) => b.value === 'KKN-000042')).toBe(true);
  });

  it('offers only the buttons that still make sense, and shows status, who and when after an action', () => {
    const acked = card({
      status: 'acknowledged',
      lastAction: { action: 'acknowledge', actor: { platform: 'slack', userId: 'U777', displayName: 'Aki Sato' }, at: '2026-01-07T00:30:00.000Z' },
    });
    expect(buttonsFor(acked).map((b) => b.action_id)).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
    const text = JSON.stringify(buildCardMessage(acked, { mentionHigh: 'here' }).blocks);
    expect(text).toContain('対応中 / Acknowledged');
    expect(text).toContain('Aki Sato (Slack)');
    expect(text).toContain('2026-01-07 09:30 JST');
    const resolved = card({ status: 'resolved', resolution: 'fraud_confirmed' });
    const blocks = buildCardMessage(resolved, { mentionHigh: 'here' }).blocks;
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('詐欺と確定 / Fraud confirmed');
  });

  it('mentions only for a high-severity new case, and only as configured', () => {
    const mention = (c: CaseCard, setting: string) => {
      const m = buildCardMessage(c, { mentionHigh: setting });
      return mrkdwnTexts(m).flatMap((t) => controlSequences(t.text).filter((s) => s.startsWith('<!')));
    };
    expect(mention(card(), 'here')).toEqual(['<!here>', '<!here>']); // notification text + the mention block
    expect(mention(card(), 'channel')).toEqual(['<!channel>', '<!channel>']);
    expect(mention(card(), 'S0LEGAL')).toEqual(['<!subteam^S0LEGAL>', '<!subteam^S0LEGAL>']);
    expect(mention(card(), 'none')).toEqual([]);
    expect(mention(card({ severity: 'medium' }), 'here')).toEqual([]);
    expect(mention(card({ status: 'acknowledged' }), 'here')).toEqual([]);
  });

  it('hostile text in every field that can carry it neither pings, links nor formats', () => {
    const hostile = card({
      impersonated: { ...card().impersonated!, name: HOSTILE, role: HOSTILE, company: HOSTILE, verifyWith: { phone: HOSTILE, email: HOSTILE } },
      sender: { name: HOSTILE, accountId: 1, contactAgeMinutes: 1, inLedger: false },
      message: { body: `${HOSTILE}\n${HOSTILE}`, sentAt: null },
      signals: [{ ruleId: 'x', title: { ja: HOSTILE, en: HOSTILE }, evidence: [{ text: HOSTILE, start: 0, end: 1 }] }],
      observables: [{ kind: 'url', display: HOSTILE, inLedger: false }],
      lastAction: { action: 'acknowledge', actor: { platform: 'api', userId: HOSTILE, displayName: HOSTILE }, at: '2026-01-07T00:30:00.000Z', note: HOSTILE },
      status: 'acknowledged',
    });
    const msg = buildCardMessage(hostile, { mentionHigh: 'here' });
    for (const t of mrkdwnTexts(msg)) {
      // The only control sequence is kakunin's own link to the case page.
      for (const seq of controlSequences(t.text)) expect(seq, t.path).toBe('<http://kakunin.test/cases/KKN-000042|ケースを開く / Open KKN-000042>');
      expect(t.text, t.path).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(t.text, t.path).not.toContain('*bold*');
      expect(t.text, t.path).not.toContain('https://evil');
      expect(t.text, t.path).not.toContain('evil.example');
      expect(t.text, t.path).not.toContain('@channel');
      if (t.path !== 'text') expect(t.verbatim, t.path).toBe(true);
    }
    for (const t of textObjects(msg.blocks).filter((x) => x.type === 'plain_text')) expect(t.text).not.toContain('evil');
    // …and the hostile words are still shown, escaped.
    expect(JSON.stringify(msg.blocks)).toContain('&lt;!channel&gt;');
    for (const text of [actionReplyText('KKN-000042', 'acknowledge', null, { platform: 'api', userId: HOSTILE, displayName: HOSTILE }, '2026-01-07T00:30:00Z'), conflictText(hostile)]) {
      expect(controlSequences(text)).toEqual([]);
      expect(text).not.toContain('https://evil');
    }
    expect(controlSequences(reminderText(hostile, { text: { ja: HOSTILE, en: HOSTILE }, mention: false, level: 1 }, 'here'))).toEqual([]);
    expect(controlSequences(reminderText(hostile, { text: { ja: 'x', en: 'y' }, mention: true, level: 1 }, 'here'))).toEqual(['<!here>']);
  });

  it('a huge case (1 MB message, 200 signals, 300 observables, 100 linked cases) stays within Block Kit limits', () => {
    const big = 'あ<!channel>&*'.repeat(1024 * 1024 / 13);
    const huge = card({
      message: { body: big, sentAt: null },
      sender: { name: 'N'.repeat(10_000), accountId: 1, contactAgeMinutes: null, inLedger: false },
      signals: Array.from({ length: 200 }, (_, i) => ({
        ruleId: `r${i}`,
        title: { ja: `シグナル${i}`.repeat(20), en: `signal ${i}`.repeat(20) },
        evidence: Array.from({ length: 10 }, () => ({ text: big.slice(0, 5000), start: 0, end: 5000 })),
      })),
      observables: Array.from({ length: 300 }, (_, i) => ({ kind: 'url' as const, display: `https://evil${i}.example/${'x'.repeat(500)}`, inLedger: false })),
      linkedCases: Array.from({ length: 100 }, (_, i) => ({ ref: `KKN-${String(i).padStart(6, '0')}`, reason: { ja: '同じURL', en: 'same URL' }, status: 'new' as const, resolution: null })),
    });
    const msg = buildCardMessage(huge, { mentionHigh: 'here' });
    expect(msg.blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const ids = msg.blocks.map((b) => b.block_id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of msg.blocks as unknown as Record<string, unknown>[]) {
      const text = b.text as { type: string; text: string } | undefined;
      if (b.type === 'header') expect(text!.text.length).toBeLessThanOrEqual(LIMITS.header);
      if (b.type === 'section' && text) expect(text.text.length, String(b.block_id)).toBeLessThanOrEqual(LIMITS.sectionText);
      const fields = (b.fields as { text: string }[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(LIMITS.fields);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
      if (b.type === 'context') {
        const els = b.elements as { text: string }[];
        expect(els.length).toBeLessThanOrEqual(LIMITS.contextElements);
        for (const e of els) expect(e.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      }
    }
    for (const t of textObjects(msg.blocks)) expect(t.text.length).toBeGreaterThan(0);
    const all = JSON.stringify(msg.blocks);
    expect(all).toContain('全文はケースページに / full text on the case page');
    expect(all).toMatch(/and \d+ more/);
    expect(all.length).toBeLessThan(40_000);
  });
});
