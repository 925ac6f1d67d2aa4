/** Runs one agent turn for a delivery id. Throwing leaves the delivery for redelivery. */
export type DeliveryHandler = (deliveryId: string) => Promise<void>;

/**
 * The delivery bus: carries delivery ids (rows of the deliveries outbox in Postgres) from
 * ingest to workers. Postgres stays the source of truth; the bus only says "look at this row".
 */
export interface Bus {
  readonly kind: 'redis' | 'in-process';
  publish(deliveryIds: string[]): Promise<void>;
  /** Begin consuming; at most `concurrency` handlers run at once in this process. */
  start(handler: DeliveryHandler, concurrency: number): Promise<void>;
  /**
   * Stop taking new deliveries and wait up to graceMs for in-flight handlers.
   * Returns the ids still running when the grace ran out (the caller hands them back).
   */
  stop(graceMs: number): Promise<string[]>;
  /**
   * Called when the bus finds its queue gone (a Redis restarted empty): whatever was published and
   * not yet handled must be published again from Postgres.
   */
  onQueueLost?(listener: () => void): void;
  /** True when the bus answers (for /healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
