import { describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import { costUsd, usageSummary } from '../../../src/llm/cost.js';

const sonnet = { input_usd_per_mtok: 2, output_usd_per_mtok: 10, cache_write_usd_per_mtok: 2.5, cache_read_usd_per_mtok: 0.2 };

describe('costUsd', () => {
  it('prices fresh input, cache writes, cache reads and output each at the model’s own price', () => {
    // 1000×$2 + 2000×$2.50 + 10000×$0.20 + 500×$10 = 2000 + 5000 + 2000 + 5000 = $14000 per M → $0.014
    const usage = { input_tokens: 1000, cache_creation_input_tokens: 2000, cache_read_input_tokens: 10_000, output_tokens: 500 };
    expect(costUsd(usage, sonnet)).toBeCloseTo(0.014, 12);
  });

  it('counts null or missing cache fields as zero', () => {
    expect(costUsd({ input_tokens: 1_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: null, cache_read_input_tokens: null }, sonnet)).toBeCloseTo(12, 12);
  });

  it('bills a whole request at the long-prompt rates once its prompt, cached tokens included, passes the threshold', () => {
    const haiku = {
      input_usd_per_mtok: 0.1,
      output_usd_per_mtok: 0.5,
      cache_write_usd_per_mtok: 0.125,
      cache_read_usd_per_mtok: 0.01,
      long_prompt: { above_tokens: 100_000, input_usd_per_mtok: 0.5, output_usd_per_mtok: 2.5, cache_write_usd_per_mtok: 0.625, cache_read_usd_per_mtok: 0.05 },
    };
    const short = { input_tokens: 10_000, cache_read_input_tokens: 90_000, output_tokens: 1000 }; // prompt exactly 100,000
    const long = { input_tokens: 10_001, cache_read_input_tokens: 90_000, output_tokens: 1000 };
    expect(costUsd(short, haiku)).toBeCloseTo((10_000 * 0.1 + 90_000 * 0.01 + 1000 * 0.5) / 1e6, 12);
    expect(costUsd(long, haiku)).toBeCloseTo((10_001 * 0.5 + 90_000 * 0.05 + 1000 * 2.5) / 1e6, 12);
  });
});

describe('the department’s price table (manifests/department.yml)', () => {
  const { file } = loadDepartment('manifests', 'prompts');

  it('carries the Claude 5.5 list prices, cache prices per model', () => {
    expect(file.models.opus).toMatchObject({ id: 'claude-opus-5-5', input_usd_per_mtok: 4, output_usd_per_mtok: 20, cache_write_usd_per_mtok: 5, cache_read_usd_per_mtok: 0.2 });
    expect(file.models.sonnet).toMatchObject({ id: 'claude-sonnet-5-5', input_usd_per_mtok: 2, output_usd_per_mtok: 10, cache_write_usd_per_mtok: 2.5, cache_read_usd_per_mtok: 0.2 });
    expect(file.models.haiku).toMatchObject({ id: 'claude-haiku-5-5', input_usd_per_mtok: 0.1, output_usd_per_mtok: 0.5, cache_write_usd_per_mtok: 0.125, cache_read_usd_per_mtok: 0.01 });
    expect(file.models.haiku.long_prompt).toMatchObject({ above_tokens: 100_000, input_usd_per_mtok: 0.5, output_usd_per_mtok: 2.5 });
  });

  it('Opus 5.5 cache reads cost 0.05× input, not the 0.1× of a single multiplier', () => {
    const read = costUsd({ input_tokens: 0, cache_read_input_tokens: 1_000_000, output_tokens: 0 }, file.models.opus);
    expect(read).toBeCloseTo(0.2, 12);
    expect(read / file.models.opus.input_usd_per_mtok).toBeCloseTo(0.05, 12);
  });

  it('leaves every tier room for a long deliverable after adaptive thinking', () => {
    for (const tier of Object.values(file.models)) expect(tier.max_output_tokens).toBeGreaterThanOrEqual(8000);
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
