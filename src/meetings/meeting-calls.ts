import type Anthropic from '@anthropic-ai/sdk';
import type { AgentDef, Department } from '../department/schema.js';
import { askOnce, type ModelCall } from '../llm/ask-once.js';
import type { ChatModel } from '../llm/model.js';

/** Asks an agent's model once: its tier, its cached system prompt, the meeting's prompt as the user message. */
export function askAgentOnce(
  deps: { department: Department; model: ChatModel; systemPrompt: (agentId: string) => string },
  agent: AgentDef,
  prompt: string,
  tools: Anthropic.Tool[] = [],
): Promise<{ response: Anthropic.Message; call: ModelCall }> {
  return askOnce(deps.model, { agentId: agent.id, tier: deps.department.file.models[agent.model_tier], system: deps.systemPrompt(agent.id), prompt, tools });
}
