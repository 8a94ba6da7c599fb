/** The benchmarks `npm run bench` knows, in the order it runs them. Each prints its own results. */
import { runIntakeBench } from './intake.ts';

export const benches: Record<string, () => Promise<void>> = {
  intake: runIntakeBench,
};
