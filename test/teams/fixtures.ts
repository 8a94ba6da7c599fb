/** CaseCards for pure card tests: every status, with and without identity, and huge hostile inputs. */
import type { CaseCard } from '../../adapters/types.ts';
import type { CaseStatus, Resolution } from '../../src/domain/case.ts';

export const HOSTILE =
  '**至急** [こちら](https://evil.example/pay) _内密に_ ~~取消~~ `code` # 見出し\n> 引用\n- 項目\n+ 項目\n1. 送金\n2) 確認\n' +
  'https://evil.example/login?x=1 www.evil.example evil.example contact: ceo@evil.example <at>全員</at> {{DATE(2026-01-01T00:00:00Z)}} \u202Eevil\u202C';

export function baseCard(over: Partial<CaseCard> = {}): CaseCard {
  return {
    ref: 'KKN-000042',
    url: 'http://localhost:8787/cases/KKN-000042',
    status: 'new',
    resolution: null,
    severity: 'high',
    score: 87,
    lastAction: null,
    impersonated: {
      kind: 'person',
      name: '山田 太郎',
      role: '代表取締役',
      company: '株式会社サンプル',
      executive: true,
      how: 'exact_name',
      ledgerAccountId: 1001,
      accountMatches: false,
      verifyWith: { phone: '03-1234-5678', email: 'yamada@sample.co.jp' },
    },
    sender: { name: '山田 太郎', accountId: 9_999_999, contactAgeMinutes: 12, inLedger: false },
    message: { body: 'お疲れ様です。至急LINEグループを作成してQRコードを送ってください。', sentAt: '2026-01-07T00:00:00.000Z' },
    signals: [
      { ruleId: 'offplatform-line-group', title: { ja: 'LINEグループへの誘導', en: 'Move to a LINE group' }, evidence: [{ text: 'LINEグループを作成', start: 9, end: 19 }] },
      { ruleId: 'pressure-urgency', title: { ja: '急がせる', en: 'Urgency' }, evidence: [{ text: '至急', start: 7, end: 9 }] },
    ],
    observables: [
      { kind: 'bank_account', display: '三井住友銀行 本店 普通 1234567', inLedger: false },
      { kind: 'url', display: 'https://evil.example/qr', inLedger: null },
      { kind: 'phone', display: '03-1234-5678', inLedger: true },
    ],
    reportCount: 3,
    reporterCount: 2,
    linkedCases: [{ ref: 'KKN-000007', reason: { ja: '同じ振込先口座', en: 'same bank account' }, status: 'resolved', resolution: 'fraud_confirmed' }],
    openedAt: '2026-01-07T00:00:00.000Z',
    updatedAt: '2026-01-07T00:05:00.000Z',
    ...over,
  };
}

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
