import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import { settleWithin } from '../lib/settle-within.js';

/**
 * Spaces the department's posts per channel. Slack: "chat.postMessage generally allows posting one
 * message per second per channel, while also maintaining a workspace-wide limit"; posting messages
 * is "1 per second", "Short bursts >1 allowed" with no guarantee for bursts
 * (https://docs.slack.dev/apis/web-api/rate-limits, also https://api.slack.com/docs/rate-limits).
 * A standup's fifteen replies are a burst, so they take turns instead of collecting 429s.
 */
export interface ChannelPacer {
  /** Resolves when the caller may post its next message to the channel; callers wait in arrival order, none is dropped. */
  turn(channelId: string): Promise<void>;
}

export interface ChannelPacerOptions {
  /** Least time between two posts to one channel. */
  intervalMs?: number;
}

export interface RedisChannelPacerOptions extends ChannelPacerOptions {
  /** Redis key prefix; the channel id follows it. */
  prefix?: string;
  /** Longest wait for Redis's answer before this call is paced in-process instead. */
  redisTimeoutMs?: number;
  logger?: Logger;
}

const DEFAULT_PACE_MS = 1000;
const DEFAULT_PREFIX = 'pace:channel:';
const DEFAULT_REDIS_TIMEOUT_MS = 1000;

const wait = (ms: number): Promise<void> => (ms > 0 ? sleep(ms) : Promise.resolve());

function intervalOf(opts: ChannelPacerOptions): number {
  const ms = opts.intervalMs ?? DEFAULT_PACE_MS;
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`A channel pacer's intervalMs must be a positive whole number of milliseconds (got ${ms}).`);
  return ms;
}

/** One process's pacing (no REDIS_URL, or Redis is down). A monotonic clock, so a clock change does not stall a channel. */
export class InProcessChannelPacer implements ChannelPacer {
  private readonly intervalMs: number;
  private readonly next = new Map<string, number>();

  constructor(opts: ChannelPacerOptions = {}) {
    this.intervalMs = intervalOf(opts);
  }

  turn(channelId: string): Promise<void> {
    const now = performance.now();
    const slot = Math.max(now, this.next.get(channelId) ?? 0);
    this.next.set(channelId, slot + this.intervalMs);
    // Slots in the past mean nothing: drop them so DMs and one-off channels do not pile up.
    if (this.next.size > 64) for (const [id, at] of this.next) if (at <= now) this.next.delete(id);
    return wait(slot - now);
  }
}

/**
 * Reserves the channel's next slot atomically: slot = max(Redis now, stored next); stores slot + interval
 * with an expiry once it has passed; returns how long the caller waits. Redis's TIME, not each
 * process's clock, so processes with skewed clocks agree. string.format keeps 13-digit
 * millisecond numbers out of Lua's exponent notation.
 */
const RESERVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
redis.call('SET', KEYS[1], string.format('%d', slot + interval), 'PX', string.format('%d', slot + interval - now))
return slot - now
`;
const RESERVE_COMMAND = 'reserveChannelSlot';
type WithReserve = { [RESERVE_COMMAND](key: string, intervalMs: number): Promise<number> };

/**
 * Pacing shared by every process on one Redis. When Redis does not answer in time (ioredis queues
 * commands while it reconnects) that call is paced in-process: a meeting must never hang on Redis.
 * A late answer still reserves its slot, which at worst delays the channel by one interval.
 */
export class RedisChannelPacer implements ChannelPacer {
  private readonly intervalMs: number;
  private readonly prefix: string;
  private readonly redisTimeoutMs: number;
  private readonly local: InProcessChannelPacer;
  private readonly log: Logger | undefined;
  private down = false;

  constructor(
    private readonly redis: Redis,
    opts: RedisChannelPacerOptions = {},
  ) {
    this.intervalMs = intervalOf(opts);
    this.prefix = opts.prefix ?? DEFAULT_PREFIX;
    this.redisTimeoutMs = opts.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
    this.local = new InProcessChannelPacer({ intervalMs: this.intervalMs });
    this.log = opts.logger?.child({ component: 'channel-pacer' });
    // defineCommand sends EVALSHA and falls back to EVAL after a SCRIPT FLUSH or a Redis restart.
    redis.defineCommand(RESERVE_COMMAND, { numberOfKeys: 1, lua: RESERVE_LUA });
  }

  async turn(channelId: string): Promise<void> {
    // Once Redis has failed, skip it until the connection is back, so every post does not wait out the timeout.
    if (this.down && this.redis.status !== 'ready') return this.local.turn(channelId);
    const reserve = Promise.resolve().then(() => (this.redis as unknown as WithReserve)[RESERVE_COMMAND](this.prefix + channelId, this.intervalMs));
    const settled = await settleWithin(reserve, this.redisTimeoutMs);
    if (settled.status === 'done') {
      if (this.down) this.log?.info('redis answers again; channel pacing is shared between processes again');
      this.down = false;
      return wait(Number(settled.value));
    }
    if (!this.down) {
      const reason = settled.status === 'late' ? `no answer within ${this.redisTimeoutMs} ms` : errorLine(settled.error);
      this.log?.warn({ reason }, 'redis unavailable; pacing Slack posts in this process only until it is back');
    }
    this.down = true;
    return this.local.turn(channelId);
  }
}

/** Shared pacing when the department has Redis (REDIS_URL), one process's otherwise. */
export function channelPacerFor(redis: Redis | null | undefined, opts: RedisChannelPacerOptions = {}): ChannelPacer {
  return redis ? new RedisChannelPacer(redis, opts) : new InProcessChannelPacer(opts);
}
