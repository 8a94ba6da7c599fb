/**
 * From signals to a verdict. The score is built from combinations, not sums of keywords: what the
 * message asks for (money, an account change, secrets, a move off-platform) is weighed against who
 * is asking (a ledger name from the wrong account, fake support, a brand-new contact) and how
 * (pressure). A keyword with nobody suspicious behind it and nothing asked stays low.
 */
import type { Bilingual, IdentityMatch, Signal, SignalCategory, Verdict } from '../domain/detection.ts';

const ASK_CATEGORIES: ReadonlySet<SignalCategory> = new Set(['money', 'payee', 'credential', 'offplatform', 'giftcard']);

/** Payee signals that betray a taken-over account even without pressure (see `scoreSignals`). */
const TAKEOVER_PAYEE_RULES: ReadonlySet<string> = new Set(['payee.personal_account', 'payee.overseas_account', 'payee.account_change']);

/** Points for each part of the combination; see `scoreSignals`. */
export const WEIGHTS = {
  askStrong: 45,
  askWeak: 20,
  /** A second, different kind of strong ask (money + secrecy-backed account change …). */
  askBreadth: 8,
  /** A ledger name from another account: with an executive's name that alone is medium. */
  identityStrong: 35,
  identityWeak: 15,
  executive: 10,
  newContactStrong: 20,
  newContactWeak: 10,
  pressureEach: 8,
  pressureMax: 24,
  /** An ask from a suspicious identity is worse than the sum of the two. */
  synergy: 12,
  mitigationTrusted: 15,
  mitigationOther: 5,
  mitigationMax: 30,
} as const;

export const THRESHOLDS: Record<Exclude<Verdict, 'none'>, number> = { high: 70, medium: 45, low: 20 };

export interface ScoreResult {
  score: number;
  verdict: Verdict;
  summary: Bilingual;
}

function strongest(signals: Signal[], test: (s: Signal) => boolean): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 0;
  for (const s of signals) if (test(s)) best = s.strength === 'strong' ? 2 : Math.max(best, 1) as 1;
  return best;
}

/** Verdict for a score. */
export function verdictFor(score: number): Verdict {
  if (score >= THRESHOLDS.high) return 'high';
  if (score >= THRESHOLDS.medium) return 'medium';
  if (score >= THRESHOLDS.low) return 'low';
  return 'none';
}

/**
 * Score the signals of one message.
 * - ask: the strongest request (money, payee, credential, off-platform, gift card);
 * - identity: a ledger name from another account, fake support, an institution claim;
 * - newness of the contact; pressure (urgency, secrecy, excuses, paperwork later);
 * - mitigation (formal process, registered payee) counts fully only when the sender is who they say.
 */
export function scoreSignals(signals: Signal[], identity: IdentityMatch | null): ScoreResult {
  // Fake support only fires with a demand (secrets, documents, an account threat): that is an ask.
  const ask = Math.max(strongest(signals, (s) => ASK_CATEGORIES.has(s.category)), signals.some((s) => s.ruleId === 'identity.fake_support') ? 1 : 0);
  const strongAskKinds = new Set(signals.filter((s) => ASK_CATEGORIES.has(s.category) && s.strength === 'strong').map((s) => s.category));
  const idn = strongest(signals, (s) => s.category === 'identity');
  const fresh = strongest(signals, (s) => s.ruleId === 'context.new_contact');
  const pressure = new Set(signals.filter((s) => s.category === 'pressure').map((s) => s.ruleId)).size;
  const mitigations = signals.filter((s) => s.category === 'mitigating').length;
  const trusted = identity?.accountMatches === true;

  let score = 0;
  score += ask === 2 ? WEIGHTS.askStrong : ask === 1 ? WEIGHTS.askWeak : 0;
  score += Math.max(0, strongAskKinds.size - 1) * WEIGHTS.askBreadth;
  score += idn === 2 ? WEIGHTS.identityStrong : idn === 1 ? WEIGHTS.identityWeak : 0;
  if (idn > 0 && identity?.executive) score += WEIGHTS.executive;
  score += fresh === 2 ? WEIGHTS.newContactStrong : fresh === 1 ? WEIGHTS.newContactWeak : 0;
  score += Math.min(WEIGHTS.pressureMax, pressure * WEIGHTS.pressureEach);
  if (ask > 0 && (idn > 0 || fresh > 0)) score += WEIGHTS.synergy;
  const relief = mitigations * (trusted && idn === 0 ? WEIGHTS.mitigationTrusted : WEIGHTS.mitigationOther);
  score -= Math.min(WEIGHTS.mitigationMax, relief);
  // Without an ask or a false identity, pressure words alone never reach medium.
  if (ask === 0 && idn === 0) score = Math.min(score, THRESHOLDS.medium - 1);
  // From the ledger's own account, a plain payment request is business as usual; a taken-over
  // account shows itself by pressure, by where the money goes (a personal, overseas or changed
  // account), or by asking for what colleagues never ask in chat (secrets, QR codes, gift cards).
  const redFlag = signals.some(
    (s) => s.strength === 'strong' && (TAKEOVER_PAYEE_RULES.has(s.ruleId) || (ASK_CATEGORIES.has(s.category) && s.category !== 'money' && s.category !== 'payee')),
  );
  if (trusted && idn === 0 && pressure === 0 && !redFlag) score = Math.min(score, THRESHOLDS.medium - 1);
  score = Math.max(0, Math.min(100, Math.round(score)));

  const verdict = verdictFor(score);
  return { score, verdict, summary: summarise(verdict, ask, idn, fresh, pressure, identity) };
}

function summarise(verdict: Verdict, ask: number, idn: number, fresh: number, pressure: number, identity: IdentityMatch | null): Bilingual {
  const ja: string[] = [];
  const en: string[] = [];
  if (idn > 0 && identity) {
    ja.push(`台帳の${identity.name}を名乗る別アカウント`);
    en.push(`an account that is not ${identity.name}'s uses their name`);
  } else if (idn > 0) {
    ja.push('公式・金融機関を名乗る送信者');
    en.push('a sender claiming to be an official body');
  }
  if (fresh > 0) {
    ja.push('承認直後のコンタクト');
    en.push('a brand-new contact');
  }
  if (ask > 0) {
    ja.push(ask === 2 ? '送金・口座・情報・外部移動の具体的な依頼' : '送金・情報に関わる依頼');
    en.push(ask === 2 ? 'a concrete request for money, accounts, secrets or a move off-platform' : 'a request touching money or information');
  }
  if (pressure > 0) {
    ja.push('急がせる・秘密にさせる表現');
    en.push('pressure or secrecy');
  }
  const label: Record<Verdict, Bilingual> = {
    high: { ja: 'なりすまし詐欺の可能性が高い', en: 'Likely impersonation fraud' },
    medium: { ja: 'なりすまし詐欺の疑いあり', en: 'Suspected impersonation fraud' },
    low: { ja: '注意が必要な要素あり', en: 'Some risk signs' },
    none: { ja: '詐欺の兆候は見つかりません', en: 'No fraud signs found' },
  };
  if (ja.length === 0) return label[verdict];
  return { ja: `${label[verdict].ja}: ${ja.join('、')}。`, en: `${label[verdict].en}: ${en.join(', ')}.` };
}
