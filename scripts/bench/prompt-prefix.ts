import { agentTools } from '../../src/agents/tools.js';
import { systemPromptFor } from '../../src/department/org-context.js';
import type { Department } from '../../src/department/schema.js';
import { buildRequest } from '../../src/llm/prompt.js';

/**
 * Tokens of each agent's cached prompt prefix (tools + static system prompt, up to the runtime's
 * cache breakpoints; src/llm/prompt.ts), counted the way the rehearsal model counts a request's
 * input tokens (characters of its JSON / 4), so it is comparable with the input it records.
 * The tools are those the runtime gives the agent (src/agents/runtime.ts settingsFor).
 */
export function cachedPrefixTokens(department: Department): Map<string, number> {
  const known = department.agents.map((a) => a.id);
  return new Map(
    department.agents.map((agent) => {
      const request = buildRequest({
        model: department.file.models[agent.model_tier].id,
        maxTokens: 1,
        staticSystem: systemPromptFor(department, agent.id),
        messages: [],
        tools: agentTools(known.filter((id) => id !== agent.id), agent.id),
      });
      return [agent.id, Math.ceil(JSON.stringify({ system: request.system, tools: request.tools }).length / 4)];
    }),
  );
}
