import { describe, expect, it } from 'vitest';
import { InProcessChannelPacer, channelPacerFor } from '../../../src/slack/channel-pacer.js';

/** Node timers may fire up to about a millisecond before the monotonic clock says they are due. */
const TIMER_SLACK_MS = 2;

/** When each of n concurrent turns on one channel was granted, in the order they were asked. */
async function grantTimes(pacer: { turn(c: string): Promise<void> }, channel: string, n: number): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => pacer.turn(channel).then(() => performance.now())));
}

describe('InProcessChannelPacer', () => {
  it('spaces concurrent turns on one channel at least an interval apart, in call order', async () => {
    const asked = performance.now();
    const times = await grantTimes(new InProcessChannelPacer({ intervalMs: 60 }), 'C1', 5);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    // Lower bounds only: the k-th turn k intervals after asking. Gaps between neighbours are not
    // checked: a loaded machine can wake one turn late, onto the next one's time.
    for (let k = 1; k < times.length; k++) expect(times[k]! - asked).toBeGreaterThanOrEqual(k * 60 - TIMER_SLACK_MS);
  });

  it('lets different channels go without waiting on each other', async () => {
    const pacer = new InProcessChannelPacer({ intervalMs: 5000 });
    await pacer.turn('C1');
    const start = performance.now();
    await Promise.all([pacer.turn('C2'), pacer.turn('C3')]);
    // C1's next turn is 5 s away; C2 and C3 owe it nothing.
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('grants the first turn at once and refuses a nonsensical interval', async () => {
    const start = performance.now();
    await new InProcessChannelPacer().turn('C1');
    expect(performance.now() - start).toBeLessThan(500);
    expect(() => new InProcessChannelPacer({ intervalMs: 0 })).toThrow(/positive whole number/);
  });

  it('is what the factory gives without Redis', () => {
    expect(channelPacerFor(undefined)).toBeInstanceOf(InProcessChannelPacer);
  });
});
