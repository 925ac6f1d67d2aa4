import type { Config } from '../config/config.js';

/** What one process does, from ROLE, WORKERS and the services it has. */
export interface ProcessPlan {
  /** Answers Slack: verifies, records and publishes events (and serves /healthz). */
  answersSlack: boolean;
  /** Runs agent turns itself: consumes the bus, runs the sweeper, posts answers. */
  runsTurns: boolean;
  /** Worker processes to fork and supervise beside this one. */
  forks: number;
}

/**
 * ROLE=web answers Slack, ROLE=worker runs turns, ROLE=all does both: with DATABASE_URL and
 * REDIS_URL its turns go to WORKERS forked worker processes (so acks never wait behind a turn on
 * one event loop); without them, or with WORKERS=0, it runs them itself, as the embedded defaults
 * cannot be shared between processes.
 */
export function processPlan(config: Config, opts: { canFork: boolean }): ProcessPlan {
  if (config.ROLE === 'web') return { answersSlack: true, runsTurns: false, forks: 0 };
  if (config.ROLE === 'worker') return { answersSlack: false, runsTurns: true, forks: 0 };
  const shared = Boolean(config.DATABASE_URL && config.REDIS_URL);
  const forks = shared && opts.canFork ? config.WORKERS : 0;
  return { answersSlack: true, runsTurns: forks === 0, forks };
}
