import { SlackError } from './api/slack-error.js';
import { triggerId } from './ids.js';

/**
 * trigger_ids: issued with every interaction, exchangeable once for a view within a short time
 * (3 s in Slack). Kept in memory: they live for seconds, so a restart losing them is what Slack does too.
 */
export class Triggers {
  private readonly issued = new Map<string, { userId: string; at: number; used: boolean }>();

  constructor(private readonly ttlMs: number) {}

  issue(userId: string): string {
    const id = triggerId();
    this.issued.set(id, { userId, at: Date.now(), used: false });
    this.sweep();
    return id;
  }

  /** The person the trigger belongs to; Slack's errors for unknown, late and reused triggers. */
  exchange(id: string): string {
    const t = this.issued.get(id);
    if (!t) throw new SlackError('invalid_trigger_id');
    if (t.used) throw new SlackError('exchanged_trigger_id');
    if (Date.now() - t.at > this.ttlMs) throw new SlackError('expired_trigger_id');
    t.used = true;
    return t.userId;
  }

  private sweep(): void {
    const old = Date.now() - Math.max(this.ttlMs, 60_000);
    for (const [id, t] of this.issued) if (t.at < old) this.issued.delete(id);
  }
}
