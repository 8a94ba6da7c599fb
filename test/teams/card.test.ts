import { describe, expect, it } from 'vitest';
import { actedFirstNotice } from '../../adapters/teams/bot.ts';
import { buildTeamsCard, LIMITS, verbsFor } from '../../adapters/teams/card.ts';
import { checkCard } from './ac-validate.ts';
import { activeMarkup } from './inert.ts';
import { escapeCardText } from '../../adapters/teams/escape.ts';
import { baseCard } from '../fixtures/case-card.ts';
import { everyCard, HOSTILE, hugeCard } from './fixtures.ts';

type Json = Record<string, unknown>;
const texts = (node: unknown, out: string[] = []): string[] => {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    if (o.type === 'TextBlock') out.push(String(o.text));
    if ('title' in o && 'value' in o) out.push(String(o.value));
    Object.values(o).forEach((v) => texts(v, out));
  }
  return out;
};
const messageText = (card: { body: Json[] }) =>
  ((card.body.find((b) => b.type === 'Container' && b.style === 'emphasis') as Json).items as Json[])[0]!.text as string;
const executeVerbs = (card: { actions: Json[] }) => card.actions.filter((a) => a.type === 'Action.Execute').map((a) => a.verb);

describe('Teams Adaptive Card', () => {
  it('a sanity check of the checker: it does report unknown elements, unknown actions and missing wrap', () => {
    const bad = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Bogus' }, { type: 'TextBlock', text: 'x' }], actions: [{ type: 'Action.Submit', title: 'x' }, { type: 'Action.Nope' }] };
    const r = checkCard(bad);
    expect(r.events.join('\n')).toMatch(/Unknown element type "Bogus"/);
    expect(r.events.join('\n')).toMatch(/Unknown action type "Action.Nope"/);
    expect(r.problems).toEqual(expect.arrayContaining(['TextBlock without wrap: x', 'action Action.Submit']));
  });

  for (const { name, card } of everyCard()) {
    it(`is a valid 1.5 card with no parse events: ${name}`, () => {
      const json = buildTeamsCard(card);
      expect(checkCard(json)).toEqual({ events: [], problems: [] });
      expect(JSON.stringify(json).length).toBeLessThan(28_000);
      const withNotice = buildTeamsCard(card, { notice: actedFirstNotice(card, 'Cannot resolve: it is already resolved') });
      expect(checkCard(withNotice)).toEqual({ events: [], problems: [] });
    });
  }

  it('offers only the buttons that still make sense, each with verb and {caseRef}', () => {
    expect(executeVerbs(buildTeamsCard(baseCard({ status: 'new' })))).toEqual(['case.acknowledge', 'case.resolve.fraud', 'case.resolve.false_positive']);
    expect(executeVerbs(buildTeamsCard(baseCard({ status: 'acknowledged' })))).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
    expect(executeVerbs(buildTeamsCard(baseCard({ status: 'investigating' })))).toEqual(['case.resolve.fraud', 'case.resolve.false_positive']);
    expect(executeVerbs(buildTeamsCard(baseCard({ status: 'resolved', resolution: 'fraud_confirmed' })))).toEqual([]);
    const card = buildTeamsCard(baseCard());
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'case.acknowledge', data: { caseRef: 'KKN-000042' } });
    expect(card.actions.at(-1)).toEqual({ type: 'Action.OpenUrl', title: '詳細を開く / Open case', url: 'http://localhost:8787/cases/KKN-000042' });
    expect(verbsFor('resolved')).toEqual([]);
  });

  it('shows what the Slack card shows: severity and ref, who is impersonated, the sender, the message, signals with evidence, observables, the ledger contact, counts and status', () => {
    const all = texts(buildTeamsCard(baseCard({ status: 'acknowledged', lastAction: { action: 'acknowledge', actor: { platform: 'teams', userId: 'a', displayName: '佐藤 花子' }, at: '2026-01-07T01:00:00.000Z' } }))).join('\n');
    for (const expected of [
      'KKN-000042',
      '重大度: 高 / Severity: High',
      '山田 太郎（代表取締役, 株式会社サンプル）',
      'ID 9999999',
      '台帳にないアカウント',
      '12分 / 12 min',
      'LINEグループを作成',
      'LINEグループへの誘導 / Move to a LINE group',
      '三井住友銀行 本店 普通 1234567 （台帳に登録なし / not in the ledger）',
      '（台帳に登録あり / in the ledger）',
      '3 件（2 人）/ 3 from 2 people',
      '👀 対応中 / Acknowledged — 対応を開始しました: 佐藤 花子（Teams）/ acknowledged by 佐藤 花子 (Teams), 2026-01-07 10:00 JST',
      'KKN-000007',
    ]) {
      expect(all).toContain(expected);
    }
    // The ledger contact to verify with (escaped like everything else: no auto-link).
    expect(all).toMatch(/03-1234-5678 \/ yamada@\u200Bsample\.\u200Bco\.\u200Bjp/);
  });

  it('no hostile text from the message, sender, evidence, observables or actor renders as Markdown or a link', () => {
    const json = buildTeamsCard(hugeCard());
    const serialized = JSON.stringify(json);
    for (const raw of ['https://evil', 'evil.example', 'ceo@evil', '[こちら](', '**至急**', '\u202E', '{{DATE', '<at>']) expect(serialized).not.toContain(raw);
    const noticed = JSON.stringify(buildTeamsCard(hugeCard(), { notice: actedFirstNotice(hugeCard(), '') }));
    for (const raw of ['https://evil', '**至急**', '[こちら](']) expect(noticed).not.toContain(raw);
    // The message block is the fraudster's text alone: nothing in it may be active.
    expect(activeMarkup(messageText(json))).toBeNull();
    // Everywhere else hostile text shows up in its escaped form.
    const escapedStart = escapeCardText(HOSTILE).slice(0, 30);
    expect(texts(json).filter((t) => t.includes(escapedStart)).length).toBeGreaterThan(5);
  });

  it('cuts huge inputs to fit: message, signals, evidence, observables and linked cases are bounded', () => {
    const json = buildTeamsCard(hugeCard());
    const message = messageText(json);
    expect(message.length).toBeLessThanOrEqual(LIMITS.message * 2);
    expect(message.endsWith('…')).toBe(true);
    expect(texts(json).some((t) => t.includes('ほか / more: 30'))).toBe(true);
    expect(JSON.stringify(json).length).toBeLessThan(28_000);
  });
});
