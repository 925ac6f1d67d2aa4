import type Anthropic from '@anthropic-ai/sdk';
import { END, START, StateGraph } from '@langchain/langgraph';
import { costUsd } from '../llm/cost.js';
import type { ChatModel } from '../llm/model.js';
import { buildRequest } from '../llm/prompt.js';
import { executeTools, type ToolRules } from './tool-executor.js';
import { TurnState, type TurnStateValue } from './turn-state.js';

export interface TurnSettings {
  model: ChatModel;
  modelId: string;
  pricing: { input_usd_per_mtok: number; output_usd_per_mtok: number };
  cachePricing: { write_multiplier: number; read_multiplier: number };
  maxTokens: number;
  maxSteps: number;
  /** Department preamble + role prompt: identical across turns, so it is prompt-cached. */
  staticSystem: string;
  tools: Anthropic.Tool[];
  rules: ToolRules;
}

/** One agent turn: model ⇄ tools until the model ends its turn or the step limit is reached. */
export function buildTurnGraph(s: TurnSettings) {
  const callModel = async (state: TurnStateValue) => {
    const started = performance.now();
    const request = buildRequest({
      model: s.modelId,
      maxTokens: s.maxTokens,
      staticSystem: s.staticSystem,
      messages: state.messages,
      tools: s.tools,
    });
    const response = await s.model.create(request);
    const call = {
      model: response.model,
      rehearsal: s.model.rehearsal,
      usage: response.usage,
      costUsd: costUsd(response.usage, s.pricing, s.cachePricing),
      latencyMs: Math.round(performance.now() - started),
    };
    const text = response.content
      .filter((b): b is Anthropic.TextBlock => b.type === 'text')
      .map((b) => b.text)
      .join('\n')
      .trim();
    const assistant: Anthropic.MessageParam = { role: 'assistant', content: response.content as Anthropic.ContentBlockParam[] };
    return { messages: [assistant], calls: [call], steps: state.steps + 1, finalText: text };
  };

  const runTools = async (state: TurnStateValue) => {
    const last = state.messages.at(-1);
    const uses: Anthropic.ToolUseBlockParam[] = [];
    for (const block of Array.isArray(last?.content) ? last.content : []) if (block.type === 'tool_use') uses.push(block);
    const { actions, results } = executeTools(uses, s.rules);
    return { actions, messages: [{ role: 'user' as const, content: results }] };
  };

  const afterModel = (state: TurnStateValue) => {
    const last = state.messages.at(-1);
    const wantsTools = Array.isArray(last?.content) && last.content.some((b) => b.type === 'tool_use');
    return wantsTools ? 'tools' : END;
  };
  // A turn ends with its acts: once every tool call of the step went through (a post, a decline),
  // calling the model again would only buy an end_turn. A refused call goes back to the model to
  // correct, within the step limit (after the last allowed step the model is not called again).
  const afterTools = (state: TurnStateValue) => {
    const results = state.messages.at(-1)?.content;
    const refused = Array.isArray(results) && results.some((b) => b.type === 'tool_result' && b.is_error === true);
    return refused && state.steps < s.maxSteps ? 'model' : END;
  };

  return new StateGraph(TurnState)
    .addNode('model', callModel)
    .addNode('tools', runTools)
    .addEdge(START, 'model')
    .addConditionalEdges('model', afterModel, ['tools', END])
    .addConditionalEdges('tools', afterTools, ['model', END])
    .compile();
}
