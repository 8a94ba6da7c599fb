/**
 * Line-oriented detection, shared by `kakunin detect` and `npm run eval`: one JSONL line in
 * (`{"id", "report": {...}}`), one result out. A bad line becomes an error result naming its line
 * number; it never stops the lines after it.
 */
import type { Directory } from '../domain/directory.ts';
import { reportSchema } from '../domain/report.ts';
import type { Detector } from './engine.ts';
import type { DetectionResult, Evidence, Signal } from '../domain/detection.ts';

/** What `kakunin detect` prints for a line that could be analysed. */
export interface DetectLine {
  id: string | null;
  verdict: DetectionResult['verdict'];
  score: number;
  signals: { ruleId: string; title: Signal['title']; evidence: Evidence[] }[];
}

/** What it prints for a line that could not. */
export interface DetectError {
  id: string | null;
  line: number;
  error: string;
}

export type BatchResult = { ok: true; output: DetectLine; result: DetectionResult; raw: Record<string, unknown> } | { ok: false; output: DetectError };

function idOf(value: unknown): string | null {
  if (value && typeof value === 'object' && 'id' in value) {
    const id = (value as { id: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return null;
}

/** Analyse one JSONL line (1-based `lineNumber` for errors) with `detect` (the caller's rules). */
export function detectLine(line: string, lineNumber: number, directory: Directory, detect: Detector): BatchResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, output: { id: null, line: lineNumber, error: `line ${lineNumber}: not valid JSON (${reason})` } };
  }
  const id = idOf(parsed);
  const report = (parsed as { report?: unknown } | null)?.report;
  const body = (report as { message?: { body?: unknown } } | undefined)?.message?.body;
  if (typeof body !== 'string') {
    return { ok: false, output: { id, line: lineNumber, error: `line ${lineNumber}: report.message.body is missing or not a string` } };
  }
  const checked = reportSchema.safeParse(report);
  if (!checked.success) {
    const fields = checked.error.issues.map((i) => `report.${i.path.join('.')}: ${i.message}`).join('; ');
    return { ok: false, output: { id, line: lineNumber, error: `line ${lineNumber}: ${fields}` } };
  }
  const result = detect(checked.data, directory);
  return {
    ok: true,
    raw: parsed as Record<string, unknown>,
    result,
    output: {
      id,
      verdict: result.verdict,
      score: result.score,
      signals: result.signals.map((s) => ({ ruleId: s.ruleId, title: s.title, evidence: s.evidence })),
    },
  };
}
