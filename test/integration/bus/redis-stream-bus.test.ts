import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisStreamBus, type RedisStreamBusOptions } from '../../../src/bus/redis-stream-bus.js';
import { TEST_REDIS_URL } from '../../support/services.js';

const logger = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await sleep(10);
  }
}

let redis: Redis;
let stream: string;
const buses: RedisStreamBus[] = [];

beforeAll(() => {
  redis = new Redis(TEST_REDIS_URL);
});
beforeEach(() => {
  stream = `test:bus:${randomUUID()}`;
});
afterAll(async () => {
  await redis.quit();
});
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  await redis.del(stream);
});

/** Each test gets its own stream key; fast timings so redelivery paths run in milliseconds. */
function makeBus(over: Partial<RedisStreamBusOptions> = {}): RedisStreamBus {
  const bus = new RedisStreamBus({ redis, stream, logger, blockMs: 100, retryDelayMs: 20, ...over });
  buses.push(bus);
  return bus;
}

const pendingCount = async () => Number(((await redis.xpending(stream, 'workers')) as unknown[])[0]);
const ids = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('RedisStreamBus', () => {
  it('delivers every published id exactly once and acks it', async () => {
    const seen: string[] = [];
    const bus = makeBus();
    await bus.start(async (id) => void seen.push(id), 8);
    await bus.publish(ids(50));
    await waitFor(() => seen.length >= 50);
    expect([...seen].sort()).toEqual(ids(50).sort());
    await waitFor(async () => (await pendingCount()) === 0);
  });

  it('keeps ids published before any consumer started', async () => {
    const seen: string[] = [];
    const bus = makeBus();
    await bus.publish(['early']);
    await bus.start(async (id) => void seen.push(id), 2);
    await waitFor(() => seen.includes('early'));
  });

  it('never runs more than `concurrency` handlers at once', async () => {
    let active = 0;
    let peak = 0;
    let done = 0;
    const bus = makeBus();
    await bus.start(async () => {
      peak = Math.max(peak, ++active);
      await sleep(20);
      active--;
      done++;
    }, 3);
    await bus.publish(ids(15));
    await waitFor(() => done === 15);
    expect(peak).toBe(3);
  });

  it('redelivers a failed delivery until it succeeds', async () => {
    let attempts = 0;
    const bus = makeBus();
    await bus.start(async () => {
      if (++attempts < 3) throw new Error('transient');
    }, 2);
    await bus.publish(['flaky']);
    await waitFor(() => attempts === 3);
    await waitFor(async () => (await pendingCount()) === 0);
    await sleep(100);
    expect(attempts).toBe(3);
  });

  it('drops a delivery after maxDeliveries attempts', async () => {
    let attempts = 0;
    const bus = makeBus({ maxDeliveries: 3 });
    await bus.start(async () => {
      attempts++;
      throw new Error('permanent');
    }, 1);
    await bus.publish(['doomed']);
    await waitFor(async () => attempts === 3 && (await pendingCount()) === 0);
    await sleep(150);
    expect(attempts).toBe(3);
  });

  it('shares work between two consumers in the same group, each id handled once', async () => {
    const counts = new Map<string, number>();
    const byConsumer = { a: 0, b: 0 };
    const handler = (who: 'a' | 'b') => async (id: string) => {
      await sleep(2);
      counts.set(id, (counts.get(id) ?? 0) + 1);
      byConsumer[who]++;
    };
    await makeBus({ consumer: 'a' }).start(handler('a'), 4);
    await makeBus({ consumer: 'b' }).start(handler('b'), 4);
    await makeBus().publish(ids(200));
    await waitFor(() => counts.size === 200);
    await waitFor(async () => (await pendingCount()) === 0);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect(byConsumer.a).toBeGreaterThan(0);
    expect(byConsumer.b).toBeGreaterThan(0);
  });

  it("takes over a crashed consumer's pending deliveries after claimIdleMs", async () => {
    const crashed = makeBus({ consumer: 'crashed', claimIdleMs: 60_000 });
    const started: string[] = [];
    await crashed.start((id) => {
      started.push(id);
      return new Promise<void>(() => {}); // never finishes: the process "dies" mid-turn
    }, 5);
    await crashed.publish(ids(3, 'c'));
    await waitFor(() => started.length === 3);
    expect((await crashed.stop(0)).sort()).toEqual(ids(3, 'c'));

    const rescued: string[] = [];
    await makeBus({ consumer: 'rescuer', claimIdleMs: 200 }).start(async (id) => void rescued.push(id), 5);
    await waitFor(() => rescued.length === 3);
    expect(rescued.sort()).toEqual(ids(3, 'c'));
    await waitFor(async () => (await pendingCount()) === 0);
  });

  it('does not let another consumer steal a live long-running handler', async () => {
    const runs: string[] = [];
    const slow = async (who: string) => {
      runs.push(who);
      await sleep(900); // three times claimIdleMs: only the heartbeat keeps it ours
    };
    await makeBus({ consumer: 'a', claimIdleMs: 300 }).start(() => slow('a'), 1);
    await makeBus().publish(['long']);
    await waitFor(() => runs.length === 1);
    await makeBus({ consumer: 'b', claimIdleMs: 300 }).start(() => slow('b'), 1);
    await waitFor(async () => (await pendingCount()) === 0, 3000);
    expect(runs).toEqual(['a']);
  });

  it('stop waits for in-flight handlers and returns the ids still running', async () => {
    let release!: () => void;
    const finished: string[] = [];
    const bus = makeBus();
    await bus.start(async (id) => {
      if (id === 'slow') await new Promise<void>((resolve) => (release = resolve));
      else await sleep(50);
      finished.push(id);
    }, 4);
    await bus.publish(['quick', 'slow']);
    await waitFor(() => release !== undefined);
    const t0 = Date.now();
    const unfinished = await bus.stop(300);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(unfinished).toEqual(['slow']);
    expect(finished).toEqual(['quick']);
    // A late finisher still acks through the shared client.
    release();
    await waitFor(async () => (await pendingCount()) === 0);
  });

  it('stops promptly when idle, pings, and leaves the passed-in client open', async () => {
    const bus = makeBus({ blockMs: 5000 });
    await bus.start(async () => {}, 1);
    expect(await bus.ping()).toBe(true);
    const t0 = Date.now();
    expect(await bus.stop(1000)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(500);
    await bus.close();
    expect(await redis.ping()).toBe('PONG');
  });

  it('recreates the stream and group when Redis loses them, and says the queue was lost', async () => {
    const seen: string[] = [];
    let lost = 0;
    const bus = makeBus();
    bus.onQueueLost(() => lost++);
    await bus.start(async (id) => void seen.push(id), 2);
    await redis.del(stream);
    await waitFor(() => lost === 1);
    let n = 0;
    await waitFor(async () => {
      await bus.publish([`after${n++}`]);
      return seen.some((id) => id.startsWith('after'));
    });
  });
});
