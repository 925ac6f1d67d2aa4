import type { Bus } from '../../src/bus/bus.js';

/** A Bus that only records what was published; tests drive the handler themselves. */
export class RecordingBus implements Bus {
  readonly kind = 'in-process' as const;
  readonly published: string[] = [];
  async publish(ids: string[]) {
    this.published.push(...ids);
  }
  async start() {}
  async stop() {
    return [];
  }
  async ping() {
    return true;
  }
  async close() {}
  /** Takes everything published so far. */
  drain(): string[] {
    return this.published.splice(0);
  }
}
