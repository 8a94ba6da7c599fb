/**
 * Injection in every outbound format, with one shared list of hostile strings: each string is put
 * in every field a fraudster or a hostile user controls (message body, sender name, evidence,
 * observables, an actor's name and note) and the card is built with each adapter's pure builder:
 * Slack Block Kit mrkdwn, Teams Adaptive Card Markdown, the Chatwork reply. The active syntax of
 * the output (Slack `<…>` sequences, Markdown links and emphasis, Chatwork tags) must be exactly
 * what the same card with harmless text produces: hostile text adds none, and nothing auto-links.
 */
import { describe, expect, it } from 'vitest';
import { buildReply } from '../../adapters/chatwork/reply.ts';
import { buildCardMessage } from '../../adapters/slack/blocks.ts';
import { buildTeamsCard } from '../../adapters/teams/card.ts';
import type { CaseCard, ReportOrigin } from '../../src/domain/notifier.ts';
import { baseCard } from '../fixtures/case-card.ts';
import { ALL_HOSTILE, HOSTILE_STRINGS } from './hostile-strings.ts';

/** A card whose every hostile-controlled field holds `s` (the shared fixture, hostile where a fraudster or user writes). */
function cardWith(s: string, over: Partial<CaseCard> = {}): CaseCard {
  return baseCard({
    status: 'acknowledged',
    score: 91,
    lastAction: { action: 'acknowledge', actor: { platform: 'api', userId: 'token:1', displayName: s }, at: '2026-01-07T00:01:00.000Z', note: s },
    sender: { name: s, accountId: 9_999_999, contactAgeMinutes: 12, inLedger: false },
    message: { body: `至急 ${s} 至急`, sentAt: '2026-01-07T00:00:00.000Z' },
    signals: [{ ruleId: 'pressure-urgency', title: { ja: '急がせる', en: 'Urgency' }, evidence: [{ text: s.slice(0, 200), start: 0, end: 2 }] }],
    observables: [
      { kind: 'url', display: s.slice(0, 300), inLedger: null },
      { kind: 'bank_account', display: s.slice(0, 300), inLedger: false },
    ],
    reportCount: 2,
    reporterCount: 2,
    escalated: true,
    linkedCases: [],
    openedAt: '2026-01-07T00:00:00.000Z',
    updatedAt: '2026-01-07T00:05:00.000Z',
    ...over,
  });
}

const HARMLESS = '山田です';
const CASES = [...HOSTILE_STRINGS.map((s, i) => [`#${i} ${JSON.stringify(s.slice(0, 40))}`, s] as const), ['all at once', ALL_HOSTILE] as const];

/** Every string under a `text` key of type mrkdwn (what Slack parses), plus the notification text. */
function slackTexts(msg: { text: string; blocks: unknown[] }): string[] {
  const out = [msg.text];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(msg.blocks);
  return out;
}

/** Every TextBlock text and FactSet title/value of an Adaptive Card (what Teams renders as Markdown). */
function teamsTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (Array.isArray(o.facts)) for (const f of o.facts as { title?: string; value?: string }[]) out.push(String(f.title ?? ''), String(f.value ?? ''));
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Active syntax per format, as a sorted list (a multiset). A zero-width space breaks an auto-link. */
const slackActive = (texts: string[]) => texts.flatMap((t) => [...t.matchAll(/<[^<>]*>/g)].map((m) => m[0])).sort();
const teamsActive = (texts: string[]) =>
  texts
    .flatMap((t) => [...t.matchAll(/\[[^\]]*\]\([^)]*\)|\*\*|__|~~|`|<\/?[a-z][^>]*>|\{\{|https?:\/\/[^\s\u200B]|[^\s\u200B]@[^\s\u200B]+\.[^\s\u200B]/gi)].map((m) => m[0]))
    .sort();
const chatworkTags = (body: string) => [...body.matchAll(/\[\/?[a-zA-Z]+[^\]]*\]/g)].map((m) => m[0].replace(/\d+/g, 'N')).sort();

const ORIGIN: ReportOrigin = { platform: 'chatwork', roomId: '4242', messageId: '1800000000000000001', accountId: '1000015' };

describe('hostile text in every outbound format', () => {
  const slackBase = slackActive(slackTexts(buildCardMessage(cardWith(HARMLESS), { mentionHigh: 'here' })));
  const teamsBase = teamsActive(teamsTexts(buildTeamsCard(cardWith(HARMLESS))));
  const chatworkBase = (['received', 'acknowledged', 'resolved'] as const).map((e) => chatworkTags(buildReply(cardWith(HARMLESS, e === 'resolved' ? { status: 'resolved', resolution: 'fraud_confirmed' } : {}), ORIGIN, e)));

  it('the baselines contain active syntax, so the comparisons below can fail', () => {
    expect(slackBase.some((s) => s.startsWith('<http://localhost:8787/cases/KKN-000042|'))).toBe(true);
    expect(chatworkBase[0]).toEqual(expect.arrayContaining(['[info]', '[/info]', '[hr]', '[rp aid=N to=N-N]']));
  });

  it.each(CASES)('Slack mrkdwn: %s adds no <…> sequence, no bare link, address or unescaped &', (_name, s) => {
    const texts = slackTexts(buildCardMessage(cardWith(s), { mentionHigh: 'here' }));
    expect(slackActive(texts)).toEqual(slackBase);
    for (const t of texts) {
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(t).not.toContain('https://evil');
      expect(t).not.toContain('evil.example');
      expect(t).not.toContain('ceo@evil');
      expect(t).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it.each(CASES)('Teams Adaptive Card Markdown: %s adds no link, emphasis, code, tag, template or auto-link', (_name, s) => {
    const texts = teamsTexts(buildTeamsCard(cardWith(s)));
    expect(teamsActive(texts)).toEqual(teamsBase);
    for (const t of texts) {
      expect(t).not.toContain('evil.example');
      expect(t).not.toContain('ceo@evil');
      expect(t).not.toMatch(/^\s*(?:[-+]|\d+[.)]|#+|>)\s/m);
      expect(t).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    }
  });

  it.each(CASES)('Chatwork reply: %s adds no tag (mention, reply, quote, info box), no link, address or number', (_name, s) => {
    (['received', 'acknowledged', 'resolved'] as const).forEach((event, i) => {
      const body = buildReply(cardWith(s, event === 'resolved' ? { status: 'resolved', resolution: 'fraud_confirmed' } : {}), ORIGIN, event);
      expect(chatworkTags(body)).toEqual(chatworkBase[i]);
      expect(body).not.toContain('https://evil');
      expect(body).not.toContain('ceo@evil');
      expect(body).not.toContain('4418207');
      expect(body).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    });
  });
});
