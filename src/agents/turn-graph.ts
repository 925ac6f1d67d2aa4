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
      // The rehearsal model runs on this machine and costs nothing: its calls are recorded at $0, so
      // offline work never counts against the spend budgets.
      costUsd: s.model.rehearsal ? 0 : costUsd(response.usage, s.pricing, s.cachePricing),
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

  const runTools = (assistant: Anthropic.MessageParam) => {
    const uses: Anthropic.ToolUseBlockParam[] = [];
    for (const block of Array.isArray(assistant.content) ? assistant.content : []) if (block.type === 'tool_use') uses.push(block);
    if (uses.length === 0) return null;
    const { actions, results } = executeTools(uses, s.rules);
    return { actions, results: { role: 'user' as const, content: results } };
  };

  // One node per step, the model call and the tool calls it asked for: LangGraph's per-node cost
  // is paid once per model call instead of twice.
  const step = async (state: TurnStateValue) => {
    const answered = await callModel(state);
    const tools = runTools(answered.messages[0]!);
    return tools ? { ...answered, actions: tools.actions, messages: [...answered.messages, tools.results] } : answered;
  };

  // A turn ends with its acts: once every tool call of the step went through (a post, a decline),
  // calling the model again would only buy an end_turn. A refused call goes back to the model to
  // correct, within the step limit (after the last allowed step the model is not called again).
  const afterStep = (state: TurnStateValue) => {
    const last = state.messages.at(-1);
    const refused = last?.role === 'user' && Array.isArray(last.content) && last.content.some((b) => b.type === 'tool_result' && b.is_error === true);
    return refused && state.steps < s.maxSteps ? 'step' : END;
  };

  return new StateGraph(TurnState)
    .addNode('step', step)
    .addEdge(START, 'step')
    .addConditionalEdges('step', afterStep, ['step', END])
    .compile();
}
