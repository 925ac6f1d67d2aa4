import type { WorkflowStore } from './workflow-store.js';

/**
 * A driver holds a run this long unless it renews: a driver that dies (SIGKILL, a lost machine)
 * keeps its runs from everyone else only until then; the sweeper, or the next wake, takes over.
 * As long as an agent turn's claim (CLAIM_LEASE_MS): a dead worker's turns and runs come free together.
 */
export const DRIVE_LEASE_MS = 10_000;
/** A live driver renews this often, so a slow step (Slack pacing, a long model call) never loses its run. */
export const DRIVE_RENEW_MS = 2_500;

/**
 * The lease on a run while this process drives it: renewed in the background, given back once.
 * Renewals and the release go one after another, so a release never races a renewal that would
 * leave the run held with nobody driving it. `lost` turns true when a renewal finds the run is no
 * longer this driver's: it stops moving it.
 */
export class DriveLease {
  lost = false;
  private chain: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly runs: Pick<WorkflowStore, 'renew' | 'release'>,
    private readonly runId: string,
    private held: string,
    private readonly ms: number,
    renewMs: number,
  ) {
    this.timer = setInterval(() => this.renew(), renewMs);
    this.timer.unref();
  }

  /** Takes the run, or null when another process drives it (it was asked to look again). */
  static async take(runs: Pick<WorkflowStore, 'lease' | 'renew' | 'release'>, runId: string, ms = DRIVE_LEASE_MS, renewMs = DRIVE_RENEW_MS): Promise<DriveLease | null> {
    const held = await runs.lease(runId, ms);
    return held ? new DriveLease(runs, runId, held, ms, renewMs) : null;
  }

  /** Gives the run back; false when a wake came meanwhile and the driver should look again (it keeps the lease). */
  async release(): Promise<boolean> {
    await this.chain;
    if (this.lost) return true;
    return this.runs.release(this.runId, this.held);
  }

  /** Stops renewing (after the last release). */
  end(): void {
    clearInterval(this.timer);
  }

  private renew(): void {
    this.chain = this.chain
      .then(async () => {
        if (this.lost) return;
        const next = await this.runs.renew(this.runId, this.held, this.ms);
        if (next) this.held = next;
        else this.lost = true;
      })
      // The database is away: the lease may run out and another process take over, which is safe (every effect is keyed).
      .catch(() => {});
  }
}
