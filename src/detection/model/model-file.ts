/**
 * The wording model on disk: one JSON file (`wording-model.json`, committed, written by
 * `npm run train`). The weights are sparse: bucket indices (delta-encoded) and weights quantised to
 * integer multiples of `scale`, both as unsigned LEB128 varints in base64, so a model of tens of
 * thousands of weights stays well under a few hundred KB and is byte-identical when retrained on
 * the same data.
 */
import { z } from 'zod';
import type { FeatureConfig } from './features.ts';

export const MODEL_FORMAT = 'kakunin-wording-lr/1';

const featureConfigSchema = z.object({
  bits: z.number().int().min(12).max(24),
  charMin: z.number().int().min(1).max(8),
  charMax: z.number().int().min(1).max(8),
  words: z.boolean(),
  form: z.boolean(),
  context: z.boolean(),
});

/** Held-out scores of one company (leave-one-company-out). */
export const heldOutSchema = z.object({
  company: z.string(),
  fraud: z.number().int(),
  benign: z.number().int(),
  auc: z.number(),
  /** Per threshold: recall and false-positive rate of `probability ≥ threshold`. */
  at: z.array(z.object({ threshold: z.number(), recall: z.number(), fpr: z.number() })),
});
export type HeldOut = z.infer<typeof heldOutSchema>;

export const modelFileSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  features: featureConfigSchema,
  training: z.object({
    /** sha256 over the training corpora (see `corpusDigest`); a changed corpus means retrain. */
    dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
    companies: z.array(z.object({ name: z.string(), fraud: z.number().int(), benign: z.number().int() })),
    l1: z.number(),
    l2: z.number(),
    iterations: z.number().int(),
  }),
  /**
   * Probability thresholds chosen on the held-out (leave-one-company-out) predictions:
   * `supporting` may back a rule's verdict, `strong` is strong on its own (see the README of this folder).
   */
  thresholds: z.object({ supporting: z.number().min(0).max(1), strong: z.number().min(0).max(1) }),
  evaluation: z.object({ pooledAuc: z.number(), heldOut: z.array(heldOutSchema) }),
  bias: z.number(),
  scale: z.number().positive(),
  nonZero: z.number().int().nonnegative(),
  /** base64 of varints: for each non-zero weight, the bucket delta, then the zigzag quantised weight. */
  weights: z.string(),
  /** The strongest features of each side, readable (n-grams as folded text), for people reviewing the model. */
  strongest: z.object({ fraud: z.array(z.tuple([z.string(), z.number()])), benign: z.array(z.tuple([z.string(), z.number()])) }),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

/**
 * A model ready for inference. `table` has one int32 per bucket: the weight in units of `scale`
 * (int16) in the low half, and in the high half the stamp of the last message that counted the
 * bucket (see `scorePacked`); `stamp` is the last stamp used. Scoring mutates only the stamps.
 */
export interface WordingModel {
  file: ModelFile;
  config: FeatureConfig;
  bias: number;
  scale: number;
  table: Int32Array;
  stamp: number;
}

/** Weight of a bucket (without its stamp). */
export function weightOf(model: WordingModel, bucket: number): number {
  return (((model.table[bucket] as number) << 16) >> 16) * model.scale;
}

function pushVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Encodes sparse weights (ascending `buckets`, `values` already quantised to integers). */
export function encodeWeights(buckets: ArrayLike<number>, values: ArrayLike<number>): string {
  const bytes: number[] = [];
  let prev = 0;
  for (let k = 0; k < buckets.length; k++) {
    const b = buckets[k] as number;
    const q = values[k] as number;
    pushVarint(bytes, b - prev);
    pushVarint(bytes, q >= 0 ? 2 * q : -2 * q - 1);
    prev = b;
  }
  return Buffer.from(bytes).toString('base64');
}

/**
 * Decodes `encodeWeights` into a packed table of `size` buckets (weights as int16 units, stamps 0);
 * throws on a malformed stream, a bucket out of range or a weight that does not fit 16 bits.
 */
export function decodeWeights(encoded: string, count: number, size: number): Int32Array {
  const bytes = Buffer.from(encoded, 'base64');
  const table = new Int32Array(size);
  let pos = 0;
  const read = (): number => {
    let value = 0;
    let mul = 1;
    for (;;) {
      if (pos >= bytes.length) throw new Error('wording model: weights end early');
      const byte = bytes[pos++] as number;
      value += (byte & 0x7f) * mul;
      if (byte < 0x80) return value;
      mul *= 128;
      if (mul > 2 ** 35) throw new Error('wording model: varint too long');
    }
  };
  let bucket = 0;
  for (let k = 0; k < count; k++) {
    bucket += read();
    const z = read();
    const q = z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    if (bucket >= size) throw new Error(`wording model: bucket ${bucket} outside 2^bits`);
    if (q < -32768 || q > 32767) throw new Error(`wording model: weight ${q} of bucket ${bucket} does not fit 16 bits`);
    table[bucket] = q & 0xffff;
  }
  if (pos !== bytes.length) throw new Error('wording model: trailing bytes after the weights');
  return table;
}

/** Validates a parsed model file and expands its weights. Throws with the reason when it is not a model. */
export function loadModel(json: unknown): WordingModel {
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`wording model: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  const file = parsed.data;
  if (file.features.charMin > file.features.charMax) throw new Error('wording model: charMin > charMax');
  const table = decodeWeights(file.weights, file.nonZero, 2 ** file.features.bits);
  return { file, config: file.features, bias: file.bias, scale: file.scale, table, stamp: 0 };
}

/** The model file as committed: stable key order, two-space indentation, final newline. */
export function serialiseModel(file: ModelFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
