/**
 * Standup benchmark, offline: for each run a fresh PostgreSQL database seeded with an ordinary
 * day's work (tasks done, in progress and blocked for every agent; drafts awaiting approval), the
 * department (buildApp in this process, the rehearsal model, the Redis bus and Redis channel pacer)
 * against a fake Slack Web API that answers a fraction of chat.postMessage with 429 + Retry-After 1,
 * and a signed `/dept standup`. Printed per run: trigger → complete thread (the lead's closing),
 * → status line, posts in the thread, the first update's time, the gaps between posts as Slack
 * received them, the 429s, and whether every attendee's update landed exactly once and in order.
 * Then two Redis pacers on separate connections taking turns in one channel. Figures are printed,
 * never asserted.
 *
 *   npm run bench:standup
 *   npm run bench:standup -- --runs 5 --rate-limit 0.2 [--no-shared-pacers]
 *
 * BENCH_POSTGRES_URL, BENCH_REDIS_URL, BENCH_TIMEOUT_MS (per standup, 90000), BENCH_LOG_LEVEL (error).
 */
import { loadavg } from 'node:os';
import { sharedPacers } from './bench/shared-pacers.js';
import { standupBenchOptions } from './bench/standup-options.js';
import { printStandupReport } from './bench/standup-report.js';
import { standupRun, type StandupRunFigures } from './bench/standup-run.js';

async function main() {
  const opts = standupBenchOptions(process.argv.slice(2), process.env);
  console.log(
    `Standup benchmark: ${opts.runs} standups, one at a time, each on a fresh PostgreSQL database (dropped after); OFFLINE REHEARSAL MODEL (not Claude); ` +
      `Redis bus and channel pacer (1 message per second per channel); Slack answered by a local fake. ` +
      `429 fraction per run: ${opts.rateLimits.join(', ')} (${opts.rateLimitGiven ? '--rate-limit' : 'default: the first run clean, the others 0.1'}). ` +
      `Load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
  );
  const runs: StandupRunFigures[] = [];
  for (const [i, rateLimit] of opts.rateLimits.entries()) {
    runs.push(await standupRun(i + 1, rateLimit, opts));
    console.log(`run ${i + 1} done: ${((runs.at(-1)!.closingMs ?? 0) / 1000).toFixed(2)} s`);
  }
  const shared = opts.sharedPacers ? await sharedPacers(opts.redisUrl) : undefined;
  printStandupReport(runs, shared);
}

main().catch((err: unknown) => {
  console.error(`bench:standup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
