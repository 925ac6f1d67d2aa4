import type { Department } from '../../src/department/schema.js';
import { costUsd } from '../../src/llm/cost.js';

/** One recorded model call (an llm_calls row), oldest first within its run. */
export interface RecordedCall {
  agentId: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
}

export interface ClaudeEstimate {
  usd: number;
  /** The recorded input split as Claude would bill it. */
  freshInput: number;
  cacheWrite: number;
  cacheRead: number;
  output: number;
}

/**
 * What one run's calls would cost on Claude: each call's recorded usage at the list prices of its
 * agent's tier (manifests/department.yml `models`, via src/llm/cost.ts). The rehearsal model
 * records no cache use, so caching is assumed as the runtime asks for it: an agent's first call in
 * the run writes its tools + static system prefix to the cache, its later calls read it (within
 * the cache's 5 minutes). The thread-history breakpoint is not credited: history is billed as
 * fresh input. Calls that recorded cache use (Claude's own) are priced as recorded.
 */
export function estimateOnClaude(calls: RecordedCall[], department: Department, prefixTokens: Map<string, number>): ClaudeEstimate {
  const cached = new Set<string>();
  const total: ClaudeEstimate = { usd: 0, freshInput: 0, cacheWrite: 0, cacheRead: 0, output: 0 };
  for (const call of calls) {
    const agent = department.byId.get(call.agentId);
    if (!agent) throw new Error(`llm_calls names agent "${call.agentId}", which the department does not have`);
    const recordedCache = call.cacheCreationTokens + call.cacheReadTokens > 0;
    const prefix = recordedCache ? 0 : Math.min(prefixTokens.get(call.agentId) ?? 0, call.inputTokens);
    const first = !cached.has(call.agentId);
    cached.add(call.agentId);
    const usage = {
      input_tokens: call.inputTokens - prefix,
      output_tokens: call.outputTokens,
      cache_creation_input_tokens: recordedCache ? call.cacheCreationTokens : first ? prefix : 0,
      cache_read_input_tokens: recordedCache ? call.cacheReadTokens : first ? 0 : prefix,
    };
    total.usd += costUsd(usage, department.file.models[agent.model_tier]);
    total.freshInput += usage.input_tokens;
    total.cacheWrite += usage.cache_creation_input_tokens;
    total.cacheRead += usage.cache_read_input_tokens;
    total.output += usage.output_tokens;
  }
  return total;
}
