import type { Logger } from 'pino';
import type { Bus } from './bus.js';

export interface SweeperOptions {
  /** Delivery ids still pending in Postgres that nobody has processed for a while. */
  findStale: () => Promise<string[]>;
  bus: Bus;
  intervalMs: number;
  logger: Logger;
}

/**
 * Re-publishes deliveries the bus lost track of (a crashed worker, a Redis that lost its data).
 * Postgres is the source of truth, so a duplicate publish is harmless: the worker re-checks the row.
 */
export function startSweeper(options: SweeperOptions): { stop(): void } {
  const { findStale, bus, intervalMs } = options;
  const log = options.logger.child({ component: 'sweeper' });
  let stopped = false;
  let sweeping = false;
  let timer: NodeJS.Timeout | undefined;

  const sweep = async (): Promise<void> => {
    if (sweeping) return; // a slow sweep must not overlap the next one
    sweeping = true;
    try {
      const ids = await findStale();
      if (stopped || ids.length === 0) return;
      await bus.publish(ids);
      log.info({ count: ids.length }, 're-published stale deliveries');
    } catch (err) {
      log.error({ err }, 'sweep failed; will try again next interval');
    } finally {
      sweeping = false;
    }
  };

  timer = setInterval(() => void sweep(), intervalMs);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
    },
  };
}
