import type { Logger } from 'pino';
import type { Bus } from './bus.js';

export interface SweeperOptions {
  /**
   * Delivery ids nobody is working on: pending and published more than pendingOlderThanMs ago, or
   * running past their lease (a dead worker).
   */
  findStale: (pendingOlderThanMs: number) => Promise<string[]>;
  bus: Bus;
  intervalMs: number;
  /** How long a published delivery may wait on the bus before it counts as lost. */
  pendingAgeMs?: number;
  logger: Logger;
}

export interface Sweeper {
  /** Sweeps at once, taking every pending delivery however young (the bus lost its queue). */
  sweepNow(pendingOlderThanMs?: number): Promise<void>;
  stop(): void;
}

/**
 * Re-publishes deliveries the bus lost track of (a crashed worker, a Redis that lost its data).
 * Postgres is the source of truth, so a duplicate publish is harmless: the worker re-checks the row.
 * When the bus says its queue is gone (a Redis restarted empty) it sweeps at once instead of waiting.
 */
export function startSweeper(options: SweeperOptions): Sweeper {
  const { findStale, bus, intervalMs } = options;
  const pendingAgeMs = options.pendingAgeMs ?? 30_000;
  const log = options.logger.child({ component: 'sweeper' });
  let stopped = false;
  let sweeping: Promise<void> | null = null;

  const sweep = async (olderThanMs: number): Promise<void> => {
    try {
      const ids = await findStale(olderThanMs);
      if (stopped || ids.length === 0) return;
      await bus.publish(ids);
      log.info({ count: ids.length }, 're-published stale deliveries');
    } catch (err) {
      log.error({ error: (err as Error).message }, 'sweep failed; will try again next interval');
    }
  };
  // A slow sweep must not overlap the next one; an urgent sweep runs right after it.
  const run = (olderThanMs: number): Promise<void> => {
    const next = (sweeping ?? Promise.resolve()).then(() => (stopped ? undefined : sweep(olderThanMs)));
    const mine = next.finally(() => {
      if (sweeping === mine) sweeping = null;
    });
    sweeping = mine;
    return mine;
  };

  const timer = setInterval(() => {
    if (!sweeping) void run(pendingAgeMs);
  }, intervalMs);
  timer.unref();
  bus.onQueueLost?.(() => {
    log.warn('the bus lost its queue: re-publishing every pending delivery now');
    void run(0);
  });
  return {
    sweepNow: (olderThanMs = 0) => run(olderThanMs),
    stop() {
      stopped = true;
      clearInterval(timer);
    },
  };
}
