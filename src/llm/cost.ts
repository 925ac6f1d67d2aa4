import type Anthropic from '@anthropic-ai/sdk';

/** USD per million tokens of each kind a Messages API call is billed for. */
export interface TokenPrices {
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
  /** 5-minute cache writes (the department's cache_control is ephemeral, 5 minutes). */
  cache_write_usd_per_mtok: number;
  cache_read_usd_per_mtok: number;
}

/**
 * A model's price list. Some models bill a whole request at higher rates once its prompt (fresh
 * input + cache writes + cache reads) passes a size: Claude Haiku 5.5 above 100,000 tokens.
 */
export interface ModelPrices extends TokenPrices {
  long_prompt?: (TokenPrices & { above_tokens: number }) | undefined;
}

type UsageLike = Pick<Anthropic.Usage, 'input_tokens' | 'output_tokens'> &
  Partial<Pick<Anthropic.Usage, 'cache_creation_input_tokens' | 'cache_read_input_tokens'>>;

/**
 * Dollar cost of one call. Anthropic reports input_tokens excluding cached tokens, so the three
 * input counts are disjoint and each is billed at its own per-model price.
 */
export function costUsd(usage: UsageLike, prices: ModelPrices): number {
  const written = usage.cache_creation_input_tokens ?? 0;
  const read = usage.cache_read_input_tokens ?? 0;
  const prompt = usage.input_tokens + written + read;
  const p = prices.long_prompt && prompt > prices.long_prompt.above_tokens ? prices.long_prompt : prices;
  const usd =
    usage.input_tokens * p.input_usd_per_mtok +
    written * p.cache_write_usd_per_mtok +
    read * p.cache_read_usd_per_mtok +
    usage.output_tokens * p.output_usd_per_mtok;
  return usd / 1_000_000;
}

export interface UsageSummary {
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

/** Flat, null-free token counts for storage and logs. */
export function usageSummary(usage: UsageLike): UsageSummary {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}
