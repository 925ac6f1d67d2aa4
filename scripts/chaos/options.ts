import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * How the department's processes are laid out:
 *  - roles: one ROLE=web process that takes Slack's events and ROLE=worker processes that run turns
 *    (as in production; the default);
 *  - all:   ROLE=all processes with WORKERS=0, each taking events and running turns; events go to the
 *    first one only, so the others act as workers.
 */
export type Layout = 'roles' | 'all';

export const TRIAL_KINDS = ['kill-worker', 'kill-1-of-2', 'pg-terminate', 'redis-restart', 'slack-429', 'kill-mid-workflow'] as const;
export type TrialKind = (typeof TRIAL_KINDS)[number];

export interface ChaosOptions {
  postgresUrl: string;
  /** The shared Redis: trials use a stream of their own there; the Redis-restart trial starts its own server. */
  redisUrl: string;
  layout: Layout;
  trials: TrialKind[];
  /** Runs of the kill-worker trial. */
  killRuns: number;
  /** Events per trial, each a new thread asking one agent one question. */
  events: number;
  /** Events in flight at once, and the pause between starting two events (a burst, not a flood). */
  concurrency: number;
  sendIntervalMs: number;
  /** Slack's http_timeout: no answer within this counts as a failure and is retried. */
  ackTimeoutMs: number;
  /** Delays before Slack's three retries (see slack-sender.ts). */
  retryDelaysMs: number[];
  /** After the fault ends, how long to wait for every answer before the rest count as lost. */
  deadlineMs: number;
  /** "Recovered" means every event answered within this of the fault. */
  recoveryLimitMs: number;
  /** Quiet time after the last answer, to see late duplicates. */
  settleMs: number;
  /** A killed or crashed process is started again after this (the supervisor's job), unless the trial keeps it down. */
  restartDelayMs: number;
  /** How long the fake Slack takes to answer each call (it accepts a post on arrival). */
  slackLatencyMs: number;
  rateLimitFraction: number;
  retryAfterSeconds: number;
  redisDownMs: number;
  /** pg_terminate_backend rounds during the burst, this far apart. */
  pgTerminations: number;
  pgTerminationGapMs: number;
  /** Content workflows (blog-post requests, each in its own thread) in the kill-mid-workflow trial. */
  workflowRuns: number;
  /** The kill-mid-workflow trial strikes once this many steps per run have been asked for (of 8 before the approval). */
  workflowKillAfterSteps: number;
  /** Layouts of the kill-mid-workflow trial, one trial each: 1 worker (killed and restarted), 2 workers (one killed for good). */
  workflowWorkers: (1 | 2)[];
  /** Each process's stdout/stderr go to files here. */
  logDir: string;
  /** Agent turns one process runs at once (WORKER_CONCURRENCY), unset: the service's default. */
  workerConcurrency?: number | undefined;
}

export const defaultChaosOptions = (): ChaosOptions => ({
  postgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: 'redis://127.0.0.1:6379',
  layout: 'roles',
  trials: [...TRIAL_KINDS],
  killRuns: 10,
  events: 50,
  concurrency: 10,
  sendIntervalMs: 0,
  ackTimeoutMs: 3000,
  // Slack retries nearly at once, after 1 minute and after 5 minutes; compressed tenfold here.
  retryDelaysMs: [0, 6000, 30_000],
  deadlineMs: 60_000,
  recoveryLimitMs: 30_000,
  settleMs: 3000,
  restartDelayMs: 1000,
  slackLatencyMs: 100,
  rateLimitFraction: 0.3,
  retryAfterSeconds: 1,
  redisDownMs: 3000,
  pgTerminations: 3,
  pgTerminationGapMs: 400,
  workflowRuns: 6,
  workflowKillAfterSteps: 1,
  workflowWorkers: [1, 2],
  logDir: join(tmpdir(), `chaos-${new Date().toISOString().replace(/[:.]/g, '-')}`),
});

/** Options from CHAOS_* variables (the script's own; the service's environment is built per process). */
export function chaosOptionsFromEnv(env: NodeJS.ProcessEnv): ChaosOptions {
  const d = defaultChaosOptions();
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
    return n;
  };
  const layout = env.CHAOS_LAYOUT ?? d.layout;
  if (layout !== 'roles' && layout !== 'all') throw new Error(`CHAOS_LAYOUT=${layout}: use roles or all`);
  const trials = (env.CHAOS_TRIALS ?? TRIAL_KINDS.join(',')).split(',').map((t) => t.trim()).filter(Boolean);
  const unknown = trials.filter((t) => !(TRIAL_KINDS as readonly string[]).includes(t));
  if (unknown.length > 0) throw new Error(`CHAOS_TRIALS names unknown trials (${unknown.join(', ')}): use ${TRIAL_KINDS.join(', ')}`);
  const delays = env.CHAOS_RETRY_DELAYS_MS ? env.CHAOS_RETRY_DELAYS_MS.split(',').map(Number) : d.retryDelaysMs;
  if (delays.some((n) => !Number.isFinite(n) || n < 0)) throw new Error(`CHAOS_RETRY_DELAYS_MS=${env.CHAOS_RETRY_DELAYS_MS}: comma-separated milliseconds`);
  return {
    postgresUrl: env.CHAOS_POSTGRES_URL ?? d.postgresUrl,
    redisUrl: env.CHAOS_REDIS_URL ?? d.redisUrl,
    layout,
    trials: trials as TrialKind[],
    killRuns: num('CHAOS_KILL_RUNS', d.killRuns),
    events: num('CHAOS_EVENTS', d.events),
    concurrency: Math.max(1, num('CHAOS_CONCURRENCY', d.concurrency)),
    sendIntervalMs: num('CHAOS_SEND_INTERVAL_MS', d.sendIntervalMs),
    ackTimeoutMs: num('CHAOS_ACK_TIMEOUT_MS', d.ackTimeoutMs),
    retryDelaysMs: delays,
    deadlineMs: num('CHAOS_DEADLINE_MS', d.deadlineMs),
    recoveryLimitMs: num('CHAOS_RECOVERY_LIMIT_MS', d.recoveryLimitMs),
    settleMs: num('CHAOS_SETTLE_MS', d.settleMs),
    restartDelayMs: num('CHAOS_RESTART_DELAY_MS', d.restartDelayMs),
    slackLatencyMs: num('CHAOS_SLACK_LATENCY_MS', d.slackLatencyMs),
    rateLimitFraction: num('CHAOS_429_FRACTION', d.rateLimitFraction),
    retryAfterSeconds: num('CHAOS_RETRY_AFTER_S', d.retryAfterSeconds),
    redisDownMs: num('CHAOS_REDIS_DOWN_MS', d.redisDownMs),
    pgTerminations: num('CHAOS_PG_TERMINATIONS', d.pgTerminations),
    pgTerminationGapMs: num('CHAOS_PG_TERMINATION_GAP_MS', d.pgTerminationGapMs),
    workflowRuns: Math.max(1, num('CHAOS_WORKFLOWS', d.workflowRuns)),
    workflowKillAfterSteps: Math.max(1, num('CHAOS_WORKFLOW_KILL_AFTER_STEPS', d.workflowKillAfterSteps)),
    workflowWorkers: workflowWorkers(env.CHAOS_WORKFLOW_WORKERS, d.workflowWorkers),
    logDir: env.CHAOS_LOG_DIR ?? d.logDir,
    workerConcurrency: env.CHAOS_WORKER_CONCURRENCY ? num('CHAOS_WORKER_CONCURRENCY', 8) : undefined,
  };
}

/** CHAOS_WORKFLOW_WORKERS: "1", "2" or "1,2". */
function workflowWorkers(raw: string | undefined, fallback: (1 | 2)[]): (1 | 2)[] {
  if (!raw) return fallback;
  const list = raw.split(',').map((x) => Number(x.trim()));
  if (list.length === 0 || list.some((n) => n !== 1 && n !== 2)) throw new Error(`CHAOS_WORKFLOW_WORKERS=${raw}: use 1, 2 or 1,2`);
  return list as (1 | 2)[];
}
