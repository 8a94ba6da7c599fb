/**
 * What a detection rule is: data (id, titles, explanation, examples) plus one pure match
 * function over an analysed message. Rules never score themselves; `src/detection/score.ts`
 * combines what fired.
 */
import type { Directory } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import type { PreparedText } from './text.ts';
import type { Bilingual, Evidence, IdentityMatch, Observable, SignalCategory } from '../domain/detection.ts';
import type { Lexicon } from './lexicon.ts';

/** A weak firing supports a verdict; a strong one can carry it (see score.ts). */
export type Strength = 'weak' | 'strong';

export interface RuleMatch {
  evidence: Evidence[];
  strength: Strength;
  /** Specifics of this firing (which ledger person, which account). */
  detail?: Bilingual;
}

export interface NearOptions {
  /** Folded characters allowed between the two hits (default 40). */
  maxGap?: number;
  /** Also accept `b` before `a`. */
  anyOrder?: boolean;
  /** Ignore hits of `a` that lie inside a hit of this lexicon (「振込」 inside 「振込手数料」). */
  unless?: Lexicon;
}

/** Everything a rule may look at. Built once per message by `src/detection/context.ts`. */
export interface RuleContext {
  report: Report;
  text: PreparedText;
  directory: Directory;
  observables: Observable[];
  /** The ledger person/partner the sender claims to be or imitates, if any. */
  identity: IdentityMatch | null;
  /** Minutes between contact approval and the message; null when unknown. */
  contactAgeMinutes: number | null;
  /** The sender's account id is a ledger person's or partner's own id. */
  senderInLedger: boolean;
  /** The sender's display name, folded like the message (for lexicon checks on the name). */
  senderNameFolded: string;
  /** All hits of a lexicon in the message, as evidence in the original text. */
  find(lexicon: Lexicon): Evidence[];
  /** Does the lexicon occur at all? Cheaper than `find` (no evidence is built): rules check it first. */
  has(lexicon: Lexicon): boolean;
  /** Does the sender's display name contain a word of the lexicon (same boundaries as a scan)? */
  nameHas(lexicon: Lexicon): boolean;
  /** A value computed once per message (helpers several rules call, such as "is a transfer asked?"). */
  memo<T>(key: unknown, compute: () => T): T;
  /**
   * Pairs of hits of `a` and `b` in the same sentence, `b` at most `maxGap` folded characters
   * after `a` ends (or before `a` starts when `anyOrder`). Returns the evidence of both, or [].
   */
  /** Occurrences of a literal (folded the same way as the message), e.g. a ledger name. */
  findText(literal: string): Evidence[];
  near(a: Lexicon, b: Lexicon, options?: NearOptions): Evidence[];
}

/** A message used as a rule's example: a body alone, or a body with sender/context. */
export type Example =
  | string
  | {
      body: string;
      sender?: { accountId?: number | null; name?: string | null };
      sentAt?: string;
      contactApprovedAt?: string | null;
    };

export interface Rule {
  /** Stable id, `category.name`, used in APIs and audit records. */
  id: string;
  title: Bilingual;
  /** What the rule looks for and why it matters, for the person reading the verdict. */
  explanation: Bilingual;
  category: SignalCategory;
  match(ctx: RuleContext): RuleMatch | null;
  /** Messages that must fire this rule, and messages that must not. */
  examples: { match: Example[]; noMatch: Example[] };
}

/**
 * What a detector runs (src/detection/engine.ts `createDetector`): the rules in order and, before
 * they run, the parts of the message to set aside. A warning about fraud quotes the fraud's own
 * words; rules/warning.ts finds those quotations, so the notice is read for what it asks.
 */
export interface RuleSet {
  rules: readonly Rule[];
  /** Spans (original offsets) whose lexicon hits and observables rules ignore, and the lexicons still read there. */
  setAside?: (ctx: RuleContext) => { spans: readonly { start: number; end: number }[]; keep: readonly Lexicon[] };
}
