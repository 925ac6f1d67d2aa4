import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bus } from '../../../src/bus/bus.js';
import { startSweeper } from '../../../src/bus/sweeper.js';

function recordingBus(publish: (ids: string[]) => Promise<void> = async () => {}) {
  const published: string[][] = [];
  let lostListener: (() => void) | undefined;
  const bus: Bus & { loseQueue(): void } = {
    onQueueLost: (listener) => {
      lostListener = listener;
    },
    loseQueue: () => lostListener?.(),
    kind: 'in-process',
    publish: async (ids) => {
      published.push(ids);
      await publish(ids);
    },
    start: async () => {},
    stop: async () => [],
    ping: async () => true,
    close: async () => {},
  };
  return { bus, published };
}

function capturingLogger() {
  const errors: { msg: string }[] = [];
  const logger = pino({ level: 'error' }, { write: (s: string) => void errors.push(JSON.parse(s)) });
  return { logger, errors };
}

describe('startSweeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('re-publishes stale delivery ids every interval, and nothing when there are none', async () => {
    const batches = [['a', 'b'], [], ['c']];
    const { bus, published } = recordingBus();
    const { logger } = capturingLogger();
    const sweeper = startSweeper({ findStale: async () => batches.shift() ?? [], bus, intervalMs: 1000, logger });
    expect(published).toEqual([]);
    await vi.advanceTimersByTimeAsync(3000);
    expect(published).toEqual([['a', 'b'], ['c']]);
    sweeper.stop();
  });

  it('logs and survives failures of findStale and publish', async () => {
    let call = 0;
    const { bus, published } = recordingBus(async (ids) => {
      if (ids[0] === 'boom') throw new Error('redis down');
    });
    const { logger, errors } = capturingLogger();
    const findStale = async () => {
      call++;
      if (call === 1) throw new Error('db down');
      return call === 2 ? ['boom'] : ['ok'];
    };
    const sweeper = startSweeper({ findStale, bus, intervalMs: 100, logger });
    await vi.advanceTimersByTimeAsync(300);
    expect(errors).toHaveLength(2);
    expect(published).toEqual([['boom'], ['ok']]);
    sweeper.stop();
  });

  it('does not overlap a slow sweep and stops cleanly', async () => {
    let running = 0;
    let peak = 0;
    let calls = 0;
    const { bus } = recordingBus();
    const { logger } = capturingLogger();
    const findStale = async () => {
      calls++;
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 250));
      running--;
      return ['x'];
    };
    const sweeper = startSweeper({ findStale, bus, intervalMs: 100, logger });
    await vi.advanceTimersByTimeAsync(1000);
    expect(peak).toBe(1);
    sweeper.stop();
    const before = calls;
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(before);
  });

  it('sweeps at once, taking even young pending deliveries, when the bus loses its queue', async () => {
    const asked: number[] = [];
    const { bus, published } = recordingBus();
    const { logger } = capturingLogger();
    const sweeper = startSweeper({ findStale: async (age) => (asked.push(age), ['young']), bus, intervalMs: 60_000, pendingAgeMs: 30_000, logger });
    bus.loseQueue();
    await vi.advanceTimersByTimeAsync(0);
    expect(asked).toEqual([0]);
    expect(published).toEqual([['young']]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toEqual([0, 30_000]);
    sweeper.stop();
  });
});
