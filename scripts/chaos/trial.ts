import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Burst } from './burst.js';
import type { ExitInfo } from './department-process.js';
import { ASKED_AGENT, mentionEvent } from './mention-event.js';
import type { ChaosOptions } from './options.js';
import { tally, type Tally } from './tally.js';
import { openTrialWorld, type TrialWorld } from './trial-world.js';
import { runWorkflowTrial } from './workflow-trial.js';
import { faultDuringBurst } from './fault-burst.js';

/** What a fault can reach while the burst runs. */
export interface FaultContext extends Omit<TrialWorld, 'close'> {
  burst: Burst;
  options: ChaosOptions;
  note(text: string): void;
  /** A figure about the fault itself (deliveries held by the victim, connections ended), for tests and notes. */
  measure(key: string, value: number): void;
}

/** When the fault began and when the harness stopped causing it (equal for an instant fault like SIGKILL). */
export interface FaultWindow {
  start: number;
  end: number;
}

export interface TrialSpec {
  name: string;
  /** Turn-running processes besides the one that takes events. */
  workers: number;
  /** A redis-server of the trial's own instead of a stream on the shared one. */
  dedicatedRedis?: boolean;
  /** Fraction of chat.postMessage calls the fake Slack answers 429. */
  rateLimitFraction?: number;
  /** A workflow trial (workflow-trial.ts): the events ask for blog posts and each thread is counted as a workflow. */
  workflows?: boolean;
  /** Started together with the burst; resolves once the fault is over. */
  fault(ctx: FaultContext): Promise<FaultWindow>;
}

export interface TrialResult {
  name: string;
  tally: Tally;
  /** From the fault to every event answered (at least to the fault's end); undefined when some never were. */
  recoveryMs: number | undefined;
  recovered: boolean;
  crashes: ExitInfo[];
  /** Deliveries the department had not finished when the harness stopped watching (undefined: unreadable). */
  unfinished: number | undefined;
  notes: string[];
  /** Figures about the fault: killed, held, terminated, rateLimited, … */
  measured: Record<string, number>;
  /** A workflow trial: its events asked for blog posts, and "answered" counts runs waiting at their approval. */
  workflows?: boolean;
  ok: boolean;
}

/**
 * One trial: the department on a world of its own, a burst of signed events while the fault
 * strikes; then wait for every answer until the deadline, watch a little longer for late
 * duplicates, and count.
 */
export async function runTrial(spec: TrialSpec, options: ChaosOptions, departmentDir: string): Promise<TrialResult> {
  if (spec.workflows) return runWorkflowTrial(spec, options, departmentDir);
  const tag = `${spec.name.replace(/[^a-z0-9]+/gi, '')}${randomBytes(2).toString('hex')}`;
  mkdirSync(options.logDir, { recursive: true });
  const world = await openTrialWorld({ tag, ...spec }, options, departmentDir);
  try {
    const { slack, cluster } = world;
    const epoch = Math.floor(Date.now() / 1000);
    const events = Array.from({ length: options.events }, (_, i) => mentionEvent(tag, i, epoch));
    const { burst, notes, measured, window } = await faultDuringBurst(world, spec, options, events);

    // Until every event is answered and the department has finished every delivery (a turn taken
    // over later could still post twice), or the deadline; then a quiet moment for stragglers.
    const count = (cutoff: number) => tally(events, burst.deliveries, slack.posts, ASKED_AGENT.id, cutoff);
    const deadline = Math.max(window.end + options.deadlineMs, Date.now());
    let unfinished: number | undefined;
    while (Date.now() < deadline) {
      if (count(Date.now()).lost === 0 && (unfinished = await world.database.unfinishedDeliveries()) === 0) break;
      await sleep(100);
    }
    const cutoff = Date.now();
    await sleep(options.settleMs);
    const counts = count(cutoff);
    unfinished = await world.database.unfinishedDeliveries();
    if (unfinished === undefined) notes.push('could not read the deliveries table: late duplicates may go unseen');

    const recoveryMs = counts.allAnsweredAt === undefined ? undefined : Math.max(counts.allAnsweredAt, window.end) - window.start;
    const recovered = recoveryMs !== undefined && recoveryMs <= options.recoveryLimitMs;
    const crashes = [...cluster.crashes];
    measured.rateLimited = slack.stats.rateLimited;
    notes.push(...observations(counts, crashes, slack.stats.rateLimited, slack.stats.calls.get('chat.postMessage') ?? 0));
    return {
      name: spec.name,
      tally: counts,
      recoveryMs,
      recovered,
      crashes,
      unfinished,
      notes,
      measured,
      // Work left unfinished is not recovered either: its takeover may still post twice.
      ok: counts.lost === 0 && counts.duplicated === 0 && recovered && crashes.length === 0 && !unfinished,
    };
  } finally {
    await world.close();
  }
}

/** What the report says under the table about a trial, beyond its counts. */
function observations(counts: Tally, crashes: ExitInfo[], rateLimited: number, postCalls: number): string[] {
  const notes: string[] = [];
  if (rateLimited > 0) notes.push(`${rateLimited} of ${postCalls} chat.postMessage calls answered 429`);
  if (counts.sent > counts.acked) notes.push(`${counts.sent - counts.acked} events never got a 2xx after Slack's retries`);
  if (counts.notices > 0) notes.push(`${counts.notices} department notices in the threads`);
  if (counts.otherAgents > 0) notes.push(`${counts.otherAgents} posts by other agents (not expected)`);
  if (counts.repeatedIds.length > 0) notes.push(`${counts.repeatedIds.length} protocol message ids posted more than once`);
  for (const c of crashes) notes.push(`${c.name} crashed (${c.signal ?? `exit ${c.code}`}): ${c.lastError ?? 'no error logged'}`);
  return notes;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
