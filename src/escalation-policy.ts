/**
 * The escalation policy: per severity, where the card goes, whether reminders mention people, when
 * an unacknowledged card is re-notified, where it goes after the last reminder (second level), and
 * when an acknowledged but unresolved case reminds. Parsed once at start by src/config.ts from an
 * optional JSON file (ESCALATION_POLICY_FILE) plus a few environment overrides.
 *
 * @example a policy file
 *   { "high":   { "targets": ["slack", "teams"], "mention": true, "ackTimeoutMinutes": 10,
 *                 "renotifyIntervalMinutes": 10, "renotifyCount": 2, "secondLevelTargets": ["slack:C0LEGAL"] },
 *     "medium": { "targets": ["slack:C0FRAUD"], "ackTimeoutMinutes": 60 },
 *     "low":    { "targets": [] } }
 */
import { z } from 'zod';
import { NOTIFIER_PLATFORMS, type NotifierPlatform } from './domain/notifier.ts';
import { VERDICTS, verdictRank, type Verdict } from './domain/detection.ts';

/**
 * A target: `all` (every configured card target), a platform (`slack`, `teams`, `console`: that
 * platform's configured targets) or `platform:target` (a Slack channel id, a Teams binding id).
 */
export const targetSpecSchema = z
  .string()
  .regex(
    new RegExp(`^(all|(${NOTIFIER_PLATFORMS.join('|')})(:[^\\s,]{1,200})?)$`),
    `must be "all", a platform (${NOTIFIER_PLATFORMS.join(', ')}) or platform:target such as slack:C0123456789`,
  );

const minutes = z.number().positive().max(525_600);

/** One severity's settings as written in the file; every field is optional. */
export const severityPolicyInputSchema = z
  .object({
    /** Where the card goes. `[]` means no card (and no timers). */
    targets: z.array(targetSpecSchema).max(50).optional(),
    /** Reminders ping people (Slack @here / the configured group, a Teams mention). */
    mention: z.boolean().optional(),
    /** First reminder this long after the card, when nobody acknowledged. null: no reminders. */
    ackTimeoutMinutes: minutes.nullable().optional(),
    /** Time between further reminders (defaults to ackTimeoutMinutes). */
    renotifyIntervalMinutes: minutes.optional(),
    /** Further reminders after the first one. */
    renotifyCount: z.number().int().min(0).max(100).optional(),
    /** After the last reminder the card is posted here too, with a mention. */
    secondLevelTargets: z.array(targetSpecSchema).max(50).optional(),
    /** Acknowledged (or investigating) but not resolved this long: remind (and again every as long). null: never. */
    unresolvedMinutes: minutes.nullable().optional(),
  })
  .strict();

/** The policy file: one optional entry per severity. */
export const policyFileSchema = z.object(Object.fromEntries(VERDICTS.map((v) => [v, severityPolicyInputSchema.optional()]))).strict();

/** One severity's settings, every default filled in. */
export interface SeverityPolicy {
  targets: string[];
  mention: boolean;
  ackTimeoutMinutes: number | null;
  renotifyIntervalMinutes: number;
  renotifyCount: number;
  secondLevelTargets: string[];
  unresolvedMinutes: number | null;
}

export type EscalationPolicy = Record<Verdict, SeverityPolicy>;

/** Environment overrides (applied after the file). `0` turns a timer off. */
export interface PolicyOverrides {
  highAckMinutes?: number | undefined;
  mediumAckMinutes?: number | undefined;
  /** Second-level targets for high and medium. */
  secondLevelTargets?: string[] | undefined;
  /** Unresolved reminder for high and medium. */
  unresolvedMinutes?: number | undefined;
}

const DEFAULT_ACK: Record<Verdict, number | null> = { high: 10, medium: 60, low: null, none: null };

/**
 * Fills the defaults: cards for severities at or above `minVerdict` go to every configured target
 * (what kakunin did before policies existed); high 10 min and medium 60 min to acknowledge, two
 * more reminders at the same interval, no second level; an acknowledged case reminds after 24 h.
 */
export function resolvePolicy(
  file: z.infer<typeof policyFileSchema> | null,
  minVerdict: Verdict,
  overrides: PolicyOverrides = {},
): EscalationPolicy {
  const out = {} as EscalationPolicy;
  for (const v of VERDICTS) {
    const f = (file?.[v] ?? {}) as z.infer<typeof severityPolicyInputSchema>;
    const serious = v === 'high' || v === 'medium';
    let ack = f.ackTimeoutMinutes === undefined ? DEFAULT_ACK[v] : f.ackTimeoutMinutes;
    if (v === 'high' && overrides.highAckMinutes !== undefined) ack = overrides.highAckMinutes || null;
    if (v === 'medium' && overrides.mediumAckMinutes !== undefined) ack = overrides.mediumAckMinutes || null;
    let unresolved = f.unresolvedMinutes === undefined ? (serious ? 24 * 60 : null) : f.unresolvedMinutes;
    if (serious && overrides.unresolvedMinutes !== undefined) unresolved = overrides.unresolvedMinutes || null;
    out[v] = {
      targets: f.targets ?? (verdictRank[v] >= verdictRank[minVerdict] ? ['all'] : []),
      mention: f.mention ?? v === 'high',
      ackTimeoutMinutes: ack,
      renotifyIntervalMinutes: f.renotifyIntervalMinutes ?? ack ?? 60,
      renotifyCount: f.renotifyCount ?? 2,
      secondLevelTargets: serious && overrides.secondLevelTargets ? overrides.secondLevelTargets : (f.secondLevelTargets ?? []),
      unresolvedMinutes: unresolved,
    };
  }
  return out;
}

/** A concrete card destination. */
export interface CardTarget {
  platform: NotifierPlatform;
  target: string;
}

/**
 * Expands target specs against the configured targets, without duplicates.
 * @example resolveTargets(['slack', 'teams:7'], [{platform:'slack', target:'C1'}]) // [{slack, C1}, {teams, '7'}]
 */
export function resolveTargets(specs: readonly string[], configured: readonly CardTarget[]): CardTarget[] {
  const out: CardTarget[] = [];
  const add = (t: CardTarget) => {
    if (!out.some((o) => o.platform === t.platform && o.target === t.target)) out.push(t);
  };
  for (const spec of specs) {
    const i = spec.indexOf(':');
    if (spec === 'all') configured.forEach(add);
    else if (i < 0) configured.filter((c) => c.platform === spec).forEach(add);
    else add({ platform: spec.slice(0, i) as NotifierPlatform, target: spec.slice(i + 1) });
  }
  return out;
}

/** Platforms a policy names explicitly (`slack`, `teams:7` …); each must have a card notifier. */
export function platformsNamed(policy: EscalationPolicy): NotifierPlatform[] {
  const named = new Set<NotifierPlatform>();
  for (const v of VERDICTS) {
    for (const spec of [...policy[v].targets, ...policy[v].secondLevelTargets]) {
      if (spec !== 'all') named.add(spec.split(':')[0] as NotifierPlatform);
    }
  }
  return [...named];
}
