import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { InProcessBus } from '../../../src/bus/in-process-bus.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await sleep(5);
  }
}

describe('InProcessBus', () => {
  it('delivers ids published before and after start, once each', async () => {
    const seen: string[] = [];
    const bus = new InProcessBus({ logger });
    await bus.publish(['a', 'b']);
    await bus.start(async (id) => void seen.push(id), 4);
    await bus.publish(['c']);
    await waitFor(() => seen.length === 3);
    await sleep(20);
    expect(seen.sort()).toEqual(['a', 'b', 'c']);
    expect(bus.kind).toBe('in-process');
    expect(await bus.ping()).toBe(true);
    await bus.close();
  });

  it('never runs more than `concurrency` handlers at once', async () => {
    let active = 0;
    let peak = 0;
    let done = 0;
    const bus = new InProcessBus({ logger });
    await bus.start(async () => {
      peak = Math.max(peak, ++active);
      await sleep(5);
      active--;
      done++;
    }, 3);
    await bus.publish(Array.from({ length: 20 }, (_, i) => `d${i}`));
    await waitFor(() => done === 20);
    expect(peak).toBe(3);
    await bus.close();
  });

  it('retries a failed delivery after a delay until it succeeds', async () => {
    const times: number[] = [];
    const bus = new InProcessBus({ logger, retryDelayMs: 30 });
    await bus.start(async () => {
      times.push(Date.now());
      if (times.length < 3) throw new Error('transient');
    }, 1);
    await bus.publish(['flaky']);
    await waitFor(() => times.length === 3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(25);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(55); // backoff doubles
    await sleep(100);
    expect(times).toHaveLength(3);
    await bus.close();
  });

  it('treats a synchronous throw like a rejection', async () => {
    let attempts = 0;
    const bus = new InProcessBus({ logger, retryDelayMs: 5 });
    await bus.start(((): Promise<void> => {
      if (++attempts < 2) throw new Error('sync');
      return Promise.resolve();
    }), 1);
    await bus.publish(['x']);
    await waitFor(() => attempts === 2);
    expect(await bus.stop(100)).toEqual([]);
    await bus.close();
  });

  it('drops a delivery after maxDeliveries attempts, with an error log', async () => {
    const lines: { level: number; msg: string; deliveryId?: string }[] = [];
    const captured = pino({ level: 'warn' }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    let attempts = 0;
    const bus = new InProcessBus({ logger: captured, retryDelayMs: 5, maxDeliveries: 3 });
    await bus.start(async () => {
      attempts++;
      throw new Error('permanent');
    }, 1);
    await bus.publish(['doomed']);
    await waitFor(() => lines.some((l) => l.level === 50));
    await sleep(50);
    expect(attempts).toBe(3);
    expect(lines.filter((l) => l.level === 50)).toMatchObject([{ deliveryId: 'doomed' }]);
    await bus.close();
  });

  it('stop waits for in-flight handlers and returns the ids still running', async () => {
    let release!: () => void;
    const finished: string[] = [];
    const bus = new InProcessBus({ logger });
    await bus.start(async (id) => {
      if (id === 'slow') await new Promise<void>((resolve) => (release = resolve));
      else await sleep(30);
      finished.push(id);
    }, 4);
    await bus.publish(['quick', 'slow']);
    await waitFor(() => release !== undefined);
    const t0 = Date.now();
    expect(await bus.stop(150)).toEqual(['slow']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(finished).toEqual(['quick']);
    // Nothing new starts after stop.
    await bus.publish(['late']);
    release();
    await sleep(30);
    expect(finished).toEqual(['quick', 'slow']);
    await bus.close();
  });
});
