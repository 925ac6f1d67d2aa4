import type Anthropic from '@anthropic-ai/sdk';
import { parseTurnPrompt, type TurnPrompt } from '../../src/agents/turn-prompt.js';
import { loadDepartment } from '../../src/department/load.js';
import type { ChatModel, ModelRequest, ModelResponse } from '../../src/llm/model.js';
import { RehearsalModel } from '../../src/llm/rehearsal-model.js';

/** A scripted step: the tool calls to make instead of the rehearsal model's. */
export type ScriptedCalls = { tool: string; input: Record<string, unknown> }[];

const firstText = (m: Anthropic.MessageParam | undefined) =>
  !m ? '' : typeof m.content === 'string' ? m.content : m.content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');

/**
 * The department's whole procedure on the rehearsal model, except the turns a script takes over
 * (a VP who asks for changes, say): the script sees each turn's prompt and answers with tool
 * calls, or null to leave the turn to the rehearsal model. `scripted` lists what it answered.
 */
export function scriptedRehearsal(script: (turn: TurnPrompt) => ScriptedCalls | null): ChatModel & { scripted: string[] } {
  const rehearsal = new RehearsalModel(loadDepartment('manifests', 'prompts'));
  let n = 0;
  const scripted: string[] = [];
  return {
    rehearsal: true,
    label: 'rehearsal model with scripted turns (test)',
    scripted,
    async create(request: ModelRequest): Promise<ModelResponse> {
      const last = request.messages.at(-1);
      const afterTool = !!last && typeof last.content !== 'string' && last.content.some((b) => b.type === 'tool_result');
      const turn = afterTool ? null : parseTurnPrompt(firstText(last));
      const calls = turn ? script(turn) : null;
      if (!calls) return rehearsal.create(request);
      scripted.push(`${turn!.agentId}: ${calls.map((c) => c.tool).join(', ')}`);
      return {
        id: `msg_scripted_${++n}`,
        type: 'message',
        role: 'assistant',
        model: request.model,
        content: calls.map((c, i) => ({ type: 'tool_use', id: `toolu_scripted_${n}_${i}`, name: c.tool, input: c.input, caller: { type: 'direct' } })),
        stop_reason: 'tool_use',
        stop_sequence: null,
        stop_details: null,
        usage: { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      } as unknown as ModelResponse;
    },
  };
}
