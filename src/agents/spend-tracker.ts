import type { Store } from '../store/store.js';

/**
 * Today's model spend per agent, read from llm_calls at most every refreshMs and counted
 * locally in between, so the budget check costs no query on the hot path.
 */
export class SpendTracker {
  private byAgent = new Map<string, number>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly timezone: string,
    private readonly refreshMs = 5000,
  ) {}

  async today(agentId: string): Promise<{ total: number; agent: number }> {
    if (Date.now() - this.loadedAt > this.refreshMs) await this.refresh();
    let total = 0;
    for (const v of this.byAgent.values()) total += v;
    return { total, agent: this.byAgent.get(agentId) ?? 0 };
  }

  add(agentId: string, costUsd: number): void {
    this.byAgent.set(agentId, (this.byAgent.get(agentId) ?? 0) + costUsd);
  }

  private refresh(): Promise<void> {
    this.loading ??= this.store
      .spendTodayByAgent(this.timezone)
      .then((m) => {
        this.byAgent = m;
        this.loadedAt = Date.now();
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}
