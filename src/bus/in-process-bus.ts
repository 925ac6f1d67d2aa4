import { AsyncResource } from 'node:async_hooks';
import type { Logger } from 'pino';
import { errorLine } from '../lib/error-line.js';
import type { Bus, DeliveryHandler } from './bus.js';

export interface InProcessBusOptions {
  logger: Logger;
  /** First retry delay after a handler throws; doubles per attempt. */
  retryDelayMs?: number;
  /** After this many attempts the delivery is dropped with an error log; the deliveries row keeps the truth. */
  maxDeliveries?: number;
}

interface Item {
  deliveryId: string;
  attempt: number;
}

/**
 * The embedded default when REDIS_URL is absent: same semantics as RedisStreamBus within one
 * process. Nothing survives a restart; the sweeper re-publishes whatever Postgres still has pending.
 */
export class InProcessBus implements Bus {
  readonly kind = 'in-process' as const;
  private readonly log: Logger;
  private readonly retryDelayMs: number;
  private readonly maxDeliveries: number;
  private readonly queue: Item[] = [];
  private readonly inFlight = new Map<Promise<void>, string>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private handler: DeliveryHandler | undefined;
  private concurrency = 1;
  private running = false;
  /**
   * The bus's own async context: handlers run in it, never in the publisher's. A workflow step
   * publishes from inside its LangGraph node, and a turn run in that node's context would inherit
   * the workflow's run config (its checkpoint thread) through AsyncLocalStorage.
   */
  private readonly scope = new AsyncResource('InProcessBus');

  constructor(options: InProcessBusOptions) {
    this.log = options.logger.child({ component: 'bus' });
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.maxDeliveries = options.maxDeliveries ?? 5;
  }

  async publish(deliveryIds: string[]): Promise<void> {
    for (const deliveryId of deliveryIds) this.queue.push({ deliveryId, attempt: 1 });
    // Deferred so publish never runs handlers inside the caller's stack (ingest's transaction callback), nor its async context.
    if (this.running) setImmediate(() => this.scope.runInAsyncScope(() => this.pump()));
  }

  async start(handler: DeliveryHandler, concurrency: number): Promise<void> {
    if (this.running) throw new Error('bus already started');
    this.handler = handler;
    this.concurrency = Math.max(1, Math.floor(concurrency));
    this.running = true;
    setImmediate(() => this.pump());
  }

  async stop(graceMs: number): Promise<string[]> {
    this.running = false;
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...this.inFlight.keys()]), grace]);
      clearTimeout(timer);
    }
    return [...this.inFlight.values()];
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.running = false;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.queue.length = 0;
  }

  private pump(): void {
    while (this.running && this.inFlight.size < this.concurrency && this.queue.length > 0) {
      this.run(this.queue.shift()!);
    }
  }

  private run(item: Item): void {
    // Started from a resolved promise so bookkeeping is in place even if the handler throws synchronously.
    const task: Promise<void> = Promise.resolve()
      .then(() => this.handler!(item.deliveryId))
      .catch((err: unknown) => this.failed(item, err))
      .finally(() => {
        this.inFlight.delete(task);
        this.pump();
      });
    this.inFlight.set(task, item.deliveryId);
  }

  private failed(item: Item, err: unknown): void {
    if (item.attempt >= this.maxDeliveries) {
      this.log.error({ error: errorLine(err), deliveryId: item.deliveryId, attempts: item.attempt }, 'delivery failed too often; dropped from the bus');
      return;
    }
    this.log.warn({ error: errorLine(err), deliveryId: item.deliveryId, attempt: item.attempt }, 'delivery failed; will retry');
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.queue.push({ deliveryId: item.deliveryId, attempt: item.attempt + 1 });
      this.pump();
    }, this.retryDelayMs * 2 ** (item.attempt - 1));
    timer.unref();
    this.retryTimers.add(timer);
  }
}
