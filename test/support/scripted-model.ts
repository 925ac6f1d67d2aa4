import type Anthropic from '@anthropic-ai/sdk';
import { parseTurnPrompt, type TurnPrompt } from '../../src/agents/turn-prompt.js';
import type { ChatModel, ModelRequest, ModelResponse } from '../../src/llm/model.js';

/** A whole answer, for scripts that need a stop_reason of their own (max_tokens, refusal, pause_turn). */
export interface ScriptedAnswer {
  content: Anthropic.ContentBlock[];
  stop_reason: Anthropic.StopReason;
  stop_details?: { type: 'refusal'; category: string | null; explanation: string | null } | null;
}

export type Script = (turn: TurnPrompt, request: ModelRequest) => Anthropic.ContentBlock[] | ScriptedAnswer | 'end';

const promptText = (content: Anthropic.MessageParam['content']): string | null =>
  typeof content === 'string'
    ? content
    : content.every((b) => b.type === 'text')
      ? content.map((b) => (b as Anthropic.TextBlockParam).text).join('\n')
      : null;

/**
 * A model for tests: the script decides each first step from the parsed turn prompt; after a
 * tool result the turn ends. Usage is fixed so costs are easy to check by hand.
 */
export class ScriptedModel implements ChatModel {
  readonly rehearsal = false;
  readonly label = 'scripted test model';
  readonly requests: ModelRequest[] = [];
  constructor(private readonly script: Script) {}

  async create(request: ModelRequest): Promise<ModelResponse> {
    this.requests.push(request);
    const last = request.messages.at(-1)!;
    const afterTool = Array.isArray(last.content) && last.content.some((b) => b.type === 'tool_result');
    // A turn prompt, or a paused answer being continued: the script sees the turn either way.
    const prompt = last.role === 'assistant' ? request.messages.find((m) => m.role === 'user') : last;
    const text = prompt ? promptText(prompt.content) : null;
    const turn = text !== null ? parseTurnPrompt(text) : null;
    const content = afterTool || !turn ? 'end' : this.script(turn, request);
    const answer: ScriptedAnswer | null = content !== 'end' && !Array.isArray(content) ? content : null;
    const blocks = content === 'end' ? [] : Array.isArray(content) ? content : content.content;
    return {
      id: `msg_test_${this.requests.length}`,
      type: 'message',
      role: 'assistant',
      model: request.model,
      content: blocks,
      stop_reason: answer?.stop_reason ?? (blocks.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
      stop_sequence: null,
      stop_details: answer?.stop_details ?? null,
      usage: { input_tokens: 1000, output_tokens: 100, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    } as unknown as ModelResponse;
  }
}

let n = 0;
export const toolUse = (name: string, input: Record<string, unknown>): Anthropic.ContentBlock =>
  ({ type: 'tool_use', id: `toolu_test_${++n}`, name, input }) as Anthropic.ContentBlock;
export const post = (text: string, mentions: string[] = [], type = 'reply') => [toolUse('post_message', { text, mentions, type })];
