import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareText } from '../text.ts';
import { modelLogit } from './assess.ts';
import { forEachFeature, Occurrences, scorePacked, SPAN_COMPACT, SPAN_ORIGINAL, SPAN_PLAIN, type FeatureConfig } from './features.ts';
import { decodeWeights, encodeWeights, loadModel, MODEL_FORMAT, weightOf, type ModelFile, type WordingModel } from './model-file.ts';

const config: FeatureConfig = { bits: 12, charMin: 2, charMax: 4, words: true, form: true, context: true };

/** A model over 2^12 buckets whose weights are a fixed function of the bucket. */
function syntheticModel(cfg: FeatureConfig): WordingModel {
  const buckets: number[] = [];
  const values: number[] = [];
  for (let b = 0; b < 2 ** cfg.bits; b += 3) {
    buckets.push(b);
    values.push(((b * 7919) % 601) - 300);
  }
  const file: ModelFile = {
    format: MODEL_FORMAT,
    features: cfg,
    training: { dataSha256: '0'.repeat(64), companies: [], l1: 0, l2: 0, iterations: 0 },
    thresholds: { supporting: 0.5, strong: 0.9 },
    evaluation: { pooledAuc: 0, heldOut: [] },
    bias: -0.25,
    scale: 0.01,
    nonZero: buckets.length,
    weights: encodeWeights(buckets, values),
    strongest: { fraud: [], benign: [] },
  };
  return loadModel(JSON.parse(JSON.stringify(file)));
}

describe('features', () => {
  it('n-grams, words and notation carry spans in their own form', () => {
    const text = prepareText('[info]Please send 振込\nhttp://x.example[/info]');
    const seen: [number, number, number][] = [];
    forEachFeature(text, {}, { ...config, context: false }, (_b, span, from, to) => seen.push([span, from, to]));
    expect(seen.some(([span, from, to]) => span === SPAN_COMPACT && text.compact.slice(from, to) === '振込')).toBe(true);
    expect(seen.some(([span, from, to]) => span === SPAN_PLAIN && text.plain.slice(from, to) === 'Please send')).toBe(true);
    expect(seen.some(([span, from, to]) => span === SPAN_ORIGINAL && text.original.slice(from, to) === '[info]')).toBe(true);
  });

  it('the scoring pass counts exactly the distinct features the generic pass enumerates', () => {
    const model = syntheticModel(config);
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.array(fc.constantFrom('振込', 'ギフト', 'Gift card', 'please send', "don't", '[info]', '[qt]', '[To:1]', 'https', '0１２', '\n', ' '), { maxLength: 40 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(hostile, fc.constantFrom('direct', 'group', null), fc.option(fc.integer({ min: -10, max: 10 ** 7 })), (body, roomType, minutes) => {
        const text = prepareText(body);
        const ctx = { roomType, contactAgeMinutes: minutes, senderInLedger: minutes !== null && minutes > 100 };
        const seen = new Set<number>();
        let sum = 0;
        forEachFeature(text, ctx, config, (b) => {
          if (!seen.has(b)) sum += weightOf(model, b);
          seen.add(b);
        });
        const { logit, distinct } = modelLogit(model, text, ctx);
        expect(distinct).toBe(seen.size);
        expect(logit).toBeCloseTo(seen.size === 0 ? model.bias : model.bias + sum / Math.sqrt(seen.size), 9);

        // What the scoring pass records for the explanation: the first occurrence of every weighted feature.
        const first = new Map<number, string>();
        forEachFeature(text, ctx, config, (b, span, from, to) => {
          if (!first.has(b) && weightOf(model, b) !== 0) first.set(b, `${b}/${span}/${from}/${to}`);
        });
        const record = new Occurrences();
        model.stamp = (model.stamp % 60_000) + 1;
        scorePacked(text, ctx, config, model.table, model.stamp, record);
        const recorded = Array.from({ length: record.count }, (_, k) => `${record.bucket[k]}/${record.span[k]}/${record.from[k]}/${record.to[k]}`);
        expect(recorded.sort()).toEqual([...first.values()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('a message is counted the same however often it was scored before (stamps wrap at 16 bits)', () => {
    const model = syntheticModel(config);
    const text = prepareText('至急この口座に振り込んでください。Please keep it confidential.');
    const first = modelLogit(model, text);
    for (let k = 0; k < 70_000; k++) modelLogit(model, prepareText(k % 2 === 0 ? 'あ' : 'い'));
    expect(modelLogit(model, text)).toEqual(first);
  });
});

describe('model file', () => {
  it('weights survive encoding and decoding', () => {
    const buckets = [0, 1, 5, 300, 4095];
    const values = [1, -1, 32767, -32768, 0];
    const table = decodeWeights(encodeWeights(buckets, values), buckets.length, 4096);
    expect(buckets.map((b) => (table[b]! << 16) >> 16)).toEqual(values);
    expect(table[2]).toBe(0);
  });

  it('refuses what is not a model: wrong format, truncated or trailing weights, a bucket out of range, a weight over 16 bits', () => {
    const good = syntheticModel(config).file;
    expect(() => loadModel({ ...good, format: 'other' })).toThrow(/format/);
    expect(() => loadModel({ ...good, nonZero: good.nonZero + 1 })).toThrow(/end early/);
    expect(() => loadModel({ ...good, nonZero: good.nonZero - 1 })).toThrow(/trailing/);
    expect(() => loadModel({ ...good, nonZero: 1, weights: encodeWeights([4096], [1]) })).toThrow(/outside/);
    expect(() => loadModel({ ...good, nonZero: 1, weights: encodeWeights([1], [40_000]) })).toThrow(/16 bits/);
    expect(() => loadModel({ ...good, features: { ...good.features, charMin: 5, charMax: 2 } })).toThrow(/charMin/);
    expect(() => loadModel(null)).toThrow(/wording model/);
  });
});
