import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../src/lib/free-port.js';
import { RedisChannelPacer, channelPacerFor } from '../../../src/slack/channel-pacer.js';
import { TEST_REDIS_URL } from '../../support/services.js';

/** Redis's TIME is in microseconds, cut to whole ms, and Node timers may fire about a millisecond early. */
const CLOCK_SLACK_MS = 2;
const INTERVAL_MS = 80;

// Keys are unique per test and expire an interval after their last slot, so nothing is left behind.
let made = 0;
const uniquePrefix = () => `test:pace:${process.pid}:${Date.now()}:${made++}:`;

let a: Redis;
let b: Redis;
beforeAll(async () => {
  a = new Redis(TEST_REDIS_URL);
  b = new Redis(TEST_REDIS_URL);
  await Promise.all([a.ping(), b.ping()]);
  // Loads the script and warms both connections, so no test's first turn pays for it.
  await Promise.all([a, b].map((redis) => new RedisChannelPacer(redis, { intervalMs: 1, prefix: uniquePrefix() }).turn('warm-up')));
});
afterAll(() => {
  a.disconnect();
  b.disconnect();
});

/**
 * Lower bounds only: the k-th turn granted comes at least k intervals after the turns were asked
 * for (each slot is k intervals after the first, which Redis reserved after `asked`). Gaps between
 * neighbours are not checked: a loaded machine can wake one turn late, onto the next one's time.
 */
function expectSpaced(asked: number, times: number[], interval: number): void {
  const sorted = [...times].sort((x, y) => x - y);
  for (let k = 1; k < sorted.length; k++) expect(sorted[k]! - asked).toBeGreaterThanOrEqual(k * interval - CLOCK_SLACK_MS);
}

const granted = (pacer: RedisChannelPacer, channel: string) => pacer.turn(channel).then(() => performance.now());

function recordingLogger() {
  const log = { warn: vi.fn(), info: vi.fn(), child: () => log };
  return log;
}

describe('RedisChannelPacer', () => {
  it('spaces concurrent turns on one channel at least an interval apart', async () => {
    const pacer = new RedisChannelPacer(a, { intervalMs: INTERVAL_MS, prefix: uniquePrefix() });
    const asked = performance.now();
    expectSpaced(asked, await Promise.all(Array.from({ length: 5 }, () => granted(pacer, 'C1'))), INTERVAL_MS);
  });

  it('shares the pace between two processes (two connections, two pacers)', async () => {
    const prefix = uniquePrefix();
    const one = new RedisChannelPacer(a, { intervalMs: INTERVAL_MS, prefix });
    const two = new RedisChannelPacer(b, { intervalMs: INTERVAL_MS, prefix });
    const asked = performance.now();
    const times = await Promise.all(Array.from({ length: 8 }, (_, i) => granted(i % 2 === 0 ? one : two, 'C1')));
    expectSpaced(asked, times, INTERVAL_MS);
  });

  it('lets different channels go without waiting on each other', async () => {
    const pacer = new RedisChannelPacer(a, { intervalMs: 5000, prefix: uniquePrefix() });
    await pacer.turn('C1');
    const start = performance.now();
    await Promise.all([pacer.turn('C2'), pacer.turn('C3')]);
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('stores the next slot as whole milliseconds that expire once it has passed', async () => {
    const prefix = uniquePrefix();
    await new RedisChannelPacer(a, { intervalMs: 1000, prefix }).turn('C1');
    const [stored, ttl] = await Promise.all([a.get(`${prefix}C1`), a.pttl(`${prefix}C1`)]);
    expect(stored).toMatch(/^\d{13}$/);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
  });

  it('is what the factory gives with Redis', () => {
    expect(channelPacerFor(a, { intervalMs: INTERVAL_MS })).toBeInstanceOf(RedisChannelPacer);
  });
});

describe('RedisChannelPacer without Redis', () => {
  async function unreachable(options: RedisOptions): Promise<Redis> {
    const redis = new Redis({ host: '127.0.0.1', port: await freePort(), connectTimeout: 200, ...options });
    redis.on('error', () => {}); // the reconnect loop's errors; the pacer reports the outage itself
    return redis;
  }

  it.each([
    ['commands fail at once', { maxRetriesPerRequest: 0 }],
    ['commands wait in the offline queue', { maxRetriesPerRequest: null, retryStrategy: () => 100 }],
  ] as const)('paces in-process and does not hang when %s, logging the outage once', async (_, options) => {
    const redis = await unreachable(options);
    try {
      const log = recordingLogger();
      const pacer = new RedisChannelPacer(redis, { intervalMs: INTERVAL_MS, prefix: uniquePrefix(), redisTimeoutMs: 300, logger: log as unknown as Logger });
      const start = performance.now();
      const times = await Promise.all(Array.from({ length: 4 }, () => granted(pacer, 'C1')));
      expectSpaced(start, times, INTERVAL_MS);
      // Later turns, once the outage is known, go in-process without waiting for Redis.
      const later = await Promise.all(Array.from({ length: 3 }, () => granted(pacer, 'C1')));
      expectSpaced(start, [...times, ...later], INTERVAL_MS);
      expect(performance.now() - start).toBeLessThan(5000);
      expect(log.warn).toHaveBeenCalledTimes(1);
    } finally {
      redis.disconnect();
    }
  });
});
