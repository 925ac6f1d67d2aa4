import type { MentionEvent } from './mention-event.js';
import { sendLikeSlack, type Delivery, type SenderOptions } from './slack-sender.js';

export interface BurstOptions extends SenderOptions {
  /** Events in flight at once. */
  concurrency: number;
  /** Pause between starting two events. */
  intervalMs: number;
}

/**
 * Sends the events as Slack would during a busy minute: paced, a few in flight, each retried by
 * the sender on its own. Faults watch `acked` to strike in the middle of it.
 */
export class Burst {
  readonly deliveries = new Map<string, Delivery>();
  readonly startedAt = Date.now();
  readonly done: Promise<void>;
  private acked = 0;
  private readonly waiters: { count: number; resolve: () => void }[] = [];

  constructor(
    readonly events: MentionEvent[],
    o: BurstOptions,
  ) {
    this.done = this.run(o).finally(() => {
      for (const w of this.waiters.splice(0)) w.resolve();
    });
  }

  get ackedCount(): number {
    return this.acked;
  }

  /** Resolves once `count` events got their 2xx (or the burst is over). */
  whenAcked(count: number): Promise<void> {
    if (this.acked >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  private async run(o: BurstOptions): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (const [i, event] of this.events.entries()) {
      const due = this.startedAt + i * o.intervalMs;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
      while (inFlight.size >= o.concurrency) await Promise.race(inFlight);
      const p: Promise<void> = sendLikeSlack(event.envelope, o).then((d) => this.record(event, d));
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
    await Promise.all(inFlight);
  }

  private record(event: MentionEvent, delivery: Delivery): void {
    this.deliveries.set(event.eventId, delivery);
    if (!delivery.acked) return;
    this.acked++;
    for (const w of [...this.waiters]) {
      if (this.acked >= w.count) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}
