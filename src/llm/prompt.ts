import type Anthropic from '@anthropic-ai/sdk';
import type { ModelRequest } from './model.js';

export interface BuildRequestInput {
  model: string;
  maxTokens: number;
  /** Department preamble + role prompt: byte-identical across an agent's turns, so it is cached. */
  staticSystem: string;
  /** Per-turn context (date, org snapshot, retrieved knowledge): after the cache breakpoint. */
  dynamicSystem?: string | undefined;
  messages: Anthropic.MessageParam[];
  tools: Anthropic.Tool[];
}

const EPHEMERAL: Anthropic.CacheControlEphemeral = { type: 'ephemeral' };

/**
 * Anthropic caches the prompt prefix in the order tools → system → messages, up to each
 * cache_control breakpoint. One breakpoint on the last tool and one on the static system block
 * make both reusable across turns; the dynamic block comes after them so it never breaks the cache.
 * (Prefixes under the model's minimum cacheable length are simply not cached; that is harmless.)
 */
export function buildRequest(input: BuildRequestInput): ModelRequest {
  const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: input.staticSystem, cache_control: EPHEMERAL }];
  if (input.dynamicSystem) system.push({ type: 'text', text: input.dynamicSystem });
  const tools = input.tools.map((t, i) => (i === input.tools.length - 1 ? { ...t, cache_control: EPHEMERAL } : t));
  return {
    model: input.model,
    max_tokens: input.maxTokens,
    system,
    messages: input.messages,
    ...(tools.length > 0 ? { tools } : {}),
  };
}
