/**
 * Shared vocabulary of the detection engine. Offsets are UTF-16 indices into the original
 * `report.message.body`, so the console and cards can highlight exactly what a rule saw.
 */

export const VERDICTS = ['none', 'low', 'medium', 'high'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Order of verdicts, for "the highest severity of a case". */
export const verdictRank: Record<Verdict, number> = { none: 0, low: 1, medium: 2, high: 3 };

export interface Bilingual {
  ja: string;
  en: string;
}

/** A piece of the original message that a rule relied on. `text === body.slice(start, end)`. */
export interface Evidence {
  text: string;
  start: number;
  end: number;
}

export const SIGNAL_CATEGORIES = [
  'identity', // who the sender claims to be vs. who they are
  'money', // transfers, payments, amounts
  'payee', // bank-account changes, unregistered or personal/overseas accounts
  'credential', // passwords, codes, personal data, balances
  'offplatform', // LINE groups, QR codes, invite links, call-back numbers
  'pressure', // urgency, secrecy, isolation, can't-call excuses
  'giftcard',
  'context', // new contact, analysis limits, etc.
  'mitigating', // signs of an ordinary, verifiable business process
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/** One rule that fired, with what it saw. */
export interface Signal {
  ruleId: string;
  title: Bilingual;
  category: SignalCategory;
  /** The rule's explanation, for humans. */
  explanation: Bilingual;
  /** What this firing found, when the rule can say more than its explanation (names, accounts). */
  detail?: Bilingual;
  /** `strong` signals can carry a verdict; `weak` ones only support it. */
  strength: 'weak' | 'strong';
  evidence: Evidence[];
}

export const OBSERVABLE_KINDS = ['bank_account', 'phone', 'email', 'url', 'line_id', 'amount', 'gift_card', 'chatwork_account'] as const;
export type ObservableKind = (typeof OBSERVABLE_KINDS)[number];

/**
 * Something concrete in a message that can be compared across reports: a bank account, a phone
 * number, a link. `value` is canonical (the same account written two ways has the same value);
 * `display` is a readable form.
 */
export interface Observable {
  kind: ObservableKind;
  value: string;
  display: string;
  evidence: Evidence;
  /** Kind-specific details (bank name, branch, holder, amount in yen, URL host, …). */
  details?: Record<string, string | number | boolean | null>;
}

/** Result of matching the sender against the ledger. */
export interface IdentityMatch {
  kind: 'person' | 'partner' | 'support';
  /** Ledger name (person) or company (partner) being claimed or imitated. */
  name: string;
  role?: string | null;
  company?: string | null;
  executive: boolean;
  /** How the claim was recognised. */
  how: 'account_id' | 'exact_name' | 'lookalike_name' | 'signature' | 'company_name' | 'support_claim';
  /** The ledger's own account id for that person, when known. */
  ledgerAccountId?: number | null;
  /** True when the sender's account id is the ledger's id for that person. */
  accountMatches: boolean;
  /** Contact details from the ledger to verify with (never from the message). */
  verifyWith: { phone?: string | null; email?: string | null };
}

export interface DetectionResult {
  verdict: Verdict;
  score: number;
  signals: Signal[];
  observables: Observable[];
  identity: IdentityMatch | null;
  /** One-line explanation of the verdict, ja and en. */
  summary: Bilingual;
}
