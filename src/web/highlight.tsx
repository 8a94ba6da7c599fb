/**
 * The original message with the evidence highlighted. Segments are computed from the evidence
 * offsets (UTF-16, as detection reports them) and rendered as JSX text and <mark> elements, so
 * every character of the hostile message is escaped; nothing is ever inserted as HTML.
 */
import type { Evidence } from '../domain/detection.ts';

/** A piece of the message: plain, or highlighted with the rules that pointed at it. */
export interface Segment {
  text: string;
  rules: string[];
}

/**
 * Splits `body` at every evidence boundary. Evidence whose offsets are out of range or whose text
 * does not match the body at those offsets is ignored (never trusted to cut the message).
 * @example segments('abcdef', [{rule: 'r', evidence: {text: 'cd', start: 2, end: 4}}]) // ab | cd(r) | ef
 */
export function segments(body: string, marks: { rule: string; evidence: Evidence }[]): Segment[] {
  const valid = marks.filter(
    (m) => Number.isInteger(m.evidence.start) && Number.isInteger(m.evidence.end) && m.evidence.start >= 0 && m.evidence.end <= body.length && m.evidence.start < m.evidence.end && body.slice(m.evidence.start, m.evidence.end) === m.evidence.text,
  );
  const cuts = new Set<number>([0, body.length]);
  for (const m of valid) {
    cuts.add(m.evidence.start);
    cuts.add(m.evidence.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const rules = [...new Set(valid.filter((m) => m.evidence.start <= a && m.evidence.end >= b).map((m) => m.rule))];
    const prev = out.at(-1);
    if (prev && prev.rules.join('\n') === rules.join('\n')) prev.text += body.slice(a, b);
    else out.push({ text: body.slice(a, b), rules });
  }
  return out;
}

/** The message block: verbatim text, evidence in <mark> with the rules' titles as a tooltip. */
export function HighlightedMessage(p: { body: string; marks: { rule: string; evidence: Evidence }[]; label: string }) {
  return (
    <div class="message" role="document" aria-label={p.label}>
      {segments(p.body, p.marks).map((s) => (s.rules.length ? <mark title={s.rules.join(' / ')}>{s.text}</mark> : s.text))}
    </div>
  );
}
