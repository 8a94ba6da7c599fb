/** The benchmarks `npm run bench` knows, in the order it runs them. Each prints its own results. */
import { runDetectionBench } from './detection.ts';
import { runIntakeBench } from './intake.ts';

export const benches: Record<string, () => Promise<void>> = {
  detection: runDetectionBench,
  intake: runIntakeBench,
};
