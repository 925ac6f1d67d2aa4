import type Anthropic from '@anthropic-ai/sdk';
import { sql } from 'drizzle-orm';
import type { AgentDef, Department } from '../department/schema.js';
import { costUsd } from '../llm/cost.js';
import type { ChatModel } from '../llm/model.js';
import { buildRequest } from '../llm/prompt.js';
import type { Db } from '../store/database.js';
import { newId } from '../store/ids.js';

/** One model call of a meeting, as recorded. */
export interface MeetingCall {
  agentId: string;
  model: string;
  rehearsal: boolean;
  usage: Anthropic.Usage;
  costUsd: number;
  latencyMs: number;
}

/**
 * Asks an agent's model once: its cached system prompt, the meeting's prompt as the user message.
 * The rehearsal model costs nothing, as in agent turns.
 */
export async function askOnce(
  deps: { department: Department; model: ChatModel; systemPrompt: (agentId: string) => string },
  agent: AgentDef,
  prompt: string,
  tools: Anthropic.Tool[] = [],
): Promise<{ response: Anthropic.Message; call: MeetingCall }> {
  const tier = deps.department.file.models[agent.model_tier];
  const started = performance.now();
  const request = buildRequest({ model: tier.id, maxTokens: tier.max_output_tokens, staticSystem: deps.systemPrompt(agent.id), messages: [{ role: 'user', content: prompt }], tools });
  const response = await deps.model.create(request);
  const call = {
    agentId: agent.id,
    model: response.model,
    rehearsal: deps.model.rehearsal,
    usage: response.usage,
    costUsd: deps.model.rehearsal ? 0 : costUsd(response.usage, tier),
    latencyMs: Math.round(performance.now() - started),
  };
  return { response, call };
}

export const answerText = (m: Anthropic.Message) =>
  m.content
    .filter((b): b is Anthropic.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();

/** The calls in llm_calls and the day's spend ledger, in one statement, so budgets and the monthly review see them. */
export async function recordMeetingCalls(db: Db, timezone: string, conversationId: string | null, calls: MeetingCall[]): Promise<void> {
  if (calls.length === 0) return;
  const rows = calls.map((c) => ({
    id: newId('llm'), agent_id: c.agentId, conversation_id: conversationId, model: c.model, rehearsal: c.rehearsal, input_tokens: c.usage.input_tokens, output_tokens: c.usage.output_tokens,
    cache_creation_tokens: c.usage.cache_creation_input_tokens ?? 0, cache_read_tokens: c.usage.cache_read_input_tokens ?? 0, cost_usd: c.costUsd, latency_ms: c.latencyMs,
  }));
  await db.execute(sql`
    with calls as (
      insert into llm_calls (id, agent_id, conversation_id, model, rehearsal, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost_usd, latency_ms)
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(id text, agent_id text, conversation_id text, model text, rehearsal boolean,
        input_tokens int, output_tokens int, cache_creation_tokens int, cache_read_tokens int, cost_usd numeric, latency_ms int)
      returning agent_id, cost_usd
    )
    insert into spend_days (day, agent_id, usd)
    select (now() at time zone ${timezone})::date, agent_id, sum(cost_usd) from calls where cost_usd > 0 group by agent_id
    on conflict (day, agent_id) do update set usd = spend_days.usd + excluded.usd`);
}
