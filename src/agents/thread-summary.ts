import type { Logger } from 'pino';
import type { Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import { answerText, askOnce } from '../llm/ask-once.js';
import type { ChatModel } from '../llm/model.js';
import type { Db } from '../store/database.js';
import { recordModelCalls } from '../store/record-model-calls.js';
import type { MessageRow } from '../store/store.js';
import { latestThreadSummary, messagesBetween, saveThreadSummary, type ThreadSummary } from '../store/thread-summary-store.js';
import { joinPages, toPromptEntry } from './history.js';
import { SUMMARY_SYSTEM, summaryPrompt } from './thread-summary-prompt.js';

/**
 * A stored summary is extended only once this many messages fell out of the window after it:
 * until then they stay in view, so the prompt's history changes only at its end between two
 * summaries (and is read from the prompt cache), and a summary call is made every ten messages at most.
 */
export const SUMMARY_REFRESH_MESSAGES = 10;
const SUMMARY_MAX_TOKENS = 1500;

export interface SummaryDeps {
  db: Db;
  model: ChatModel;
  department: Department;
}

/** What a turn reads of the messages older than its window: a summary of the oldest, the rest as they are. */
export interface EarlierView {
  summary: ThreadSummary | null;
  /** Messages after the summary (or, without one, all of them), in view as written. */
  unsummarised: MessageRow[];
  /** Messages neither summarised nor shown: the summary call failed this time. */
  missing: number;
}

/**
 * The messages of a conversation before `windowStart` (the oldest message of the turn's window),
 * as the turn reads them. The stored summary is reused while fewer than SUMMARY_REFRESH_MESSAGES
 * follow it; otherwise one haiku-tier call folds them into it (incremental: the previous summary
 * plus the newly fallen-out messages), charged to the agent whose turn needed it.
 */
export async function earlierView(deps: SummaryDeps, t: { conversationId: string; windowStart: number; agentId: string }, log: Logger): Promise<EarlierView> {
  const stored = await latestThreadSummary(deps.db, t.conversationId, t.windowStart);
  const fallen = await messagesBetween(deps.db, t.conversationId, stored?.throughSeq ?? 0, t.windowStart);
  if (fallen.length < SUMMARY_REFRESH_MESSAGES) return { summary: stored, unsummarised: fallen, missing: 0 };
  try {
    return { summary: await summarise(deps, t, stored, fallen), unsummarised: [], missing: 0 };
  } catch (err) {
    // The turn still answers, from the window; the next turn tries the summary again.
    log.warn({ err: errorLine(err), conversation: t.conversationId }, 'thread summary failed; older messages left out of this turn');
    return { summary: stored, unsummarised: [], missing: fallen.length };
  }
}

/**
 * One haiku-tier call folds `fallen` (consecutive messages, oldest first) into `previous`; the
 * call is recorded for `agentId` and the summary stored, covering through the last of them. Used by
 * turns (a long thread's older messages) and by the quiet-thread sweep (a whole thread, see
 * quiet-threads.ts), which does not charge the thread's spend: no turn of the thread asked for it.
 *
 * Two turns of the thread at once may both ask for the same coverage (at worst two calls, both
 * recorded): the first stored wins (on conflict do nothing) and both read it, so the thread's
 * prompt prefix stays one text.
 */
export async function summarise(
  deps: SummaryDeps,
  t: { conversationId: string; agentId: string },
  previous: ThreadSummary | null,
  fallen: MessageRow[],
  opts: { threadSpend: boolean } = { threadSpend: true },
): Promise<ThreadSummary> {
  const { file } = deps.department;
  const throughSeq = fallen.at(-1)!.seq;
  const messages = joinPages(fallen).map((m) => toPromptEntry(m, deps.department));
  const prompt = summaryPrompt({ throughSeq, previous: previous?.text ?? null, messages });
  const { response, call } = await askOnce(deps.model, { agentId: t.agentId, tier: file.models.haiku, system: SUMMARY_SYSTEM, prompt, maxTokens: SUMMARY_MAX_TOKENS });
  // The call was paid for whatever it answered.
  await recordModelCalls(deps.db, file.timezone, t.conversationId, [call], opts);
  const text = answerText(response);
  if (!text) throw new Error(`the summary model answered no text (stop reason ${response.stop_reason ?? 'none'})`);
  return saveThreadSummary(deps.db, { conversationId: t.conversationId, throughSeq, messageCount: (previous?.messageCount ?? 0) + fallen.length, text, model: response.model });
}
