import type Anthropic from '@anthropic-ai/sdk';
import { END, START, StateGraph } from '@langchain/langgraph';
import { answerText } from '../llm/ask-once.js';
import { costUsd, type ModelPrices } from '../llm/cost.js';
import type { KnowledgeType } from '../knowledge/knowledge-index.js';
import type { ChatModel } from '../llm/model.js';
import { buildRequest } from '../llm/prompt.js';
import { executeTools, type ToolRules } from './tool-executor.js';
import { SEARCH_KNOWLEDGE, searchKnowledgeInput } from './tools.js';
import { TurnState, type TurnStateValue } from './turn-state.js';
import { judgeStop } from './turn-stop.js';

export interface TurnSettings {
  model: ChatModel;
  modelId: string;
  prices: ModelPrices;
  /** max_tokens of a call; a call cut at it is asked once more with twice the room. */
  maxTokens: number;
  maxSteps: number;
  /** Department preamble + role prompt: identical across turns, so it is prompt-cached. */
  staticSystem: string;
  tools: Anthropic.Tool[];
  rules: ToolRules;
  /** search_knowledge: the records found, as the tool's result text (absent: no knowledge base here). */
  searchKnowledge?: (query: string, types: KnowledgeType[]) => Promise<string>;
}

/**
 * One agent turn: model ⇄ tools until the model has acted, or the turn stops for a reason the
 * thread is told about (see turn-stop.ts). The model's content goes back to it unchanged within
 * the turn — thinking blocks included, as Claude 5.5 requires — and no tool use is ever forced
 * (tool_choice any/tool is an error on these models).
 */
export function buildTurnGraph(s: TurnSettings) {
  const callModel = async (state: TurnStateValue) => {
    const started = performance.now();
    const maxTokens = state.raisedLimit ? s.maxTokens * 2 : s.maxTokens;
    const request = buildRequest({ model: s.modelId, maxTokens, staticSystem: s.staticSystem, messages: state.messages, tools: s.tools });
    const response = await s.model.create(request);
    const call = {
      model: response.model,
      rehearsal: s.model.rehearsal,
      usage: response.usage,
      // The rehearsal model runs on this machine and costs nothing: its calls are recorded at $0, so
      // offline work never counts against the spend budgets.
      costUsd: s.model.rehearsal ? 0 : costUsd(response.usage, s.prices),
      latencyMs: Math.round(performance.now() - started),
    };
    return { response, call, maxTokens };
  };

  const runTools = async (content: Anthropic.ContentBlock[], state: TurnStateValue) => {
    const uses = content.filter((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use');
    if (uses.length === 0) return null;
    // Searches are answered here (they read the knowledge base); every other call is an act.
    const searches = uses.filter((u) => u.name === SEARCH_KNOWLEDGE);
    const { actions, results } = executeTools(uses.filter((u) => u.name !== SEARCH_KNOWLEDGE), s.rules, state.work);
    const found = await Promise.all(searches.map((u) => searchResult(u)));
    const byId = new Map([...results, ...found].map((r) => [r.tool_use_id, r]));
    return { actions, searches: new Set(searches.map((u) => u.id)), results: { role: 'user' as const, content: uses.map((u) => byId.get(u.id)!) } };
  };

  const searchResult = async (use: Anthropic.ToolUseBlock): Promise<Anthropic.ToolResultBlockParam> => {
    const parsed = searchKnowledgeInput.safeParse(use.input);
    const fail = (content: string): Anthropic.ToolResultBlockParam => ({ type: 'tool_result', tool_use_id: use.id, content, is_error: true });
    if (!parsed.success) return fail(`Invalid search_knowledge input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    if (!s.searchKnowledge) return fail('The knowledge base is not available in this turn: answer from the thread.');
    try {
      return { type: 'tool_result', tool_use_id: use.id, content: await s.searchKnowledge(parsed.data.query, parsed.data.types) };
    } catch (err) {
      return fail(`The knowledge base did not answer (${err instanceof Error ? err.message : String(err)}): answer from the thread, or try again.`);
    }
  };

  // One node per step, the model call and the tool calls it asked for: LangGraph's per-node cost
  // is paid once per model call instead of twice.
  const step = async (state: TurnStateValue): Promise<Partial<TurnStateValue>> => {
    const { response, call, maxTokens } = await callModel(state);
    const steps = state.steps + 1;
    const verdict = judgeStop(response, maxTokens, !state.raisedLimit);
    if (verdict.next === 'stop') return { calls: [call], steps, stop: verdict.stop, again: false };
    // A cut answer is dropped whole (its last tool call may be incomplete) and asked for again, if a step is left.
    if (verdict.next === 'raise_limit') {
      return steps < s.maxSteps ? { calls: [call], steps, raisedLimit: true, again: true } : { calls: [call], steps, stop: { reason: 'max_tokens', limit: maxTokens }, again: false };
    }
    const assistant: Anthropic.MessageParam = { role: 'assistant', content: response.content as Anthropic.ContentBlockParam[] };
    if (verdict.next === 'continue') {
      // Still paused at the step limit: the turn ends, and the thread is told.
      return steps < s.maxSteps ? { calls: [call], steps, messages: [assistant], again: true } : { calls: [call], steps, stop: { reason: 'paused' }, again: false };
    }
    const finalText = answerText(response);
    const tools = await runTools(response.content, state);
    if (!tools) return { calls: [call], steps, messages: [assistant], finalText, again: false };
    // A turn ends with its acts: once every tool call of the step went through (a post, a decline),
    // calling the model again would only buy an end_turn. A refused act goes back to the model to
    // correct; what a search found goes back to it to use, unless the step already acted (asked
    // again, the model would post what it has just posted).
    const refused = tools.results.content.some((b) => b.is_error === true && !tools.searches.has(b.tool_use_id));
    return { calls: [call], steps, messages: [assistant, tools.results], actions: tools.actions, finalText, again: refused || (tools.searches.size > 0 && tools.actions.length === 0) };
  };

  // Another step only while the step limit allows (one node per step: LangGraph's cost is per node).
  const afterStep = (state: TurnStateValue) => (state.again && state.steps < s.maxSteps ? 'step' : END);

  return new StateGraph(TurnState)
    .addNode('step', step)
    .addEdge(START, 'step')
    .addConditionalEdges('step', afterStep, ['step', END])
    .compile();
}
