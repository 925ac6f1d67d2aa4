import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { Bus, DeliveryHandler } from './bus.js';

export interface RedisStreamBusOptions {
  /** Shared client: publish, ack, claim. Not closed by the bus. A duplicate does the blocking reads. */
  redis: Redis;
  stream: string;
  group?: string;
  /** Unique per process; see defaultConsumerName(). */
  consumer?: string;
  blockMs?: number;
  /** Entries pending this long (a dead consumer, or our own failure) are taken over with XAUTOCLAIM. */
  claimIdleMs?: number;
  /** First retry delay for this process's own failures; doubles per attempt, capped at claimIdleMs. */
  retryDelayMs?: number;
  /** After this many attempts the entry is acked and dropped; the deliveries row keeps the truth. */
  maxDeliveries?: number;
  maxLen?: number;
  logger: Logger;
}

interface Entry {
  streamId: string;
  deliveryId: string;
  attempt: number;
}

export function defaultConsumerName(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * Redis Streams consumer group: any number of worker processes share the deliveries.
 * Entries stay pending until a handler succeeds, so a crashed worker's work is taken over.
 */
export class RedisStreamBus implements Bus {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly o: Required<Omit<RedisStreamBusOptions, 'redis' | 'logger'>>;
  private readonly log: Logger;
  private reader: Redis | undefined;
  private handler: DeliveryHandler | undefined;
  private concurrency = 1;
  private running = false;
  private readLoop: Promise<void> | undefined;
  private claimTimer: NodeJS.Timeout | undefined;
  private claimCursor = '0-0';
  private claiming = false;
  /** Owned by this consumer: in flight, and queued locally (reclaims can overshoot free slots). */
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly inFlightIds = new Map<string, string>();
  private readonly queue: Entry[] = [];
  /** Own failures waiting for their retry timer. */
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private ackIds: string[] = [];
  private ackFlush: Promise<void> | undefined;
  private slotWaiter: (() => void) | undefined;
  private groupReady: Promise<void> | undefined;
  private readonly queueLost: (() => void)[] = [];
  private outage = false;

  constructor(options: RedisStreamBusOptions) {
    this.redis = options.redis;
    this.log = options.logger.child({ component: 'bus', stream: options.stream });
    // Above the agent runtime's claim lease (claim-lease.ts), so a dead worker's running turns are
    // free to take by the time their entries count as idle here.
    const claimIdleMs = options.claimIdleMs ?? 15_000;
    this.o = {
      stream: options.stream,
      group: options.group ?? 'workers',
      consumer: options.consumer ?? defaultConsumerName(),
      blockMs: options.blockMs ?? 1000,
      claimIdleMs,
      retryDelayMs: Math.min(options.retryDelayMs ?? 5000, claimIdleMs),
      maxDeliveries: options.maxDeliveries ?? 5,
      maxLen: options.maxLen ?? 100_000,
    };
  }

  get consumer(): string {
    return this.o.consumer;
  }

  async publish(deliveryIds: string[]): Promise<void> {
    if (deliveryIds.length === 0) return;
    // A web-only process may publish before any worker started: make sure the group sees these entries.
    this.groupReady ??= this.ensureGroup().catch((err: unknown) => {
      this.groupReady = undefined;
      throw err;
    });
    await this.groupReady;
    const p = this.redis.pipeline();
    for (const id of deliveryIds) p.xadd(this.o.stream, 'MAXLEN', '~', this.o.maxLen, '*', 'd', id);
    const results = (await p.exec()) ?? [];
    const failed = results.find(([err]) => err);
    if (failed?.[0]) throw failed[0];
  }

  async start(handler: DeliveryHandler, concurrency: number): Promise<void> {
    if (this.running) throw new Error('bus already started');
    this.handler = handler;
    this.concurrency = Math.max(1, Math.floor(concurrency));
    await this.ensureGroup();
    // Blocking reads get their own connection so publish/ack on the shared client never wait behind them.
    this.reader = this.redis.duplicate({
      lazyConnect: false,
      commandTimeout: undefined,
      blockingTimeout: this.o.blockMs + 5000,
      connectionName: `bus-reader:${this.o.consumer}`,
    });
    this.reader.on('error', (err: Error) => this.log.debug({ err }, 'bus reader connection error'));
    this.running = true;
    this.readLoop = this.runReadLoop(this.reader);
    // Often enough that our own entries never look idle, and a dead consumer's are taken soon after
    // they do: its entries were refreshed at most one tick before it died, so by the time they are
    // claimIdleMs idle, the runtime's lease on them (shorter by more than a tick) has run out.
    const every = Math.max(50, Math.floor(this.o.claimIdleMs / 5));
    this.claimTimer = setInterval(() => void this.claimTick(), every);
    this.claimTimer.unref();
  }

  async stop(graceMs: number): Promise<string[]> {
    if (!this.running) return [...this.inFlightIds.values()];
    this.running = false;
    clearInterval(this.claimTimer);
    for (const t of this.retries.values()) clearTimeout(t);
    this.retries.clear();
    // Queued entries stay pending in Redis; another consumer claims them after claimIdleMs.
    this.queue.length = 0;
    // Disconnecting unblocks XREADGROUP at once instead of waiting out blockMs.
    this.reader?.disconnect();
    this.slotWaiter?.();
    await this.readLoop?.catch(() => {});
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...this.inFlight.values()]), grace]);
      clearTimeout(timer);
    }
    await this.flushAcks();
    return [...this.inFlightIds.values()];
  }

  onQueueLost(listener: () => void): void {
    this.queueLost.push(listener);
  }

  async ping(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2000);
    });
    const pong = this.redis.ping().then((r) => r === 'PONG', () => false);
    const ok = await Promise.race([pong, timeout]);
    clearTimeout(timer);
    return ok;
  }

  async close(): Promise<void> {
    if (this.running) await this.stop(0);
    // The reader only ever blocks on XREADGROUP, so there are no replies worth waiting for (QUIT would wait out blockMs).
    this.reader?.disconnect();
    this.reader = undefined;
  }

  private async ensureGroup(): Promise<void> {
    try {
      await this.redis.xgroup('CREATE', this.o.stream, this.o.group, '$', 'MKSTREAM');
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  private freeSlots(): number {
    return this.concurrency - this.inFlight.size - this.queue.length;
  }

  private async runReadLoop(reader: Redis): Promise<void> {
    while (this.running) {
      const free = this.freeSlots();
      if (free <= 0) {
        await new Promise<void>((resolve) => (this.slotWaiter = resolve));
        continue;
      }
      try {
        const reply: unknown = await reader.xreadgroup(
          'GROUP', this.o.group, this.o.consumer, 'COUNT', free, 'BLOCK', this.o.blockMs,
          'STREAMS', this.o.stream, '>',
        );
        if (this.outage) this.log.info('bus reaches Redis again');
        this.outage = false;
        for (const e of parseRead(reply)) this.enqueue({ ...e, attempt: 1 });
      } catch (err) {
        if (!this.running) break;
        await this.recover(err, 'read');
      }
    }
  }

  /** NOGROUP means the stream was lost (Redis restart, key deleted): recreate it; the sweeper re-publishes. */
  private async recover(err: unknown, what: string): Promise<void> {
    const message = String((err as Error)?.message ?? err);
    if (message.includes('NOGROUP')) {
      this.log.warn({ what }, 'bus consumer group missing (Redis lost its data?); recreating');
      try {
        await this.ensureGroup();
        for (const listener of this.queueLost) listener();
      } catch (e) {
        this.log.error({ error: (e as Error).message }, 'bus group recreate failed');
      }
      return;
    }
    // One line per outage, not one every half second.
    if (!this.outage) this.log.error({ what, error: message }, 'bus lost Redis; retrying until it answers');
    this.outage = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  private enqueue(entry: Entry): void {
    if (this.inFlight.has(entry.streamId) || this.queue.some((q) => q.streamId === entry.streamId)) return;
    this.queue.push(entry);
    this.pump();
  }

  private pump(): void {
    while (this.running && this.inFlight.size < this.concurrency && this.queue.length > 0) {
      this.run(this.queue.shift()!);
    }
  }

  private run(entry: Entry): void {
    const { streamId, deliveryId } = entry;
    // Started from a resolved promise so bookkeeping is in place even if the handler throws synchronously.
    const task = Promise.resolve()
      .then(() => this.handler!(deliveryId))
      .then(() => this.ack(streamId), (err: unknown) => this.failed(entry, err))
      .finally(() => {
        this.inFlight.delete(streamId);
        this.inFlightIds.delete(streamId);
        this.pump();
        const wake = this.slotWaiter;
        this.slotWaiter = undefined;
        wake?.();
      });
    this.inFlight.set(streamId, task);
    this.inFlightIds.set(streamId, deliveryId);
  }

  private failed(entry: Entry, err: unknown): void {
    if (entry.attempt >= this.o.maxDeliveries) {
      this.log.error({ error: errorLine(err), deliveryId: entry.deliveryId, attempts: entry.attempt }, 'delivery failed too often; dropped from the bus');
      this.ack(entry.streamId);
      return;
    }
    this.log.warn({ error: errorLine(err), deliveryId: entry.deliveryId, attempt: entry.attempt }, 'delivery failed; will retry');
    if (!this.running) return; // left pending: another consumer takes it over after claimIdleMs
    const delay = Math.min(this.o.retryDelayMs * 2 ** (entry.attempt - 1), this.o.claimIdleMs);
    const timer = setTimeout(() => void this.retryOwn(entry), delay);
    timer.unref();
    this.retries.set(entry.streamId, timer);
  }

  /** XCLAIM to ourselves bumps Redis's delivery count; min-idle skips it if another consumer took it meanwhile. */
  private async retryOwn(entry: Entry): Promise<void> {
    this.retries.delete(entry.streamId);
    if (!this.running) return;
    try {
      const idle = Math.max(0, Math.min(this.o.retryDelayMs, this.o.claimIdleMs) - 50);
      const reply = await this.redis.call('XCLAIM', [this.o.stream, this.o.group, this.o.consumer, idle, entry.streamId]);
      for (const e of parseEntries(reply)) this.enqueue({ ...e, attempt: entry.attempt + 1 });
    } catch (err) {
      this.log.error({ error: errorLine(err), deliveryId: entry.deliveryId }, 'bus retry claim failed; XAUTOCLAIM will pick it up');
    }
  }

  /** Batches acks: one XACK per turn of the event loop instead of one round trip per delivery. */
  private ack(streamId: string): void {
    this.ackIds.push(streamId);
    this.ackFlush ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flushAcks());
  }

  private async flushAcks(): Promise<void> {
    this.ackFlush = undefined;
    const ids = this.ackIds;
    if (ids.length === 0) return;
    this.ackIds = [];
    await this.redis.xack(this.o.stream, this.o.group, ...ids).catch((err: unknown) => {
      this.log.error({ error: errorLine(err), count: ids.length }, 'bus ack failed; entries will be redelivered');
    });
  }

  /**
   * Keeps our long-running handlers' entries fresh (so nobody else claims them), then takes over
   * entries idle longer than claimIdleMs: a dead consumer's, or own failures past their retry.
   */
  private async claimTick(): Promise<void> {
    if (this.claiming || !this.running) return;
    this.claiming = true;
    try {
      const owned = [...this.inFlight.keys(), ...this.queue.map((q) => q.streamId)];
      if (owned.length > 0) {
        // JUSTID resets idle time without counting a delivery.
        await this.redis.call('XCLAIM', [this.o.stream, this.o.group, this.o.consumer, 0, ...owned, 'JUSTID']);
      }
      const free = this.freeSlots();
      if (free <= 0) return;
      const reply = await this.redis.xautoclaim(
        this.o.stream, this.o.group, this.o.consumer, this.o.claimIdleMs, this.claimCursor, 'COUNT', free,
      );
      const [cursor, raw] = reply as [string, unknown];
      this.claimCursor = cursor;
      const claimed = parseEntries(raw).filter((e) => !this.inFlight.has(e.streamId));
      if (claimed.length === 0) return;
      const counts = await this.deliveryCounts(claimed.map((e) => e.streamId));
      const dropped: Entry[] = [];
      for (const e of claimed) {
        const timer = this.retries.get(e.streamId);
        if (timer) clearTimeout(timer);
        this.retries.delete(e.streamId);
        const attempt = counts.get(e.streamId) ?? 1;
        if (attempt > this.o.maxDeliveries) dropped.push({ ...e, attempt });
        else this.enqueue({ ...e, attempt });
      }
      if (dropped.length > 0) {
        this.log.error({ deliveryIds: dropped.map((d) => d.deliveryId) }, 'deliveries redelivered too often; dropped from the bus');
        for (const d of dropped) this.ack(d.streamId);
      }
      if (claimed.length > 0) this.log.info({ count: claimed.length - dropped.length }, 'bus took over idle deliveries');
    } catch (err) {
      if (this.running) await this.recover(err, 'claim');
    } finally {
      this.claiming = false;
    }
  }

  /** XAUTOCLAIM does not report delivery counts; one XPENDING over the claimed id range does. */
  private async deliveryCounts(ids: string[]): Promise<Map<string, number>> {
    const sorted = [...ids].sort(compareStreamIds);
    const span = sorted.length + this.inFlight.size + this.queue.length + this.retries.size;
    const rows = (await this.redis.xpending(
      this.o.stream, this.o.group, sorted[0]!, sorted[sorted.length - 1]!, span, this.o.consumer,
    )) as [string, string, number, number][];
    return new Map(rows.map(([id, , , count]) => [id, Number(count)]));
  }
}

function compareStreamIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

/** XREADGROUP replies are [[key, entries]] (RESP2 shape) or { key: entries } with replyMapping "resp3". */
function parseRead(reply: unknown): Omit<Entry, 'attempt'>[] {
  if (!reply) return [];
  const streams: unknown[] = Array.isArray(reply)
    ? reply.map((s) => (s as unknown[])[1])
    : reply instanceof Map ? [...reply.values()] : Object.values(reply as object);
  return streams.flatMap(parseEntries);
}

/** Entries are [id, [field, value, ...]]; fields are null for entries trimmed away while pending. */
function parseEntries(raw: unknown): Omit<Entry, 'attempt'>[] {
  if (!Array.isArray(raw)) return [];
  const out: Omit<Entry, 'attempt'>[] = [];
  for (const item of raw) {
    if (!Array.isArray(item)) continue;
    const [streamId, fields] = item as [unknown, unknown];
    if (!Array.isArray(fields)) continue;
    const i = fields.indexOf('d');
    const deliveryId = i >= 0 ? fields[i + 1] : undefined;
    if (typeof streamId === 'string' && typeof deliveryId === 'string') out.push({ streamId, deliveryId });
  }
  return out;
}
