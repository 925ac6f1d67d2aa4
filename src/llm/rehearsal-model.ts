import { createHash } from 'node:crypto';
import type Anthropic from '@anthropic-ai/sdk';
import { POST_MESSAGE } from '../agents/tools.js';
import { parseSummaryPrompt } from '../agents/thread-summary-prompt.js';
import { parseTurnPrompt } from '../agents/turn-prompt.js';
import type { Department } from '../department/schema.js';
import { REHEARSAL_LABEL, REHEARSAL_MODEL_ID, type ChatModel, type ModelRequest, type ModelResponse } from './model.js';
import { parseMeetingPrompt, RECORD_MEETING_OUTCOME, type MeetingPrompt } from '../meetings/meeting-prompts.js';
import { decide } from './rehearsal/decide.js';
import { extractiveSummary } from './rehearsal/extractive-summary.js';
import { meetingClosing, meetingUpdate } from './rehearsal/meeting-acts.js';
import { useKnowledge } from './rehearsal/knowledge-use.js';
import { REHEARSAL_NOTE } from './rehearsal/text.js';

export { REHEARSAL_NOTE };

const tokens = (value: unknown) => Math.ceil(JSON.stringify(value ?? '').length / 4);

const textOf = (content: Anthropic.MessageParam['content']): string =>
  typeof content === 'string' ? content : content.map((b) => (b.type === 'text' ? b.text : '')).join('\n');

/** The post_message tool's mentions enum, when the runtime restricted who may be mentioned. */
function mentionEnum(tools: ModelRequest['tools']): string[] | undefined {
  const tool = tools?.find((t) => 'name' in t && t.name === POST_MESSAGE);
  const props = tool && 'input_schema' in tool ? (tool.input_schema.properties as Record<string, { items?: { enum?: unknown } }> | null | undefined) : undefined;
  const list = props?.mentions?.items?.enum;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : undefined;
}

/**
 * The offline stand-in for Claude (no ANTHROPIC_API_KEY). It speaks the same tool protocol, so the
 * whole department runs end to end: same request → same response (no randomness, no clock),
 * and everything it posts carries a visible rehearsal note.
 */
export class RehearsalModel implements ChatModel {
  readonly rehearsal = true;
  readonly label = REHEARSAL_LABEL;

  constructor(private readonly dept: Department) {}

  async create(request: ModelRequest): Promise<ModelResponse> {
    const last = [...request.messages].reverse().find((m) => m.role === 'user');
    // A tool result means our tool call was carried out: the turn is over.
    if (last && typeof last.content !== 'string' && last.content.some((b) => b.type === 'tool_result')) {
      return this.message(request, [], 'end_turn');
    }
    // A long thread's older messages: quoted, not written (labelled as rehearsal in its first line).
    const summary = last ? parseSummaryPrompt(textOf(last.content)) : null;
    if (summary) return this.message(request, [{ type: 'text', text: extractiveSummary(summary), citations: null }], 'end_turn');
    const meeting = last ? parseMeetingPrompt(textOf(last.content)) : null;
    if (meeting) return this.atMeeting(request, meeting);
    const prompt = last ? parseTurnPrompt(textOf(last.content)) : null;
    const me = prompt ? this.dept.byId.get(prompt.agentId) : undefined;
    if (!prompt || !me) {
      const text = `(rehearsal) I could not read this turn as a department message, so I have nothing to add. ${REHEARSAL_NOTE}`;
      return this.message(request, [{ type: 'text', text, citations: null }], 'end_turn');
    }
    const allowedIds = mentionEnum(request.tools);
    const allowed = (id: string) => id !== me.id && (allowedIds ? allowedIds.includes(id) : this.dept.byId.has(id));
    const act = useKnowledge(decide(prompt, me, this.dept, allowed), prompt.knowledge ?? []);
    const toolCalls = request.messages.reduce(
      (n, m) => n + (typeof m.content === 'string' ? 0 : m.content.filter((b) => b.type === 'tool_use').length),
      0,
    );
    return this.message(
      request,
      [
        { type: 'text', text: act.lead, citations: null },
        ...act.calls.map((c, i): Anthropic.ContentBlock => ({ type: 'tool_use', id: `toolu_rehearsal_${toolCalls + i + 1}`, name: c.tool, input: c.input, caller: { type: 'direct' } })),
      ],
      'tool_use',
    );
  }

  /** An attendee's update (text), or the lead's closing (the outcome tool). */
  private atMeeting(request: ModelRequest, meeting: MeetingPrompt): ModelResponse {
    if (meeting.mode === 'closing') {
      const input = meetingClosing(meeting, this.dept);
      return this.message(request, [{ type: 'tool_use', id: 'toolu_rehearsal_meeting', name: RECORD_MEETING_OUTCOME, input, caller: { type: 'direct' } }], 'tool_use');
    }
    const text = meetingUpdate(meeting, this.dept) ?? `(rehearsal) I was given no facts to report from. ${REHEARSAL_NOTE}`;
    return this.message(request, [{ type: 'text', text, citations: null }], 'end_turn');
  }

  private message(request: ModelRequest, content: Anthropic.ContentBlock[], stop: Anthropic.StopReason): ModelResponse {
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 24);
    return {
      id: `msg_rehearsal_${hash}`,
      type: 'message',
      role: 'assistant',
      model: REHEARSAL_MODEL_ID,
      content,
      stop_reason: stop,
      stop_sequence: null,
      stop_details: null,
      container: null,
      diagnostics: null,
      usage: {
        input_tokens: tokens({ system: request.system, messages: request.messages, tools: request.tools }),
        output_tokens: content.length === 0 ? 1 : tokens(content),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: null,
        inference_geo: null,
        output_tokens_details: null,
        server_tool_use: null,
        service_tier: null,
        speed: null,
      },
    };
  }
}
