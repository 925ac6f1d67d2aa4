import type { Db } from '../../src/store/database.js';
import { approvalCard, clickApprove, type Approver } from './approver.js';
import { sendMentions, sleep } from './load.js';
import { runOfThread } from './workflow-records.js';

export interface ContentRunTiming {
  runId: string;
  wallMs: number;
  approvalWaitMs: number;
}

export interface ContentRunDeps {
  db: Db;
  approver: Approver;
  botUserId: string;
  timeoutMs: number;
  /** Aborted when another workflow failed: the benchmark stops, so this one stops waiting. */
  signal: AbortSignal;
}

/** How often the fake Slack and the records are looked at: small beside a run's seconds. */
const POLL_MS = 20;

/**
 * One content workflow as a person meets it: a signed app_mention asks the Content Manager for a
 * blog post (the rehearsal model's Content Manager calls start_workflow), the approver clicks
 * Approve as soon as the card is posted, and the run is followed until its row says it finished.
 * Wall time runs from the request to the "Workflow done" post accepted by the fake Slack.
 */
export async function contentRun(n: number, topic: string, deps: ContentRunDeps): Promise<ContentRunTiming> {
  const { approver, db } = deps;
  const slack = approver.slack;
  const asked = await sendMentions({
    url: approver.eventsUrl, secret: approver.signingSecret, botUserId: deps.botUserId,
    count: 1, concurrency: 1, ratePerSecond: 0, batch: n, text: `content we need a blog post on ${topic}`,
  });
  const [threadTs, askedAt] = [...asked.sentAt][0]!;
  const deadline = askedAt + deps.timeoutMs;
  const waitFor = async <T>(what: string, look: () => T | null | undefined | Promise<T | null | undefined>): Promise<T> => {
    for (;;) {
      deps.signal.throwIfAborted();
      const found = await look();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`workflow #${n} (${topic}): no ${what} after ${deps.timeoutMs / 1000} s. Its thread:\n${threadLines(slack, threadTs)}`);
      await sleep(POLL_MS);
    }
  };

  const run = await waitFor('workflow run (did the Content Manager start one?)', () => runOfThread(db, threadTs));
  // A run that stops before its approval (a step failed) has no card: follow it to its end instead.
  const card = await waitFor('approval card', async () => approvalCard(slack, threadTs) ?? (isOver((await runOfThread(db, threadTs))?.status) ? 'over' : null));
  let approvalWaitMs = 0;
  if (card !== 'over') {
    approvalWaitMs = Date.now() - card.card.at;
    await clickApprove(approver, card.requestId, card.card);
  }
  await waitFor('finished run', async () => {
    const r = await runOfThread(db, threadTs);
    return r && isOver(r.status) ? r : null;
  });
  const summary = await waitFor('"Workflow done/stopped" post', () => slack.posts.find((m) => m.threadTs === threadTs && /\*Workflow (done|stopped):\*/.test(m.text)));
  return { runId: run.id, wallMs: summary.at - askedAt, approvalWaitMs };
}

/** Who posted what in the thread (first lines), to say where a run stuck. */
const threadLines = (slack: Approver['slack'], threadTs: string) =>
  slack.posts.filter((m) => m.threadTs === threadTs).map((m) => `  ${m.username ?? m.user}: ${m.text.split('\n')[0]}`).join('\n') || '  (nothing posted)';

const isOver = (status: string | undefined) => status === 'done' || status === 'stopped' || status === 'failed';
