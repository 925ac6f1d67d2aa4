import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import { quietThreads, type QuietThread } from '../store/quiet-threads-store.js';
import { latestThreadSummary, messagesBetween } from '../store/thread-summary-store.js';
import { withTryLock } from '../store/try-lock.js';
import { summarise, type SummaryDeps } from './thread-summary.js';

/**
 * A summary of each thread when it goes quiet, for the knowledge base (its sync reads the latest
 * thread_summaries row of each conversation). The same summariser as long threads, over the whole
 * thread: incremental from the latest stored summary (a long thread's, or the previous quiet one's
 * when the thread resumed), through its last message.
 */
export const QUIET_AFTER_MS = 30 * 60_000;
/** Summaries per sweep: a backlog (the first start, a long outage) is worked off a few at a time. */
export const QUIET_PER_SWEEP = 5;
/** A thread whose summary failed is left out of this process's sweeps for this long. */
const RETRY_FAILED_AFTER_MS = 60 * 60_000;

/**
 * One sweep: summarises up to `limit` quiet threads; how many it stored. One process sweeps at a
 * time (the try-lock `quiet_threads`; another finds it held and stores none), so each thread costs
 * one call; a summary a long thread's turn stored meanwhile still leaves one row (on conflict do
 * nothing). A thread's failure is logged and noted in `failed` (thread → when), and the others go on.
 */
export async function summariseQuietThreads(
  deps: SummaryDeps,
  opts: { quietAfterMs?: number; limit?: number; failed?: Map<string, number> },
  log: Logger,
): Promise<number> {
  const failed = opts.failed ?? new Map<string, number>();
  for (const [id, at] of failed) if (Date.now() - at > RETRY_FAILED_AFTER_MS) failed.delete(id);
  const stored = await withTryLock(deps.db, 'quiet_threads', async () => {
    const threads = await quietThreads(deps.db, { quietAfterMs: opts.quietAfterMs ?? QUIET_AFTER_MS, limit: opts.limit ?? QUIET_PER_SWEEP, skip: [...failed.keys()] });
    let n = 0;
    for (const thread of threads) {
      try {
        if (await summariseQuietThread(deps, thread)) n++;
      } catch (err) {
        failed.set(thread.conversationId, Date.now());
        log.warn({ err: errorLine(err), conversation: thread.conversationId }, 'quiet thread summary failed; trying again in an hour');
      }
    }
    return n;
  });
  return stored ?? 0;
}

/** From the latest stored summary (quietThreads found none through its last message) on. */
async function summariseQuietThread(deps: SummaryDeps, thread: QuietThread): Promise<boolean> {
  const previous = await latestThreadSummary(deps.db, thread.conversationId);
  const rest = await messagesBetween(deps.db, thread.conversationId, previous?.throughSeq ?? 0, thread.lastSeq + 1);
  if (rest.length === 0) return false;
  // The agent may have left the department since: its front desk pays then.
  const agentId = deps.department.byId.has(thread.lastAgent) ? thread.lastAgent : deps.department.file.front_desk;
  await summarise(deps, { conversationId: thread.conversationId, agentId }, previous, rest, { threadSpend: false });
  return true;
}

/** Sweeps once at start and every `everyMs`, one sweep at a time; errors are logged, never thrown. */
export function startQuietThreadSummaries(d: SummaryDeps & { logger: Logger; everyMs: number }): { stop(): void } {
  const log = d.logger.child({ component: 'quiet-threads' });
  const failed = new Map<string, number>();
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    summariseQuietThreads(d, { failed }, log)
      .then((n) => n > 0 && log.debug({ summaries: n }, 'quiet threads summarised'))
      .catch((err: unknown) => log.warn({ err: errorLine(err) }, 'quiet thread sweep failed; trying again later'))
      .finally(() => (running = false));
  };
  run();
  const timer = setInterval(run, d.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
