/**
 * `npm run bench`: every benchmark in this folder, one after another, each measuring kakunin
 * against a baseline in the same run and printing the ratio. Pass names to run a subset:
 * `npm run bench -- detection`.
 */
import { benches } from './index.ts';

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n## ${name}`);
  await run();
}
