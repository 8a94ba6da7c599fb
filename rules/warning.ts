/**
 * A warning about fraud quotes the fraud's own words (「至急、下記口座に振込を」, "kindly process
 * today"). Before rules run, the engine asks for the quotations of such a warning and ignores what
 * they contain, so the notice is read for what it asks, not for what it quotes.
 */
import { quotedSpans, type Span } from '../src/detection/quotes.ts';
import { FRAUD_NAMED, WARNING_VOICE } from './lexicons/mitigating.ts';
import type { RuleContext } from '../src/detection/rule.ts';

/** The lexicons a warning is recognised by: never ignored. */
export const WARNING_LEXICONS = [FRAUD_NAMED, WARNING_VOICE] as const;

/**
 * Is this message a warning (it names fraud and speaks as a warning: "do not reply", 「詐欺です」)?
 * "Please do not reply here" is a voice without a fraud named: no warning.
 */
export function isWarning(ctx: RuleContext): boolean {
  return ctx.has(FRAUD_NAMED) && ctx.has(WARNING_VOICE);
}

/** The quotations of a warning ([qt] blocks included), or none when the message is no warning. */
export function warningQuotations(ctx: RuleContext): Span[] {
  if (!isWarning(ctx)) return [];
  const spans: Span[] = quotedSpans(ctx.text.original.slice(0, ctx.text.analysedLength));
  for (const q of ctx.text.quotes) spans.push({ start: q.start, end: q.end });
  return spans;
}

/** The rule set's `setAside`: a warning's quotations, read only for the lexicons that recognise a warning. */
export function warningSetAside(ctx: RuleContext): { spans: Span[]; keep: typeof WARNING_LEXICONS } {
  return { spans: warningQuotations(ctx), keep: WARNING_LEXICONS };
}
