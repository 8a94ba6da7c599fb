/** CaseCards for pure Teams card tests: every status, with and without identity, and huge hostile inputs. */
import type { CaseCard } from '../../src/domain/notifier.ts';
import type { CaseStatus, Resolution } from '../../src/domain/case.ts';
import { baseCard } from '../fixtures/case-card.ts';

export const HOSTILE =
  '**至急** [こちら](https://evil.example/pay) _内密に_ ~~取消~~ `code` # 見出し\n> 引用\n- 項目\n+ 項目\n1. 送金\n2) 確認\n' +
  'https://evil.example/login?x=1 www.evil.example evil.example contact: ceo@evil.example <at>全員</at> {{DATE(2026-01-01T00:00:00Z)}} \u202Eevil\u202C';

const ACTION_FOR: Record<CaseStatus, string | null> = { new: null, acknowledged: 'acknowledge', investigating: 'investigate', resolved: 'resolve' };

/** One card per status (resolved: every resolution), each with and without an identity. */
export function everyCard(): { name: string; card: CaseCard }[] {
  const out: { name: string; card: CaseCard }[] = [];
  const variants: [CaseStatus, Resolution | null][] = [
    ['new', null],
    ['acknowledged', null],
    ['investigating', null],
    ['resolved', 'fraud_confirmed'],
    ['resolved', 'false_positive'],
    ['resolved', 'benign'],
    ['resolved', 'money_lost'],
  ];
  for (const [status, resolution] of variants) {
    const action = ACTION_FOR[status];
    const lastAction = action
      ? { action, actor: { platform: 'teams' as const, userId: 'aad-1', displayName: '佐藤 花子' }, at: '2026-01-07T01:00:00.000Z', note: null }
      : null;
    for (const identity of [true, false]) {
      out.push({
        name: `${status}${resolution ? `/${resolution}` : ''} ${identity ? 'with' : 'without'} identity`,
        card: baseCard({ status, resolution, lastAction, ...(identity ? {} : { impersonated: null }) }),
      });
    }
  }
  out.push({ name: 'bare: nothing known', card: baseCard({ impersonated: null, signals: [], observables: [], linkedCases: [], sender: { name: null, accountId: null, contactAgeMinutes: null, inLedger: false }, message: { body: '', sentAt: null }, severity: 'medium' }) });
  out.push({ name: 'huge hostile inputs', card: hugeCard() });
  return out;
}

/** Everything as long and hostile as it can be. */
export function hugeCard(): CaseCard {
  const long = (HOSTILE + '😀𠮷').repeat(400);
  return baseCard({
    sender: { name: long, accountId: 1, contactAgeMinutes: 60 * 24 * 400, inLedger: false },
    impersonated: { ...baseCard().impersonated!, name: long, role: long, company: long, verifyWith: { phone: long, email: long } },
    message: { body: long, sentAt: '2026-01-07T00:00:00.000Z' },
    signals: Array.from({ length: 40 }, (_, i) => ({
      ruleId: `rule-${i}`,
      title: { ja: `兆候 ${i} **`, en: `Signal ${i} _x_` },
      evidence: Array.from({ length: 10 }, (_, j) => ({ text: long.slice(j, j + 500), start: 0, end: 500 })),
    })),
    observables: Array.from({ length: 50 }, (_, i) => ({ kind: 'url' as const, display: `https://evil${i}.example/${long.slice(0, 400)}`, inLedger: i % 3 === 0 ? null : i % 2 === 0 })),
    linkedCases: Array.from({ length: 30 }, (_, i) => ({ ref: `KKN-${String(i).padStart(6, '0')}`, reason: { ja: '同じURL', en: 'same URL' }, status: 'new' as const, resolution: null })),
    lastAction: { action: 'acknowledge', actor: { platform: 'slack', userId: 'U1', displayName: long }, at: '2026-01-07T01:00:00.000Z', note: long },
    status: 'acknowledged',
  });
}
