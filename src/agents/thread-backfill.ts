import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import { settleWithin } from '../lib/settle-within.js';
import type { ClaimedDelivery, Store } from '../store/store.js';
import type { ThreadReader } from './ports.js';

/**
 * A worker reading a thread holds it this long at most, then a dead worker's claim passes on. Longer
 * than a read takes: its pages stop after 2 minutes, and one call waiting out 429s (a minute each at
 * one call a minute) can take a few more.
 */
export const HISTORY_FETCH_LEASE_MS = 10 * 60_000;
/** A turn waits this long at most for a thread's earlier messages, then goes on without them. */
export const HISTORY_FETCH_WAIT_MS = 10_000;
const POLL_MS = 100;

export interface BackfillDeps {
  store: Pick<Store, 'claimHistoryFetch' | 'historyFetchState' | 'releaseHistoryFetch' | 'recordFetchedHistory'>;
  reader: Pick<ThreadReader, 'readThread'>;
  waitMs?: number;
}

/**
 * An agent brought into a thread whose start the department never saw (its root is not stored)
 * first gets what people said there: the thread is read from Slack once and stored as history.
 * Once per thread, across workers: one claim wins and reads, concurrent turns of the thread wait
 * for it. A read that fails does not lose the turn: it goes on with what the department saw, and
 * the log says so. A read that may pass (a rate limit, Slack trouble) releases the claim so a later
 * turn in the thread tries again (retrying at once would mostly meet the same rate limit, which the
 * Slack client has already waited out); one that cannot (no such thread, no access) is not retried.
 * A read slower than the wait finishes behind the turn and serves the thread's next turns.
 * Returns true when the thread's stored history may have grown.
 */
export async function backfillThread(deps: BackfillDeps, claimed: ClaimedDelivery, log: Logger): Promise<boolean> {
  const { conversation } = claimed;
  if (claimed.threadRootKnown || conversation.historyFetchedAt) return false;
  const waitMs = deps.waitMs ?? HISTORY_FETCH_WAIT_MS;
  if (!(await deps.store.claimHistoryFetch(conversation.id, HISTORY_FETCH_LEASE_MS))) return waitForReader(deps, conversation.id, waitMs, log);
  const outcome = await settleWithin(readAndStore(deps, claimed, log), waitMs);
  if (outcome.status === 'late') log.warn({ wait_ms: waitMs }, 'thread history still being read from Slack; the turn goes on with what the department saw');
  return outcome.status === 'done' && outcome.value;
}

async function readAndStore(deps: BackfillDeps, claimed: ClaimedDelivery, log: Logger): Promise<boolean> {
  const { conversation } = claimed;
  try {
    const messages = await deps.reader.readThread({ channelId: conversation.channelId, threadTs: conversation.threadTs });
    const stored = await deps.store.recordFetchedHistory({ conversationId: conversation.id, channelId: conversation.channelId, messages });
    log.info({ read: messages.length, stored }, 'thread history read from Slack');
    return true;
  } catch (err) {
    const lasting = (err as { transient?: unknown }).transient === false;
    log.warn({ err: errorLine(err), tried_again_later: !lasting }, 'thread history could not be read from Slack; the turn goes on with what the department saw');
    // If this fails too, the lease runs out instead.
    const settle = lasting
      ? deps.store.recordFetchedHistory({ conversationId: conversation.id, channelId: conversation.channelId, messages: [] })
      : deps.store.releaseHistoryFetch(conversation.id);
    await settle.catch(() => {});
    return false;
  }
}

/** Another turn of the thread is reading it: wait until it has stored the history, gave up, or the wait is over. */
async function waitForReader(deps: BackfillDeps, conversationId: string, waitMs: number, log: Logger): Promise<boolean> {
  const end = Date.now() + waitMs;
  for (;;) {
    const state = await deps.store.historyFetchState(conversationId, HISTORY_FETCH_LEASE_MS);
    if (state.fetched) return true;
    if (!state.busy) {
      log.info('thread history could not be read by another turn; going on with what the department saw');
      return false;
    }
    if (Date.now() >= end) {
      log.warn({ wait_ms: waitMs }, 'thread history still being read by another turn; the turn goes on with what the department saw');
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
