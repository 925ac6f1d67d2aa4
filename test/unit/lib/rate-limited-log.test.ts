import { describe, expect, it } from 'vitest';
import { rateLimitedLog } from '../../../src/lib/rate-limited-log.js';

describe('rateLimitedLog', () => {
  it('writes the first line at once, then one per interval with how many it left out', () => {
    let now = 0;
    const limit = rateLimitedLog(1_000, () => now);
    const written: number[] = [];
    const tick = (at: number) => {
      now = at;
      limit((suppressed) => written.push(suppressed));
    };
    [0, 100, 200, 999].forEach(tick);
    expect(written).toEqual([0]);
    tick(1_000);
    expect(written).toEqual([0, 3]);
    tick(5_000);
    expect(written).toEqual([0, 3, 0]);
  });
});
