/** The benchmarks `npm run bench` knows, in the order it runs them. Each prints its own results. */
export const benches: Record<string, () => Promise<void>> = {};
