/**
 * Crash test: `node --import tsx scripts/crash-test.ts [--reports 2000] [--concurrency 50]`.
 * Runs the real server against a fake Slack, SIGKILLs it midway through N concurrent reports,
 * restarts it and checks that nothing answered 2xx was lost and every case that needs a card got
 * one (see scripts/lib/crash.ts). Prints the counts, duplicates included; exit 1 if anything was lost.
 */
import { parseArgs } from 'node:util';
import { crashPassed, runCrashTest } from './lib/crash.ts';

const { values } = parseArgs({ options: { reports: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '50' } } });
const reports = Number(values.reports);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(reports) || reports < 2 || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('usage: node --import tsx scripts/crash-test.ts [--reports N≥2] [--concurrency N≥1]');
  process.exit(2);
}

const r = await runCrashTest({ reports, concurrency, log: (l) => console.log(`· ${l}`) });
const ok = crashPassed(r);
console.log(`
reports sent                 ${r.reports}
answered before SIGKILL      ${r.answeredBeforeKill}
unanswered (in flight/down)  ${r.unanswered}  (re-sent after restart; ${r.committedButUnanswered} were already stored → 200)
stored                       ${r.stored}  lost: ${r.lost.length}  stored twice: ${r.doubled.length}
cases                        ${r.cases}  needing a card: ${r.casesNeedingCard}  without a card: ${r.cardsMissing.length}
cards posted before SIGKILL  ${r.postsBeforeKill}  deliveries held by its send lease: ${r.leasedAtKill}
duplicate cards              ${r.duplicates.length}${r.duplicates.length ? ` (${r.duplicates.map((d) => `${d.ref}×${d.posts}`).join(', ')})` : ''}
deliveries pending / dead    ${r.pendingLeft} / ${r.dead}
elapsed                      ${(r.elapsedMs / 1000).toFixed(1)} s

Delivery is at-least-once: a card is posted twice only if the process dies after Slack accepted
chat.postMessage and before the transaction recording it (chat_posts + deliveries.status='sent')
commits; the restarted outbox still sees the delivery pending and posts it again once the killed
process's send lease expires (1 min; expired by hand here).
${ok ? 'PASS: nothing lost' : 'FAIL'}${r.lost.length ? `\nlost: ${r.lost.slice(0, 20).join(', ')}` : ''}${r.cardsMissing.length ? `\nno card: ${r.cardsMissing.slice(0, 20).join(', ')}` : ''}`);
process.exit(ok ? 0 : 1);
