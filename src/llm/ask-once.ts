import type Anthropic from '@anthropic-ai/sdk';
import type { DepartmentFile } from '../department/schema.js';
import { costUsd } from './cost.js';
import type { ChatModel } from './model.js';
import { buildRequest } from './prompt.js';

/** One model call outside an agent turn's graph (a meeting's update, a thread's summary), as recorded. */
export interface ModelCall {
  agentId: string;
  model: string;
  rehearsal: boolean;
  usage: Anthropic.Usage;
  costUsd: number;
  latencyMs: number;
}

type Tier = DepartmentFile['models']['haiku'];

/**
 * Asks a model once: a cached system prompt, one user message, at a tier's model and prices. The
 * call is charged to `agentId`; the rehearsal model costs nothing, as in agent turns.
 */
export async function askOnce(
  model: ChatModel,
  ask: { agentId: string; tier: Tier; system: string; prompt: string; tools?: Anthropic.Tool[]; maxTokens?: number },
): Promise<{ response: Anthropic.Message; call: ModelCall }> {
  const started = performance.now();
  const maxTokens = Math.min(ask.maxTokens ?? ask.tier.max_output_tokens, ask.tier.max_output_tokens);
  const request = buildRequest({ model: ask.tier.id, maxTokens, staticSystem: ask.system, messages: [{ role: 'user', content: ask.prompt }], tools: ask.tools ?? [] });
  const response = await model.create(request);
  const call = {
    agentId: ask.agentId,
    model: response.model,
    rehearsal: model.rehearsal,
    usage: response.usage,
    costUsd: model.rehearsal ? 0 : costUsd(response.usage, ask.tier),
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
