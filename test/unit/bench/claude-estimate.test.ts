import { describe, expect, it } from 'vitest';
import { estimateOnClaude, type RecordedCall } from '../../../scripts/bench/claude-estimate.js';
import { departmentFixture } from '../../support/department-fixture.js';

/** The fixture's agents are all on sonnet: $2 input, $10 output, $2.50 cache writes, $0.20 cache reads per million. */
const dept = departmentFixture();
const call = (agentId: string, inputTokens: number, outputTokens = 0, cache: Partial<RecordedCall> = {}): RecordedCall => ({
  agentId, inputTokens, outputTokens, cacheCreationTokens: 0, cacheReadTokens: 0, ...cache,
});

describe('the estimated cost of a workflow on Claude', () => {
  it("writes an agent's cached prefix on its first call in the run and reads it on later ones", () => {
    const prefix = new Map([['copywriter', 1_000], ['seo_specialist', 2_000]]);
    const e = estimateOnClaude([call('copywriter', 1_500, 100), call('seo_specialist', 2_500), call('copywriter', 1_800)], dept, prefix);
    expect(e).toMatchObject({ freshInput: 500 + 500 + 800, cacheWrite: 1_000 + 2_000, cacheRead: 1_000, output: 100 });
    expect(e.usd).toBeCloseTo((1_800 * 2 + 3_000 * 2.5 + 1_000 * 0.2 + 100 * 10) / 1e6, 10);
  });

  it('never counts more prefix than a call sent, and prices cache use a call recorded (Claude) as recorded', () => {
    const prefix = new Map([['copywriter', 1_000]]);
    expect(estimateOnClaude([call('copywriter', 400)], dept, prefix)).toMatchObject({ freshInput: 0, cacheWrite: 400 });
    expect(estimateOnClaude([call('copywriter', 50, 0, { cacheReadTokens: 900 })], dept, prefix)).toMatchObject({ freshInput: 50, cacheWrite: 0, cacheRead: 900 });
  });
});
