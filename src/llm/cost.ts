import type Anthropic from '@anthropic-ai/sdk';

export interface TokenPricing {
  input_usd_per_mtok: number;
  output_usd_per_mtok: number;
}
export interface CachePricing {
  write_multiplier: number;
  read_multiplier: number;
}
type UsageLike = Pick<Anthropic.Usage, 'input_tokens' | 'output_tokens'> &
  Partial<Pick<Anthropic.Usage, 'cache_creation_input_tokens' | 'cache_read_input_tokens'>>;

/**
 * Dollar cost of one call. Anthropic reports input_tokens excluding cached tokens, so the three
 * input counts are disjoint: fresh input at the input price, cache writes and reads at multiples of it.
 */
export function costUsd(usage: UsageLike, pricing: TokenPricing, cache: CachePricing): number {
  const input = pricing.input_usd_per_mtok;
  const usd =
    usage.input_tokens * input +
    (usage.cache_creation_input_tokens ?? 0) * input * cache.write_multiplier +
    (usage.cache_read_input_tokens ?? 0) * input * cache.read_multiplier +
    usage.output_tokens * pricing.output_usd_per_mtok;
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
