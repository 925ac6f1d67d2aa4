import type { AgentDef } from '../department/schema.js';
import type { ProtocolMessage } from '../protocol/message.js';
import { newId } from '../store/ids.js';
import type { ClaimedDelivery, LlmCallInput } from '../store/store.js';
import type { PostMessageInput } from './tools.js';
import type { ModelCallRecord, TurnAction } from './turn-state.js';

/** A model that answered in plain text without calling a tool still answered: post it. */
export function actionsOf(actions: TurnAction[], finalText: string): TurnAction[] {
  if (actions.length > 0 || finalText === '') return actions;
  return [{ kind: 'post', input: { text: finalText, mentions: [], type: 'reply', priority: 'normal' } }];
}

/** The protocol record (seed §3.2) of a message an agent posts in answer to a delivery. */
export function protocolFor(agent: AgentDef, claimed: ClaimedDelivery, input: PostMessageInput, model: string | undefined): ProtocolMessage {
  return {
    id: newId('msg'),
    from: agent.id,
    to: input.mentions,
    type: input.type,
    priority: input.priority,
    context: { channel: claimed.conversation.channelId, thread_ts: claimed.conversation.threadTs, related_messages: [claimed.message.id] },
    content: { ...(input.subject ? { subject: input.subject } : {}), body: input.text },
    required_response: input.mentions.length > 0,
    ...(model ? { model } : {}),
  };
}

/** llm_calls rows for a turn's model calls. */
export function llmCallRows(calls: ModelCallRecord[], ids: { agentId: string; conversationId: string; deliveryId: string }): LlmCallInput[] {
  return calls.map((c) => ({
    ...ids,
    model: c.model,
    rehearsal: c.rehearsal,
    inputTokens: c.usage.input_tokens,
    outputTokens: c.usage.output_tokens,
    cacheCreationTokens: c.usage.cache_creation_input_tokens ?? 0,
    cacheReadTokens: c.usage.cache_read_input_tokens ?? 0,
    costUsd: c.costUsd,
    latencyMs: c.latencyMs,
  }));
}

/** Token totals of a turn, for its log line. */
export function tokenTotals(calls: ModelCallRecord[]) {
  return calls.reduce(
    (u, c) => ({
      input: u.input + c.usage.input_tokens,
      output: u.output + c.usage.output_tokens,
      cacheRead: u.cacheRead + (c.usage.cache_read_input_tokens ?? 0),
      cacheWrite: u.cacheWrite + (c.usage.cache_creation_input_tokens ?? 0),
    }),
    { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
  );
}
