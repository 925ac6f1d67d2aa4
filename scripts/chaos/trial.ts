import { mkdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { startFakeSlackApi, type FakeSlackApi } from '../bench/fake-slack-api.js';
import { Burst } from './burst.js';
import { Cluster } from './cluster.js';
import type { ExitInfo } from './department-process.js';
import { ASKED_AGENT, CHAOS_BOT_USER, CHAOS_HUMAN, mentionEvent } from './mention-event.js';
import type { ChaosOptions } from './options.js';
import { createTrialDatabase, type TrialDatabase } from './postgres.js';
import { startDedicatedRedis, type DedicatedRedis } from './redis-server.js';
import { tally, type Tally } from './tally.js';

const SIGNING_SECRET = 'chaos-signing-secret';

/** What a fault can reach while the burst runs. */
export interface FaultContext {
  cluster: Cluster;
  burst: Burst;
  database: TrialDatabase;
  redis: DedicatedRedis | undefined;
  slack: FakeSlackApi;
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
  notes: string[];
  /** Figures about the fault: killed, held, terminated, rateLimited, … */
  measured: Record<string, number>;
  ok: boolean;
}

/**
 * One trial: a fresh database, a fake Slack and the department's processes; a burst of signed
 * events while the fault strikes; then wait for every answer until the deadline, watch a little
 * longer for late duplicates, and count.
 */
export async function runTrial(spec: TrialSpec, options: ChaosOptions, departmentDir: string): Promise<TrialResult> {
  const tag = `${spec.name.replace(/[^a-z0-9]+/gi, '')}${randomBytes(2).toString('hex')}`;
  mkdirSync(options.logDir, { recursive: true });
  const notes: string[] = [];
  const measured: Record<string, number> = {};
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    const database = await createTrialDatabase(options.postgresUrl, tag);
    cleanups.push(() => database.drop());
    const slack = await startFakeSlackApi(CHAOS_BOT_USER, {
      rateLimitFraction: spec.rateLimitFraction ?? 0,
      retryAfterSeconds: options.retryAfterSeconds,
      seed: parseInt(randomBytes(4).toString('hex'), 16),
    });
    cleanups.push(() => slack.close());
    const redis = spec.dedicatedRedis ? await startDedicatedRedis() : undefined;
    if (redis) cleanups.push(() => redis.stop());
    const redisUrl = redis?.url ?? options.redisUrl;
    const stream = `chaos:${tag}`;
    if (!redis) cleanups.push(() => deleteKey(options.redisUrl, stream));

    const cluster = await Cluster.start({
      trial: tag,
      layout: options.layout,
      workers: spec.workers,
      redisUrl,
      stream,
      logDir: options.logDir,
      restartDelayMs: options.restartDelayMs,
      env: {
        LOG_LEVEL: 'info',
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        REDIS_STREAM: stream,
        SLACK_BOT_TOKEN: 'xoxb-chaos',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_APP_TOKEN: '',
        SLACK_AGENT_TOKENS: '',
        SLACK_API_URL: slack.url,
        ANTHROPIC_API_KEY: '',
        DEPARTMENT_DIR: departmentDir,
        SHUTDOWN_GRACE_SECONDS: '2',
        ...(options.workerConcurrency ? { WORKER_CONCURRENCY: String(options.workerConcurrency) } : {}),
      },
    });
    cleanups.push(() => cluster.stop());

    const epoch = Math.floor(Date.now() / 1000);
    const events = Array.from({ length: options.events }, (_, i) => mentionEvent(tag, i, epoch));
    for (const e of events) slack.addMessage({ channel: e.channel, ts: e.ts, user: CHAOS_HUMAN, text: e.text });
    const burst = new Burst(events, {
      url: cluster.eventsUrl,
      signingSecret: SIGNING_SECRET,
      ackTimeoutMs: options.ackTimeoutMs,
      retryDelaysMs: options.retryDelaysMs,
      concurrency: options.concurrency,
      intervalMs: options.sendIntervalMs,
    });
    const window = await spec.fault({ cluster, burst, database, redis, slack, options, note: (t) => notes.push(t), measure: (k, v) => (measured[k] = v) });
    await burst.done;

    // Every event answered, or the deadline.
    const deadline = Math.max(window.end + options.deadlineMs, Date.now());
    while (Date.now() < deadline) {
      if (tally(events, burst.deliveries, slack.posts, ASKED_AGENT.id, Date.now()).lost === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const cutoff = Date.now();
    await new Promise((resolve) => setTimeout(resolve, options.settleMs));

    const counts = tally(events, burst.deliveries, slack.posts, ASKED_AGENT.id, cutoff);
    const recoveryMs = counts.allAnsweredAt === undefined ? undefined : Math.max(counts.allAnsweredAt, window.end) - window.start;
    const recovered = recoveryMs !== undefined && recoveryMs <= options.recoveryLimitMs;
    measured.rateLimited = slack.stats.rateLimited;
    if (slack.stats.rateLimited > 0) notes.push(`${slack.stats.rateLimited} of ${slack.stats.calls.get('chat.postMessage') ?? 0} chat.postMessage calls answered 429`);
    const unacked = counts.sent - counts.acked;
    if (unacked > 0) notes.push(`${unacked} events never got a 2xx after Slack's retries`);
    if (counts.notices > 0) notes.push(`${counts.notices} department notices in the threads`);
    if (counts.otherAgents > 0) notes.push(`${counts.otherAgents} posts by other agents (not expected)`);
    if (counts.repeatedIds.length > 0) notes.push(`protocol ids posted more than once: ${counts.repeatedIds.length}`);
    const crashes = [...cluster.crashes];
    for (const c of crashes) notes.push(`${c.name} crashed (${c.signal ?? `exit ${c.code}`}): ${c.lastError ?? 'no error logged'}`);
    return {
      name: spec.name,
      tally: counts,
      recoveryMs,
      recovered,
      crashes,
      notes,
      measured,
      ok: counts.lost === 0 && counts.duplicated === 0 && recovered && crashes.length === 0,
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err: unknown) => console.error(`cleanup after ${spec.name} failed:`, err));
  }
}

async function deleteKey(url: string, key: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    await redis.del(key);
  } finally {
    redis.disconnect();
  }
}
