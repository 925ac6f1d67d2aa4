import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blogRequest, mentionEvent } from './mention-event.js';
import type { ChaosOptions } from './options.js';
import type { TrialResult, TrialSpec } from './trial.js';
import { APPROVALS_CHANNEL, openTrialWorld } from './trial-world.js';
import { readWorkflowRecords } from './workflow-records.js';
import { workflowTally, type WorkflowTally } from './workflow-tally.js';
import { faultDuringBurst } from './fault-burst.js';

/**
 * A workflow trial: `options.workflowRuns` blog posts asked of the Content Manager, each in a
 * thread of its own, so each starts a content workflow (offline: plan, keywords, draft, review with
 * one revision, image, brand and SEO checks, then the approval cards); the fault strikes while the
 * runs are mid-step. Then wait until every run waits for a person at its approval (or the
 * deadline), watch a little longer for late duplicates, and count each thread (workflow-tally.ts).
 * Recovery runs from the fault to the moment every run was seen waiting at its approval.
 */
export async function runWorkflowTrial(spec: TrialSpec, options: ChaosOptions, departmentDir: string): Promise<TrialResult & { tally: WorkflowTally }> {
  const tag = `${spec.name.replace(/[^a-z0-9]+/gi, '')}${randomBytes(2).toString('hex')}`;
  mkdirSync(options.logDir, { recursive: true });
  const world = await openTrialWorld({ tag, ...spec }, options, departmentDir);
  try {
    const { slack, cluster, database } = world;
    const epoch = Math.floor(Date.now() / 1000);
    const events = Array.from({ length: options.workflowRuns }, (_, i) => mentionEvent(tag, i, epoch, blogRequest(i)));
    const { burst, notes, measured, window } = await faultDuringBurst(world, spec, options, events);

    const observed: { allAtApproval: number | undefined } = { allAtApproval: undefined };
    const count = async () => workflowTally(events, burst.deliveries, slack.posts, await readWorkflowRecords(database), APPROVALS_CHANNEL, observed);
    const deadline = Math.max(window.end + options.deadlineMs, Date.now());
    let unfinished: number | undefined;
    while (Date.now() < deadline) {
      const now = Date.now();
      const t = await count().catch(() => undefined);
      if (t && t.counts.atApproval === events.length) {
        observed.allAtApproval ??= now;
        if ((unfinished = await database.unfinishedDeliveries()) === 0) break;
      }
      await sleep(200);
    }
    await sleep(options.settleMs);
    const counts = await count();
    // What Slack accepted, for reading a failed trial's threads beside the process logs.
    writeFileSync(join(options.logDir, `${tag}.slack-posts.json`), JSON.stringify(slack.posts, null, 1));
    unfinished = await database.unfinishedDeliveries();
    if (unfinished === undefined) notes.push('could not read the deliveries table: late duplicates may go unseen');

    const recoveryMs = counts.allAnsweredAt === undefined ? undefined : Math.max(counts.allAnsweredAt, window.end) - window.start;
    const recovered = recoveryMs !== undefined && recoveryMs <= options.recoveryLimitMs;
    const crashes = [...cluster.crashes];
    measured.rateLimited = slack.stats.rateLimited;
    notes.push(...observations(counts));
    for (const c of crashes) notes.push(`${c.name} crashed (${c.signal ?? `exit ${c.code}`}): ${c.lastError ?? 'no error logged'}`);
    return {
      name: spec.name,
      tally: counts,
      recoveryMs,
      recovered,
      crashes,
      unfinished,
      notes,
      measured,
      workflows: true,
      ok: counts.lost === 0 && counts.duplicated === 0 && recovered && crashes.length === 0 && !unfinished,
    };
  } finally {
    await world.close();
  }
}

/** The per-thread figures, then what was wrong in which thread (the first few). */
function observations(t: WorkflowTally): string[] {
  const c = t.counts;
  const notes = [
    `${c.runs} runs, ${c.atApproval} waiting at their approval; in the threads ${c.plans} plans, ${c.stepRequests} step requests, ${c.stepAnswers} step answers, ` +
      `${c.cards} approval cards, ${c.approvalRequests} approval requests, ${c.otherPosts} other posts, ${c.duplicateTasks} duplicate tasks`,
  ];
  if (t.notices > 0) notes.push(`${t.notices} department notices in the threads`);
  if (t.repeatedIds.length > 0) notes.push(`${t.repeatedIds.length} protocol message ids posted more than once`);
  const shown = t.problems.slice(0, 8);
  if (shown.length > 0) notes.push(`${shown.join('; ')}${t.problems.length > shown.length ? `; … ${t.problems.length - shown.length} more` : ''}`);
  return notes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
