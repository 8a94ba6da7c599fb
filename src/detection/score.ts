/**
 * From signals to a verdict. The score is built from combinations, not sums of keywords: what the
 * message asks for (money, an account change, secrets, a move off-platform) is weighed against who
 * is asking (a ledger name from the wrong account, fake support, an authority) and how (pressure).
 * A keyword with nobody suspicious behind it and nothing asked stays low.
 *
 * The computation is in two steps, so another signal (a statistical model) can be added as one more
 * part without touching the rules: `scoreParts` reads the signals into named parts, `combine` turns
 * the parts into a score and applies the caps, each with a reason.
 */
import { MODEL_RULE_ID } from './model/index.ts';
import type { Bilingual, IdentityMatch, Signal, SignalCategory, Verdict } from '../domain/detection.ts';

const ASK_CATEGORIES: ReadonlySet<SignalCategory> = new Set(['money', 'payee', 'credential', 'offplatform', 'giftcard']);

/**
 * What a taken-over account shows even without pressure: where the money goes (a personal,
 * overseas, changed or — from a partner — unregistered account, crypto), and what colleagues and partners never ask for in chat
 * (codes and passwords, sign-in links, admin rights, gift cards, a move to another app, and — strong only —
 * balance screenshots, who approves payments, where the bank token is kept).
 */
const TAKEOVER_RED_FLAGS: ReadonlySet<string> = new Set([
  'payee.personal_account', 'payee.overseas_account', 'payee.account_change', 'payee.unregistered_account', 'money.crypto_payment', 'credential.secret_request',
  'credential.balance_request',
  'credential.phishing_link', 'credential.admin_rights', 'giftcard.purchase_request', 'offplatform.group_qr', 'offplatform.handle_request',
  'offplatform.invite_link', 'offplatform.move', 'offplatform.callback_number',
]);

/** Points for each part of the combination; see `combine`. */
export const WEIGHTS = {
  askStrong: 45,
  askWeak: 20,
  /** A second, different kind of strong ask (money + secrecy-backed account change …). */
  askBreadth: 8,
  /** A ledger name from another account: with an executive's name that alone is medium. */
  identityStrong: 35,
  identityWeak: 15,
  executive: 10,
  /** A brand-new contact adds a little, but never carries a message to medium by itself (see `combine`). */
  newContactStrong: 10,
  newContactWeak: 5,
  pressureEach: 8,
  pressureMax: 24,
  /** An ask from a suspicious identity is worse than the sum of the two (when one of them is strong). */
  synergy: 12,
  mitigationTrusted: 15,
  mitigationOther: 5,
  mitigationMax: 30,
  /** The wording model's signal (see `withWording`): at its supporting and at its strong threshold. */
  wordingSupporting: 15,
  wordingStrong: 25,
} as const;

/**
 * How far the wording model may move a verdict on its own. Chosen on companies neither the rules
 * nor the model had seen (docs/detection.md): the model lifts what the rules half-saw, and it vetoes
 * a medium the rules reached with nothing concrete behind it when the wording is plainly ordinary.
 */
export const WORDING = {
  /** With nothing asked and no false identity, only wording this certain reaches medium (never high). */
  alone: 0.9,
  /** Wording this ordinary keeps a rules-only medium at low, unless a strong identity, payee or gift-card signal fired. */
  ordinary: 0.1,
} as const;

export const THRESHOLDS: Record<Exclude<Verdict, 'none'>, number> = { high: 70, medium: 45, low: 20 };

export interface ScoreResult {
  score: number;
  verdict: Verdict;
  summary: Bilingual;
}

/** 0 none, 1 weak, 2 strong. */
type Level = 0 | 1 | 2;

/** The signals of one message read into the parts of the score. */
export interface ScoreParts {
  ask: Level;
  /** Kinds (categories) of strong asks. */
  strongAskKinds: number;
  identity: Level;
  executive: boolean;
  fresh: Level;
  /** Pressure rules that fired, by id. */
  pressure: ReadonlySet<string>;
  mitigations: number;
  /** The sender's account is the ledger's own for the name it uses. */
  trusted: boolean;
  /** A strong signal a taken-over account shows (see TAKEOVER_RED_FLAGS). */
  takeoverRedFlag: boolean;
  /** A strong notice warning about fraud (its quotations were not read as asks). */
  warning: boolean;
  /** A strong identity, payee or gift-card signal: what the wording model never vetoes. */
  concrete: boolean;
  /**
   * The wording model: its probability, and its level read from its signal (0 no signal — under the
   * supporting threshold —, 1 weak, 2 strong); null when it did not run.
   */
  wording: { level: Level; probability: number } | null;
}

/** Verdict for a score. */
export function verdictFor(score: number): Verdict {
  if (score >= THRESHOLDS.high) return 'high';
  if (score >= THRESHOLDS.medium) return 'medium';
  if (score >= THRESHOLDS.low) return 'low';
  return 'none';
}

const level = (s: Signal): Level => (s.strength === 'strong' ? 2 : 1);

/** Read the signals into parts (one pass). Off-platform signals are no ask inside a colleague's social invitation. */
export function scoreParts(signals: Signal[], identity: IdentityMatch | null, wordingProbability: number | null = null): ScoreParts {
  let social = false;
  for (const s of signals) if (s.ruleId === 'mitigating.social_invitation') social = true;
  let ask: Level = 0;
  let idn: Level = 0;
  let fresh: Level = 0;
  let mitigations = 0;
  let takeoverRedFlag = false;
  let warning = false;
  let concrete = false;
  let wordingLevel: Level = 0;
  const strongAskKinds = new Set<SignalCategory>();
  const pressure = new Set<string>();
  for (const s of signals) {
    if (s.strength === 'strong' && CONCRETE_CATEGORIES.has(s.category)) concrete = true;
    if (ASK_CATEGORIES.has(s.category) && !(social && s.category === 'offplatform')) {
      ask = Math.max(ask, level(s)) as Level;
      if (s.strength === 'strong') {
        strongAskKinds.add(s.category);
        if (TAKEOVER_RED_FLAGS.has(s.ruleId)) takeoverRedFlag = true;
      }
    } else if (s.category === 'identity') {
      idn = Math.max(idn, level(s)) as Level;
      // Fake support only fires with a demand (secrets, documents, an account threat): that is an ask.
      if (s.ruleId === 'identity.fake_support') ask = Math.max(ask, 1) as Level;
    } else if (s.category === 'pressure') {
      pressure.add(s.ruleId);
    } else if (s.category === 'mitigating') {
      if (s.ruleId === 'mitigating.fraud_awareness' && s.strength === 'strong') warning = true;
      if (s.ruleId !== 'mitigating.social_invitation') mitigations++;
    } else if (s.ruleId === 'context.new_contact') {
      fresh = Math.max(fresh, level(s)) as Level;
    } else if (s.ruleId === MODEL_RULE_ID) {
      wordingLevel = level(s);
    }
  }
  return {
    ask,
    strongAskKinds: strongAskKinds.size,
    identity: idn,
    executive: idn > 0 && identity?.executive === true,
    fresh,
    pressure,
    mitigations,
    trusted: identity?.accountMatches === true,
    takeoverRedFlag,
    warning,
    concrete,
    wording: wordingProbability === null ? null : { probability: wordingProbability, level: wordingLevel },
  };
}

const CONCRETE_CATEGORIES: ReadonlySet<SignalCategory> = new Set(['identity', 'payee', 'giftcard']);

const BELOW_MEDIUM = THRESHOLDS.medium - 1;

/** Combine the parts into a score (0–100): the rules' combination, then the wording model's say. */
export function combine(p: ScoreParts): number {
  const rules = combineRules(p);
  return p.wording === null ? rules : withWording(rules, p, p.wording);
}

/**
 * The wording model's say on the rules' score. It adds 15/25 at its supporting/strong threshold;
 * never on a fraud warning; alone (nothing asked, no false identity) it reaches medium only when
 * near certain; it keeps a rules-only medium at low when the wording is plainly ordinary and no
 * strong identity, payee or gift-card signal fired; and from the ledger's own account it does not
 * lift business as usual (the rules' cap for a trusted sender without pressure or a red flag holds);
 * merely supporting wording does not carry a weak ask from nobody in particular over medium.
 */
function withWording(rules: number, p: ScoreParts, w: { level: Level; probability: number }): number {
  if (p.warning) return rules;
  let score = rules + (w.level === 2 ? WEIGHTS.wordingStrong : w.level === 1 ? WEIGHTS.wordingSupporting : 0);
  // Nothing asked and at most a weak identity sign (a partner's name from a new account, a look-alike of someone junior): an introduction, unless the wording is near certain.
  if (p.ask === 0 && p.identity < 2) {
    score = w.probability >= WORDING.alone ? Math.min(Math.max(score, THRESHOLDS.medium), THRESHOLDS.high - 1) : Math.min(score, BELOW_MEDIUM);
  }
  if (w.probability < WORDING.ordinary && rules < THRESHOLDS.high && !p.concrete) score = Math.min(score, BELOW_MEDIUM);
  // Merely supporting wording does not carry a weak ask from nobody in particular to medium.
  const unlifted = Math.max(rules, BELOW_MEDIUM);
  if (w.level < 2 && p.ask < 2 && p.identity === 0) score = Math.min(score, unlifted);
  if (p.trusted && p.identity === 0 && p.pressure.size === 0 && !p.takeoverRedFlag) score = Math.min(score, unlifted);
  return Math.max(0, Math.min(100, Math.round(score)));
}

/** The rules' combination (0–100). */
function combineRules(p: ScoreParts): number {
  let score = 0;
  score += p.ask === 2 ? WEIGHTS.askStrong : p.ask === 1 ? WEIGHTS.askWeak : 0;
  score += Math.max(0, p.strongAskKinds - 1) * WEIGHTS.askBreadth;
  score += p.identity === 2 ? WEIGHTS.identityStrong : p.identity === 1 ? WEIGHTS.identityWeak : 0;
  if (p.executive) score += WEIGHTS.executive;
  score += Math.min(WEIGHTS.pressureMax, p.pressure.size * WEIGHTS.pressureEach);
  if (p.ask > 0 && p.identity > 0 && (p.ask === 2 || p.identity === 2)) score += WEIGHTS.synergy;
  const relief = p.mitigations * (p.trusted && p.identity === 0 ? WEIGHTS.mitigationTrusted : WEIGHTS.mitigationOther);
  score -= Math.min(WEIGHTS.mitigationMax, relief);
  // A brand-new contact adds to the score but never lifts a message to medium: genuine new
  // contacts are common, and impostors who took their time are not new.
  const fresh = p.fresh === 2 ? WEIGHTS.newContactStrong : p.fresh === 1 ? WEIGHTS.newContactWeak : 0;
  score = score >= THRESHOLDS.medium ? score + fresh : Math.min(score + fresh, BELOW_MEDIUM);
  // Without an ask or a false identity, pressure words alone never reach medium.
  if (p.ask === 0 && p.identity === 0) score = Math.min(score, BELOW_MEDIUM);
  // From the ledger's own account, a plain request is business as usual; a taken-over account shows
  // itself by pressure, or by a red flag (where the money goes, what is asked for).
  if (p.trusted && p.identity === 0 && p.pressure.size === 0 && !p.takeoverRedFlag) score = Math.min(score, BELOW_MEDIUM);
  // Secrecy or a personal favour behind a strong ask, even from a trusted account, is what a taken-over account asks.
  if (p.trusted && p.identity === 0 && p.ask === 2 && (p.pressure.has('pressure.secrecy') || p.pressure.has('pressure.unreachable'))) {
    score = Math.max(score, THRESHOLDS.medium);
  }
  // "Today, quietly": an ask with both urgency and secrecy from someone not known to be who they say is the fraud
  // as Chatwork's FAQ pictures it. (The ledger's own accounts have their rule above: a strong ask with secrecy.)
  if (!p.trusted && p.ask > 0 && p.pressure.has('pressure.urgency') && p.pressure.has('pressure.secrecy')) score = Math.max(score, THRESHOLDS.medium);
  // A warning about fraud from someone who is who they say asks nothing (its quotations were not read as asks),
  // unless it carries a red flag of its own (a sign-in link, a code request).
  if (p.warning && p.identity === 0 && !p.takeoverRedFlag) score = Math.min(score, BELOW_MEDIUM);
  return Math.max(0, Math.min(100, Math.round(score)));
}

/**
 * Score the signals of one message.
 * - ask: the strongest request (money, payee, credential, off-platform, gift card);
 * - identity: a ledger name from another account, fake support, an institution or proxy claim;
 * - newness of the contact; pressure (urgency, secrecy, excuses, paperwork later);
 * - mitigation (formal process, registered payee, a fraud warning) counts fully only when the sender is who they say.
 */
export function scoreSignals(signals: Signal[], identity: IdentityMatch | null, wordingProbability: number | null = null): ScoreResult {
  const parts = scoreParts(signals, identity, wordingProbability);
  const score = combine(parts);
  const verdict = verdictFor(score);
  return { score, verdict, summary: summarise(verdict, parts, identity) };
}

/** How each pressure rule is named in the summary: only what fired is named. */
const PRESSURE_NAMES: Record<string, Bilingual> = {
  'pressure.urgency': { ja: '急がせる表現', en: 'urgency' },
  'pressure.secrecy': { ja: '秘密にさせる表現', en: 'secrecy' },
  'pressure.unreachable': { ja: '確認の電話を避ける口実', en: 'an excuse not to be called' },
  'pressure.task_opener': { ja: '「今、席にいますか」型の切り出し', en: 'an "are you at your desk?" opener' },
  'money.paperwork_later': { ja: '手続きの後回し', en: 'paperwork put off' },
  'money.receipt_proof': { ja: '振込控えの要求', en: 'a request for the transfer receipt' },
  'money.second_request': { ja: '追加の支払い依頼', en: 'a follow-up payment' },
};

const VERDICT_LABELS: Readonly<Record<Verdict, Bilingual>> = {
  high: { ja: 'なりすまし詐欺の可能性が高い', en: 'Likely impersonation fraud' },
  medium: { ja: 'なりすまし詐欺の疑いあり', en: 'Suspected impersonation fraud' },
  low: { ja: '注意が必要な要素あり', en: 'Some risk signs' },
  none: { ja: '詐欺の兆候は見つかりません', en: 'No fraud signs found' },
};

function summarise(verdict: Verdict, p: ScoreParts, identity: IdentityMatch | null): Bilingual {
  const ja: string[] = [];
  const en: string[] = [];
  if (p.identity > 0 && identity && !identity.accountMatches) {
    ja.push(`台帳の${identity.name}を名乗る別アカウント`);
    en.push(`an account that is not ${identity.name}'s uses their name`);
  } else if (p.identity > 0) {
    ja.push('公式・金融機関・役員の代理などを名乗る送信者');
    en.push('a sender claiming to be an official body or to act for an executive');
  }
  if (p.fresh > 0) {
    ja.push('承認直後のコンタクト');
    en.push('a brand-new contact');
  }
  if (p.ask > 0) {
    ja.push(p.ask === 2 ? '送金・口座・情報・外部移動の具体的な依頼' : '送金・情報に関わる依頼');
    en.push(p.ask === 2 ? 'a concrete request for money, accounts, secrets or a move off-platform' : 'a request touching money or information');
  }
  if (p.wording !== null && p.wording.level > 0 && !p.warning && verdict !== 'none') {
    ja.push('過去の詐欺に似た文面');
    en.push('wording like known fraud');
  }
  const named = [...p.pressure].map((id) => PRESSURE_NAMES[id]).filter((n): n is Bilingual => n !== undefined);
  if (named.length > 0) {
    ja.push(named.map((n) => n.ja).join('・'));
    en.push(named.map((n) => n.en).join(', '));
  }
  const label = VERDICT_LABELS[verdict];
  if (ja.length === 0) return { ...label };
  return { ja: `${label.ja}: ${ja.join('、')}。`, en: `${label.en}: ${en.join(', ')}.` };
}
