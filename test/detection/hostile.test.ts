/** Hostile message bodies: a verdict (or a clear error) every time, never a crash or a hang. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplesLedger } from '../../rules/examples-ledger.ts';
import { ruleSet } from '../../rules/index.ts';
import { createDetector } from '../../src/detection/engine.ts';
import { MAX_ANALYSED_CHARS } from '../../src/detection/text.ts';
import type { Report } from '../../src/domain/report.ts';

const detect = createDetector(ruleSet);

const report = (body: string): Report => ({ message: { body, sender: { accountId: 1, name: '山本 健一' } } });

describe('hostile input', () => {
  it('a 1 MB message: analyses a bounded prefix and says so in a signal', () => {
    const body = 'LINEグループを作ってQRコードを送ってください。'.repeat(40_000).slice(0, 1_000_000);
    const result = detect(report(body), examplesLedger);
    const truncated = result.signals.find((s) => s.ruleId === 'context.analysis_truncated');
    expect(truncated?.detail?.en).toContain(String(MAX_ANALYSED_CHARS));
    expect(result.signals.map((s) => s.ruleId)).toContain('offplatform.group_qr');
  });

  it('10,000 nested quotes, unpaired surrogates, control characters, repetitions', () => {
    const bodies = [
      '[qt][qtmeta aid=1 time=1]'.repeat(10_000) + '振込をお願いします' + '[/qt]'.repeat(10_000),
      '\uD800\uDC00\uD800x\uDFFF振込\uDBFF',
      '\u0000\u0007\u001b[31m振\u200b込\u202eをお願いします\r\n',
      '振込'.repeat(200_000),
      '[To:1]'.repeat(50_000),
      'a'.repeat(500_000),
    ];
    for (const body of bodies) {
      const result = detect(report(body), examplesLedger);
      expect(['none', 'low', 'medium', 'high']).toContain(result.verdict);
      for (const s of result.signals) for (const e of s.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
    }
  });

  it('any string: a verdict and evidence that points into the body', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (body) => {
        const result = detect(report(body), examplesLedger);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        for (const s of result.signals) for (const e of s.evidence) expect(body.slice(e.start, e.end)).toBe(e.text);
      }),
      { numRuns: 300 },
    );
  });
});
