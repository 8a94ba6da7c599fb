/**
 * PLACEHOLDER — being written in the detection issue. Signature is final:
 * `detect(report, directory, options)` returns a DetectionResult.
 */
import type { Directory } from '../domain/directory.ts';
import type { Report } from '../domain/report.ts';
import type { DetectionResult } from './types.ts';

export interface DetectOptions {
  /** Reference time for "how new is this contact" when the message has no sentAt. */
  now?: Date;
}

export function detect(report: Report, directory: Directory, options: DetectOptions = {}): DetectionResult {
  void report;
  void directory;
  void options;
  return { verdict: 'none', score: 0, signals: [], observables: [], identity: null, summary: { ja: '', en: '' } };
}
