/**
 * A contact request, checked before anyone approves it. Chatwork's FAQ (2026-01) says the fraud
 * starts with a contact request from a profile that copies a real executive or partner, and that
 * the most dangerous moment is right after approval. The request is checked with the same identity
 * logic as a message, because it IS run through `detect`: its sender is the requester (account id
 * and display name), its body the request's message, and its contact is as new as it gets
 * (approved "now", so a money or secrets request in the message weighs as it would right after
 * approval). On top of that, three things only a request carries:
 *
 * - a display name that is a ledger person's or partner contact's (exactly or a look-alike) from
 *   an account id that is not theirs: a look-alike, or an exact name when the ledger knows the
 *   real account, is `high`; an exact name the ledger has no account for is `medium`;
 * - an organisation name that claims the company or a partner (「株式会社灘見水産」 from an account
 *   the ledger does not know): alone `low` (a new colleague looks the same), with a name claim one
 *   step higher;
 * - a claim to be Chatwork / kubell support in the name or organisation: `high` (support does not
 *   send contact requests asking for anything).
 *
 * Pure: no I/O. The result is a `DetectionResult` that intake stores as it is (the report's signals,
 * verdict and identity), so a case opened from a request looks like any other.
 */
import { SUPPORT_CLAIM, PLATFORM_BRAND } from './lexicons/identity.ts';
import { containsAny } from '../src/detection/lexicon.ts';
import type { Directory } from '../src/domain/directory.ts';
import type { Report } from '../src/domain/report.ts';
import type { Detector } from '../src/detection/engine.ts';
import { companyCore } from '../src/detection/identity.ts';
import { scoreSignals, THRESHOLDS } from '../src/detection/score.ts';
import { foldForMatch } from '../src/detection/text.ts';
import { verdictRank, type Bilingual, type DetectionResult, type IdentityMatch, type Signal, type Verdict } from '../src/domain/detection.ts';

/** A pending request as Chatwork lists it (`GET /incoming_requests`), fields that matter here. */
export interface ContactRequest {
  requestId: number;
  accountId: number;
  name: string;
  message: string;
  chatworkId: string | null;
  organizationName: string | null;
  department: string | null;
}

/** What a request claims to be, besides what detection found in its message. */
export interface RequestClaims {
  /** The ledger person or partner whose name the requester shows, from another account. */
  imitates: IdentityMatch | null;
  /** The company (ours or a partner's) the organisation name claims, from an account the ledger does not know. */
  organization: { company: string; ours: boolean } | null;
  /** The name or organisation claims Chatwork / kubell support. */
  support: boolean;
}

export interface ContactRequestAssessment {
  /** The request as a report (what intake stores; the note describes the request's profile). */
  report: Report;
  /** Detection of the message plus the request's own signals, scored together. */
  detected: DetectionResult;
  claims: RequestClaims;
}

/** Verdicts at or above this are "suspicious": a warning, a case (and, for `high`, auto-decline when on). */
export const SUSPICIOUS_REQUEST: Verdict = 'medium';

const SIGNALS = {
  name: {
    ruleId: 'contact_request.ledger_name',
    title: { ja: '台帳の人物・取引先の名前でのコンタクト申請', en: 'Contact request under a ledger name' },
    explanation: {
      ja: 'コンタクト申請の表示名が社内台帳の人物・取引先担当者の名前（またはそれに似せた表記）ですが、申請元は台帳にある本人のアカウントではありません。実在の氏名を使った新規アカウントからの申請は、このなりすまし詐欺の入口です。',
      en: "The request's display name is (or imitates) the name of someone in the ledger, but the requesting account is not theirs. Requests from new accounts that copy a real name are how this fraud starts.",
    },
  },
  organization: {
    ruleId: 'contact_request.claims_organization',
    title: { ja: '自社・取引先を名乗る組織名', en: 'Organisation name claiming the company or a partner' },
    explanation: {
      ja: '申請者の組織名が自社または台帳の取引先の社名を名乗っていますが、申請元のアカウントは台帳にありません。',
      en: "The requester's organisation name claims your company or a partner from the ledger, but the account is not in the ledger.",
    },
  },
  support: {
    ruleId: 'contact_request.support_claim',
    title: { ja: 'Chatwork運営・サポートを名乗るコンタクト申請', en: 'Contact request claiming to be Chatwork / kubell support' },
    explanation: {
      ja: 'Chatwork運営（kubell）やサポートを名乗るアカウントからのコンタクト申請です。運営がコンタクト申請やチャットで口座情報・パスワード・送金を求めることはありません。',
      en: 'The request claims to come from Chatwork (kubell) or its support. Chatwork staff never ask for bank details, passwords or money through contact requests or chat.',
    },
  },
} as const;

/** The report a request makes: the requester as sender, the employee as reporter, the profile in the note. */
export function requestReport(req: ContactRequest, employee: { accountId: number; name: string | null }, now: Date): Report {
  const profile = [
    `表示名「${req.name}」`,
    req.organizationName ? `組織名「${req.organizationName}」` : null,
    req.department ? `部署「${req.department}」` : null,
    req.chatworkId ? `Chatwork ID「${req.chatworkId}」` : null,
    `アカウント ${req.accountId}`,
  ].filter(Boolean);
  return {
    message: { body: req.message, sender: { accountId: req.accountId, name: req.name }, sentAt: now.toISOString() },
    context: { contactApprovedAt: now.toISOString(), roomType: 'direct' },
    reporter: { accountId: employee.accountId, name: employee.name },
    note: `コンタクト申請（申請 ${req.requestId}）: ${profile.join('、')} / contact request ${req.requestId}`,
  };
}

/** Does `text` (an organisation or display name) claim `company`? Same core name, or the core inside it. */
function claimsCompany(text: string, company: string): boolean {
  const core = companyCore(company);
  if (core.length < 2) return false;
  const said = companyCore(text);
  return said === core || (core.length >= 3 && said.includes(core));
}

function findClaims(req: ContactRequest, directory: Directory, identity: IdentityMatch | null): RequestClaims {
  const inLedger =
    directory.people.some((p) => p.chatworkAccountId === req.accountId) || directory.counterparties.some((c) => c.chatworkAccountId === req.accountId);
  const imitates =
    identity && !identity.accountMatches && identity.kind !== 'support' && (identity.how === 'exact_name' || identity.how === 'lookalike_name') ? identity : null;

  let organization: RequestClaims['organization'] = null;
  if (!inLedger) {
    const said = [req.organizationName, req.department].filter((x): x is string => !!x);
    const ours = directory.organization.name;
    if (ours && said.some((s) => claimsCompany(s, ours))) organization = { company: ours, ours: true };
    for (const c of directory.counterparties) {
      if (organization) break;
      if ([...said, req.name].some((s) => claimsCompany(s, c.company))) organization = { company: c.company, ours: false };
    }
  }

  const folded = [req.name, req.organizationName ?? '', req.department ?? ''].map(foldForMatch);
  const support = !inLedger && folded.some((f) => containsAny(SUPPORT_CLAIM, f) || containsAny(PLATFORM_BRAND, f));
  return { imitates, organization, support };
}

function signal(kind: keyof typeof SIGNALS, strength: Signal['strength'], detail: Bilingual): Signal {
  const s = SIGNALS[kind];
  return { ruleId: s.ruleId, title: s.title, category: 'identity', explanation: s.explanation, strength, evidence: [], detail };
}

const max = (a: Verdict, b: Verdict): Verdict => (verdictRank[a] >= verdictRank[b] ? a : b);
const up = (v: Verdict): Verdict => (v === 'none' ? 'low' : v === 'low' ? 'medium' : 'high');

/** The lowest verdict each claim stands for on its own (see the module comment). */
function floorOf(claims: RequestClaims): Verdict {
  let v: Verdict = 'none';
  if (claims.support) v = 'high';
  const who = claims.imitates;
  if (who) v = max(v, who.how === 'lookalike_name' || (who.ledgerAccountId ?? null) !== null ? 'high' : 'medium');
  if (claims.organization) v = who ? up(v) : max(v, 'low');
  return v;
}

const scoreOf = (v: Verdict) => (v === 'none' ? 0 : THRESHOLDS[v]);

/**
 * Checks one request against the ledger, running its message through `detect` (the composition
 * root's detector, with the rules of rules/index.ts).
 * @example assessContactRequest({ requestId: 1, accountId: 9999001, name: '髙嶋 宗一郎', message: '', … }, ledger, employee, now, detect)
 *   .detected.verdict // 'high' when the ledger knows 髙嶋's real account
 */
export function assessContactRequest(
  req: ContactRequest,
  directory: Directory,
  employee: { accountId: number; name: string | null },
  now: Date,
  detect: Detector,
): ContactRequestAssessment {
  const report = requestReport(req, employee, now);
  const base = detect(report, directory, { now });
  const claims = findClaims(req, directory, base.identity);

  const extra: Signal[] = [];
  if (claims.imitates) {
    const who = claims.imitates;
    const label = who.kind === 'partner' ? `${who.company ?? ''} ${who.name}`.trim() : `${who.name}${who.role ? `（${who.role}）` : ''}`;
    const ledger = who.ledgerAccountId == null ? null : String(who.ledgerAccountId);
    extra.push(
      signal('name', 'strong', {
        ja: `表示名「${req.name}」は台帳の${label}${who.how === 'lookalike_name' ? 'に似せた表記です' : 'と同じ名前です'}。申請元アカウント ${req.accountId} は${ledger ? `台帳の ${ledger} と異なります` : '台帳に登録がありません'}。`,
        en: `The display name "${req.name}" ${who.how === 'lookalike_name' ? 'imitates' : 'is'} ${label} from the ledger; account ${req.accountId} ${ledger ? `is not the ledger's ${ledger}` : 'is not in the ledger'}.`,
      }),
    );
  }
  if (claims.organization) {
    const o = claims.organization;
    extra.push(
      signal('organization', 'weak', {
        ja: `組織名「${req.organizationName ?? req.name}」は${o.ours ? '自社' : '取引先'}「${o.company}」を名乗っていますが、アカウント ${req.accountId} は台帳にありません。`,
        en: `The organisation "${req.organizationName ?? req.name}" claims ${o.ours ? 'your company' : 'the partner'} "${o.company}", but account ${req.accountId} is not in the ledger.`,
      }),
    );
  }
  if (claims.support) {
    extra.push(signal('support', 'strong', { ja: `「${req.name}」は Chatwork 運営・サポートを名乗っています。`, en: `"${req.name}" claims to be Chatwork support.` }));
  }
  if (extra.length === 0) return { report, detected: base, claims };

  const identity: IdentityMatch | null =
    base.identity ??
    (claims.support
      ? { kind: 'support', name: 'Chatwork（kubell）', executive: false, how: 'support_claim', accountMatches: false, verifyWith: {} }
      : null);
  const signals = [...base.signals, ...extra];
  const scored = scoreSignals(signals, identity);
  const floor = floorOf(claims);
  const verdict = max(scored.verdict, floor);
  const score = Math.max(scored.score, scoreOf(floor));
  return { report, claims, detected: { ...base, signals, identity, verdict, score, summary: requestSummary(verdict, claims) } };
}

function requestSummary(verdict: Verdict, claims: RequestClaims): Bilingual {
  const ja: string[] = [];
  const en: string[] = [];
  if (claims.imitates) {
    ja.push(`台帳の${claims.imitates.name}さんの名前を使った別アカウント`);
    en.push(`an account that is not ${claims.imitates.name}'s uses their name`);
  }
  if (claims.organization) {
    ja.push(`${claims.organization.ours ? '自社' : '取引先'}「${claims.organization.company}」を名乗る組織名`);
    en.push(`the organisation name claims ${claims.organization.company}`);
  }
  if (claims.support) {
    ja.push('Chatwork運営・サポートを名乗る申請');
    en.push('it claims to be Chatwork support');
  }
  const head: Record<Verdict, Bilingual> = {
    high: { ja: 'なりすましのコンタクト申請の可能性が高い', en: 'Likely an impersonating contact request' },
    medium: { ja: 'なりすましのコンタクト申請の疑いあり', en: 'Suspicious contact request' },
    low: { ja: '注意が必要なコンタクト申請', en: 'Contact request with some risk signs' },
    none: { ja: '不審な点は見つかりません', en: 'Nothing suspicious found' },
  };
  return { ja: `${head[verdict].ja}: ${ja.join('、')}。`, en: `${head[verdict].en}: ${en.join(', ')}.` };
}
