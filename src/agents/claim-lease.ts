import type { Logger } from 'pino';
import type { Store } from '../store/store.js';

/**
 * A running delivery whose lease was not renewed for this long belongs to a worker that died:
 * another worker (or the sweeper) takes it over. Live workers renew every CLAIM_RENEW_MS, so a
 * crash is noticed within about CLAIM_LEASE_MS, and a pause shorter than that never looks like one.
 */
export const CLAIM_LEASE_MS = 10_000;
export const CLAIM_RENEW_MS = 2_500;

export interface Claim {
  id: string;
  attempts: number;
}

/**
 * Keeps this worker's leases alive: one statement renews every running claim. A claim the store
 * no longer confirms was lost (a worker that resumed after a long pause finds another one took
 * over); onLost tells the runtime so that turn never posts.
 */
export class ClaimKeeper {
  private readonly held = new Map<string, Claim>();
  private timer: NodeJS.Timeout | undefined;
  private renewing = false;

  constructor(
    private readonly store: Pick<Store, 'renewClaims'>,
    private readonly log: Logger,
    private readonly onLost: (deliveryId: string) => void,
    private readonly renewMs = CLAIM_RENEW_MS,
  ) {}

  hold(claim: Claim): void {
    this.held.set(claim.id, { id: claim.id, attempts: claim.attempts });
    if (!this.timer) {
      this.timer = setInterval(() => void this.renew(), this.renewMs);
      this.timer.unref();
    }
  }

  release(deliveryId: string): void {
    this.held.delete(deliveryId);
    if (this.held.size === 0) this.stop();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.held.size === 0) return;
    this.renewing = true;
    const claims = [...this.held.values()];
    try {
      const still = await this.store.renewClaims(claims);
      for (const c of claims) {
        if (still.has(c.id) || !this.held.has(c.id)) continue;
        this.held.delete(c.id);
        this.log.warn({ delivery: c.id }, 'lost the claim on a running agent turn (another worker took it over); it will not post');
        this.onLost(c.id);
      }
    } catch (err) {
      // The database is away: the leases may run out and another worker may take over, which is
      // safe (recordTurn checks ownership; a resumed post looks in the thread first).
      this.log.warn({ error: (err as Error).message }, 'could not renew agent turn claims; retrying');
    } finally {
      this.renewing = false;
    }
  }
}
