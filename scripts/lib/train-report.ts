/**
 * What `npm run train` prints: the leave-one-company-out table (the number that matters; in-sample
 * accuracy is not printed because it means nothing), the chosen thresholds, and held-out recall per
 * category and language at those thresholds.
 */
import { ratesAt, type HeldOutScore, type TrainingRun } from '../../src/detection/model/pipeline.ts';

const pct = (x: number): string => (Number.isNaN(x) ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

function groupLines(scores: readonly HeldOutScore[], key: (s: HeldOutScore) => string, thresholds: readonly number[]): string[] {
  const groups = new Map<string, HeldOutScore[]>();
  for (const s of scores) groups.set(key(s), [...(groups.get(key(s)) ?? []), s]);
  return [...groups.keys()].sort().map((name) => {
    const mine = groups.get(name) ?? [];
    const p = mine.map((s) => s.probability);
    const y = mine.map((s) => s.line.label);
    const cells = thresholds.map((t) => {
      const r = ratesAt(p, y, t);
      return y.some((l) => l === 1) ? `recall ${pct(r.recall)}` : `FPR ${pct(r.fpr)}`;
    });
    return `  ${name.padEnd(40)} n=${String(mine.length).padStart(3)}  ${cells.join('  ')}`;
  });
}

/** The printed report of a training run. */
export function formatTrainingReport(run: TrainingRun, bytes: number): string {
  const { file, heldOut } = run;
  const out: string[] = [];
  const companies = file.training.companies;
  out.push(`trained on ${companies.length} companies, ${companies.reduce((n, c) => n + c.fraud + c.benign, 0)} lines; ${file.nonZero} non-zero weights; model file ${(bytes / 1024).toFixed(0)} KB`);
  if (heldOut.length === 0) {
    out.push('no cross-validation (needs at least two companies)');
    return out.join('\n');
  }
  const { supporting, strong } = file.thresholds;
  out.push('', 'leave-one-company-out (each company scored by a model trained without it):');
  const thresholds = file.evaluation.heldOut[0]?.at.map((a) => a.threshold) ?? [];
  out.push(`  ${'held-out company'.padEnd(22)} fraud benign    AUC  ${thresholds.map((t) => `p≥${t.toFixed(2)} recall/FPR`.padEnd(22)).join('')}`);
  for (const h of file.evaluation.heldOut) {
    const cells = h.at.map((a) => `${pct(a.recall)} / ${pct(a.fpr)}`.padEnd(22)).join('');
    out.push(`  ${h.company.padEnd(22)} ${String(h.fraud).padStart(5)} ${String(h.benign).padStart(6)}  ${h.auc.toFixed(3)}  ${cells}`);
  }
  const p = heldOut.map((s) => s.probability);
  const y = heldOut.map((s) => s.line.label);
  const pooled = thresholds.map((t) => {
    const r = ratesAt(p, y, t);
    return `${pct(r.recall)} / ${pct(r.fpr)}`.padEnd(22);
  });
  out.push(`  ${'pooled'.padEnd(22)} ${String(y.filter((l) => l === 1).length).padStart(5)} ${String(y.filter((l) => l === 0).length).padStart(6)}  ${file.evaluation.pooledAuc.toFixed(3)}  ${pooled.join('')}`);
  out.push('', `thresholds (chosen on the held-out scores): supporting p ≥ ${supporting} (pooled FPR ≤ 10%), strong p ≥ ${strong} (pooled FPR ≤ 2%)`);
  out.push('', `held-out by language (at supporting ${supporting} / strong ${strong}):`);
  out.push(...groupLines(heldOut, (s) => `${s.line.label === 1 ? 'fraud' : 'benign'}/${s.line.lang}`, [supporting, strong]));
  out.push('', `held-out by category (at supporting ${supporting} / strong ${strong}):`);
  out.push(...groupLines(heldOut, (s) => `${s.line.label === 1 ? 'fraud' : 'benign'}/${s.line.category}`, [supporting, strong]));
  return out.join('\n');
}
