/**
 * From per-character shares of the model's log-odds to evidence: runs of fraud-leaning folded
 * characters become passages (each cut to its best window), widened to whole words, trimmed of
 * spaces and punctuation, mapped back to the original body with the engine's `toEvidence`.
 * Every result is a slice of the original: `text === body.slice(start, end)`.
 */
import { toEvidence, type PreparedText } from '../text.ts';
import type { Evidence } from '../../domain/detection.ts';

/** Longest passage, in folded characters. */
export const MAX_PASSAGE = 24;
/** Longest extension of a passage to finish a word it cut (「ギフ」 → 「ギフトカード」). */
const MAX_SNAP = 12;
/** Trimmed from both ends of a passage. */
const TRIM = new Set([0x20, 0x3000, 0x0a, 0x0d, 0x09, 0x3001, 0x3002, 0x2c, 0x2e, 0xff0c, 0xff0e, 0x21, 0x3f, 0xff01, 0xff1f, 0x30fb]);

/** A passage candidate: a window of `compact` (evidence null), or a piece of the original already (notation). */
export interface Candidate {
  score: number;
  from: number;
  to: number;
  evidence: Evidence | null;
}

/** Scratch for the runs of one message: window [from, to) and summed share, per run. */
let RUN_FROM = new Int32Array(64);
let RUN_TO = new Int32Array(64);
let RUN_SCORE = new Float64Array(64);

function growRuns(): void {
  const size = RUN_FROM.length * 2;
  const from = new Int32Array(size);
  const to = new Int32Array(size);
  const score = new Float64Array(size);
  from.set(RUN_FROM);
  to.set(RUN_TO);
  score.set(RUN_SCORE);
  RUN_FROM = from;
  RUN_TO = to;
  RUN_SCORE = score;
}

/**
 * Runs of positive share in `share[0, n)`, each cut to its best window of at most MAX_PASSAGE
 * positions; returns the `max` best as candidates (objects only for those).
 */
export function shareRuns(share: Float64Array, n: number, max: number): Candidate[] {
  let runs = 0;
  for (let k = 0; k < n; ) {
    if ((share[k] as number) <= 0) {
      k++;
      continue;
    }
    let end = k;
    while (end < n && (share[end] as number) > 0) end++;
    // Best window inside [k, end): sliding sum.
    let sum = 0;
    const first = Math.min(end, k + MAX_PASSAGE);
    for (let j = k; j < first; j++) sum += share[j] as number;
    let best = sum;
    let bestFrom = k;
    for (let j = first; j < end; j++) {
      sum += (share[j] as number) - (share[j - MAX_PASSAGE] as number);
      if (sum > best) {
        best = sum;
        bestFrom = j - MAX_PASSAGE + 1;
      }
    }
    if (runs === RUN_FROM.length) growRuns();
    RUN_FROM[runs] = bestFrom;
    RUN_TO[runs] = Math.min(end, bestFrom + MAX_PASSAGE);
    RUN_SCORE[runs] = best;
    runs++;
    k = end;
  }
  // The `max` best runs by score (ties: the earlier), by insertion into a short list.
  const top: number[] = [];
  for (let r = 0; r < runs; r++) {
    const score = RUN_SCORE[r] as number;
    if (top.length >= max && score <= (RUN_SCORE[top[top.length - 1] as number] as number)) continue;
    let at = top.length;
    while (at > 0 && (RUN_SCORE[top[at - 1] as number] as number) < score) at--;
    top.splice(at, 0, r);
    if (top.length > max) top.pop();
  }
  return top.map((r) => ({ score: RUN_SCORE[r] as number, from: RUN_FROM[r] as number, to: RUN_TO[r] as number, evidence: null }));
}

/** Character class for snapping evidence to whole words: ASCII letters/digits, katakana, kanji; 0 = none. */
function wordClass(c: number): number {
  if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a)) return 1;
  if ((c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc || (c >= 0xff66 && c <= 0xff9f)) return 2;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || c === 0x3005) return 3;
  return 0;
}

/**
 * Widens evidence to whole words where it cut one (a run of ASCII letters/digits, katakana or
 * kanji, at most 12 units each way, never past the analysed prefix), then trims spaces and
 * punctuation from its ends; null when nothing is left.
 */
function snap(text: PreparedText, e: Evidence): Evidence | null {
  const s = text.original;
  let start = e.start;
  let end = e.end;
  if (end <= start) return null;
  const first = wordClass(s.charCodeAt(start));
  for (let k = 0; k < MAX_SNAP && first !== 0 && start > 0 && wordClass(s.charCodeAt(start - 1)) === first; k++) start--;
  const last = wordClass(s.charCodeAt(end - 1));
  for (let k = 0; k < MAX_SNAP && last !== 0 && end < text.analysedLength && wordClass(s.charCodeAt(end)) === last; k++) end++;
  while (start < end && TRIM.has(s.charCodeAt(start))) start++;
  while (end > start && TRIM.has(s.charCodeAt(end - 1))) end--;
  return end > start ? { text: s.slice(start, end), start, end } : null;
}

/**
 * The strongest candidates (at most `max`, none under a fifth of the best) as evidence, in body
 * order, overlapping or touching passages joined.
 */
export function choosePassages(text: PreparedText, candidates: Candidate[], max: number): Evidence[] {
  candidates.sort((a, b) => b.score - a.score || a.from - b.from);
  const top = candidates[0]?.score ?? 0;
  const chosen: Evidence[] = [];
  for (const c of candidates) {
    if (chosen.length >= max || !(c.score > 0) || c.score < 0.2 * top) break;
    const e = c.evidence ?? snap(text, toEvidence(text, 'compact', c.from, c.to));
    if (e) chosen.push(e);
  }
  chosen.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Evidence[] = [];
  for (const e of chosen) {
    const prev = out[out.length - 1];
    if (prev && e.start <= prev.end) {
      const end = Math.max(prev.end, e.end);
      out[out.length - 1] = { text: text.original.slice(prev.start, end), start: prev.start, end };
    } else out.push(e);
  }
  return out;
}
