import type { Logger } from 'pino';
import type { Department } from '../department/schema.js';
import type { ClaimedDelivery, Store } from '../store/store.js';
import { peopleIn, turnThread, withNames } from './history.js';
import type { ThreadReader } from './ports.js';
import { backfillThread } from './thread-backfill.js';
import { earlierView, type SummaryDeps } from './thread-summary.js';
import type { PromptEntry } from './turn-prompt.js';

export interface ThreadContextDeps {
  store: Pick<Store, 'historyBefore' | 'openingMessage' | 'claimHistoryFetch' | 'historyFetchState' | 'releaseHistoryFetch' | 'recordFetchedHistory'>;
  reader: ThreadReader;
  department: Department;
  /** Where the summary of a long thread's older messages is made and kept. */
  summaries: Omit<SummaryDeps, 'department'>;
  /** How long a turn waits for a thread's earlier messages from Slack (tests shorten it). */
  backfillWaitMs?: number;
}

/**
 * What an agent reads of its thread before answering: the earlier messages (people's too, also
 * those from before the department was in the thread) and the message it answers, people named.
 */
export async function threadContext(deps: ThreadContextDeps, claimed: ClaimedDelivery, log: Logger): Promise<{ history: PromptEntry[]; incoming: PromptEntry }> {
  const { department } = deps;
  const grown = await backfillThread({ store: deps.store, reader: deps.reader, ...(deps.backfillWaitMs ? { waitMs: deps.backfillWaitMs } : {}) }, claimed, log);
  // A new thread's first message has no history to read (one round trip fewer per new request).
  const earlier = (windowStart: number) =>
    earlierView({ ...deps.summaries, department }, { conversationId: claimed.conversation.id, windowStart, agentId: claimed.delivery.agentId }, log);
  const { history, incoming } = await turnThread(deps.store, claimed.message, { hasHistory: claimed.hasHistory || grown, limit: department.file.limits.history_messages, department, earlier });
  const names = await deps.reader.peopleNames(peopleIn([...history, incoming]));
  return { history: withNames(history, names), incoming: withNames([incoming], names)[0]! };
}
