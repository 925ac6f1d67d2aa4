import { Burst } from './burst.js';
import { CHAOS_HUMAN, type MentionEvent } from './mention-event.js';
import type { ChaosOptions } from './options.js';
import type { FaultWindow, TrialSpec } from './trial.js';
import { SIGNING_SECRET, type TrialWorld } from './trial-world.js';

/**
 * The events sent as signed Slack deliveries (and put in the fake Slack's channel, as Slack would
 * have them) while the trial's fault strikes; once both are over, what the fault noted and measured.
 */
export async function faultDuringBurst(world: TrialWorld, spec: TrialSpec, options: ChaosOptions, events: MentionEvent[]) {
  for (const e of events) world.slack.addMessage({ channel: e.channel, ts: e.ts, user: CHAOS_HUMAN, text: e.text });
  const burst = new Burst(events, {
    url: world.cluster.eventsUrl,
    signingSecret: SIGNING_SECRET,
    ackTimeoutMs: options.ackTimeoutMs,
    retryDelaysMs: options.retryDelaysMs,
    concurrency: options.concurrency,
    intervalMs: options.sendIntervalMs,
  });
  const notes: string[] = [];
  const measured: Record<string, number> = {};
  const window: FaultWindow = await spec.fault({ ...world, burst, options, note: (t) => notes.push(t), measure: (k, v) => (measured[k] = v) });
  await burst.done;
  return { burst, notes, measured, window };
}
