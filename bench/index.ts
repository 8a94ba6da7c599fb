/** The benchmarks `npm run bench` knows, in the order it runs them. Each prints its own results. */
import { runDetectionBench } from './detection.ts';
import { runIntakeBench } from './intake.ts';
import { runModelBench } from './model.ts';
import { runSoakBench, soakSeconds } from './soak.ts';

export const benches: Record<string, () => Promise<void>> = {
  detection: runDetectionBench,
  model: runModelBench,
  intake: runIntakeBench,
  /** 200 reports/s against the real server; 30 s in the full run, 300 s by name, SOAK_SECONDS wins. */
  soak: () => runSoakBench(soakSeconds(process.env, process.argv.slice(2))),
};
