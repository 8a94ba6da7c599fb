/**
 * Training of the wording model: L1+L2-regularised logistic regression, fitted by FISTA (accelerated
 * proximal gradient with adaptive restart) over the whole training set at once.
 *
 * Deterministic by construction: no random numbers, examples in the order given, features in
 * ascending bucket order, a fixed number of iterations; the same examples give the same weights to
 * the last bit (and the file rounds them to `scale` anyway). Classes are weighted to count equally.
 */

/** One labelled message, reduced to its distinct feature buckets. */
export interface TrainingVector {
  /** Ascending, distinct buckets. */
  buckets: Int32Array;
  /** 1 = fraud, 0 = benign. */
  label: 0 | 1;
}

export interface TrainOptions {
  l1: number;
  l2: number;
  iterations: number;
}

/** A fitted model before quantisation. */
export interface Fitted {
  bias: number;
  /** Ascending buckets with a non-zero weight, and their weights. */
  buckets: Int32Array;
  weights: Float64Array;
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Examples over a dense local feature index (the buckets any example uses, ascending). */
interface Compact {
  columns: Int32Array;
  /** Per example, its local feature indices. */
  rows: Int32Array[];
  inv: Float64Array;
  labels: Uint8Array;
  sampleWeights: Float64Array;
}

function compactExamples(examples: readonly TrainingVector[]): Compact {
  const all = new Set<number>();
  for (const e of examples) for (const b of e.buckets) all.add(b);
  const columns = Int32Array.from(all).sort();
  const local = new Map<number, number>();
  columns.forEach((b, k) => local.set(b, k));
  const frauds = examples.filter((e) => e.label === 1).length;
  const benign = examples.length - frauds;
  const n = examples.length;
  return {
    columns,
    rows: examples.map((e) => Int32Array.from(e.buckets, (b) => local.get(b) as number)),
    inv: Float64Array.from(examples, (e) => (e.buckets.length === 0 ? 0 : 1 / Math.sqrt(e.buckets.length))),
    labels: Uint8Array.from(examples, (e) => e.label),
    // Each class carries half of the loss, whatever their sizes.
    sampleWeights: Float64Array.from(examples, (e) => n / (2 * (e.label === 1 ? Math.max(1, frauds) : Math.max(1, benign)))),
  };
}

/** Gradient of the mean weighted log-loss at (w, b), into `grad` (returns the bias gradient). */
function lossGradient(data: Compact, w: Float64Array, b: number, grad: Float64Array): number {
  grad.fill(0);
  const n = data.rows.length;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const row = data.rows[i] as Int32Array;
    const inv = data.inv[i] as number;
    let z = 0;
    for (let k = 0; k < row.length; k++) z += w[row[k] as number] as number;
    const margin = b + z * inv;
    const r = ((data.sampleWeights[i] as number) * (sigmoid(margin) - (data.labels[i] as number))) / n;
    gb += r;
    const g = r * inv;
    for (let k = 0; k < row.length; k++) {
      const j = row[k] as number;
      grad[j] = (grad[j] as number) + g;
    }
  }
  return gb;
}

/**
 * Fits the model. The step is 1/L with L bounding the curvature of the loss: every example has
 * ‖x‖² = 1 plus the bias, so L ≤ ¼·2·max(sample weight) + l2.
 */
export function fit(examples: readonly TrainingVector[], options: TrainOptions): Fitted {
  const data = compactExamples(examples);
  const m = data.columns.length;
  let maxWeight = 0;
  for (const s of data.sampleWeights) maxWeight = Math.max(maxWeight, s);
  const step = 1 / (0.5 * maxWeight + options.l2);
  const shrink = step * options.l1;

  let w = new Float64Array(m);
  let b = 0;
  let wPrev = new Float64Array(m);
  const y = new Float64Array(m);
  let yb = 0;
  const grad = new Float64Array(m);
  let t = 1;
  for (let it = 0; it < options.iterations; it++) {
    const gb = lossGradient(data, y, yb, grad);
    // Proximal step from y: gradient step on loss + L2, then soft-threshold (L1). Bias unregularised.
    const next = wPrev;
    let restart = 0;
    for (let j = 0; j < m; j++) {
      const v = (y[j] as number) - step * ((grad[j] as number) + options.l2 * (y[j] as number));
      const shrunk = v > shrink ? v - shrink : v < -shrink ? v + shrink : 0;
      next[j] = shrunk;
      restart += ((y[j] as number) - shrunk) * (shrunk - (w[j] as number));
    }
    const nb = yb - step * gb;
    restart += (yb - nb) * (nb - b);
    // Adaptive restart (O'Donoghue & Candès): drop the momentum when it points uphill.
    if (restart > 0) t = 1;
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    const beta = (t - 1) / tNext;
    for (let j = 0; j < m; j++) y[j] = (next[j] as number) + beta * ((next[j] as number) - (w[j] as number));
    yb = nb + beta * (nb - b);
    wPrev = w;
    w = next;
    b = nb;
    t = tNext;
  }
  const keep: number[] = [];
  for (let j = 0; j < m; j++) if (w[j] !== 0) keep.push(j);
  return {
    bias: b,
    buckets: Int32Array.from(keep, (j) => data.columns[j] as number),
    weights: Float64Array.from(keep, (j) => w[j] as number),
  };
}

/** Log-odds of a vector under a fitted model (training-time scoring, without quantisation). */
export function fittedLogit(model: Fitted, buckets: Int32Array, lookup: Map<number, number>): number {
  let z = 0;
  for (const bucket of buckets) z += lookup.get(bucket) ?? 0;
  return buckets.length === 0 ? model.bias : model.bias + z / Math.sqrt(buckets.length);
}

/** A bucket → weight map of a fitted model. */
export function weightLookup(model: Fitted): Map<number, number> {
  const map = new Map<number, number>();
  model.buckets.forEach((b, k) => map.set(b, model.weights[k] as number));
  return map;
}

/** Probability from log-odds. */
export { sigmoid as probabilityOf };
