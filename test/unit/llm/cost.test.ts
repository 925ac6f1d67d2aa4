import { describe, expect, it } from 'vitest';
import { costUsd, usageSummary } from '../../../src/llm/cost.js';

const sonnet = { input_usd_per_mtok: 3, output_usd_per_mtok: 15 };
const cache = { write_multiplier: 1.25, read_multiplier: 0.1 };

describe('costUsd', () => {
  it('prices fresh input, cache writes, cache reads and output separately', () => {
    // 1000×$3 + 2000×$3×1.25 + 10000×$3×0.1 + 500×$15 = 3000 + 7500 + 3000 + 7500 = $21000 per M → $0.021
    const usage = { input_tokens: 1000, cache_creation_input_tokens: 2000, cache_read_input_tokens: 10_000, output_tokens: 500 };
    expect(costUsd(usage, sonnet, cache)).toBeCloseTo(0.021, 12);
  });

  it('counts null or missing cache fields as zero', () => {
    // 1M input × $3 + 1M output × $15 = $18
    expect(costUsd({ input_tokens: 1_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: null, cache_read_input_tokens: null }, sonnet, cache)).toBeCloseTo(18, 12);
    expect(costUsd({ input_tokens: 0, output_tokens: 2000 }, { input_usd_per_mtok: 1, output_usd_per_mtok: 5 }, cache)).toBeCloseTo(0.01, 12);
  });

  it('a cache hit is cheaper than resending the prompt', () => {
    const cold = costUsd({ input_tokens: 100, cache_creation_input_tokens: 5000, cache_read_input_tokens: 0, output_tokens: 0 }, sonnet, cache);
    const warm = costUsd({ input_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 5000, output_tokens: 0 }, sonnet, cache);
    expect(cold).toBeCloseTo(0.01905, 12); // (100×3 + 5000×3.75) / 1e6
    expect(warm).toBeCloseTo(0.0018, 12); // (100×3 + 5000×0.3) / 1e6
  });
});

describe('usageSummary', () => {
  it('flattens the usage with nulls as zero', () => {
    expect(usageSummary({ input_tokens: 5, output_tokens: 7, cache_creation_input_tokens: null, cache_read_input_tokens: 40 })).toEqual({
      inputTokens: 5,
      outputTokens: 7,
      cacheCreationTokens: 0,
      cacheReadTokens: 40,
    });
  });
});
