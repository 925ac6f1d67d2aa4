import type { AgentDef } from '../department/schema.js';
import { usageSummary, type UsageSummary } from '../llm/cost.js';
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

/** llm_calls rows for a turn's model calls (usageSummary's names are the table's columns). */
export function llmCallRows(calls: ModelCallRecord[], ids: { agentId: string; conversationId: string; deliveryId: string }): LlmCallInput[] {
  return calls.map((c) => ({ ...ids, model: c.model, rehearsal: c.rehearsal, ...usageSummary(c.usage), costUsd: c.costUsd, latencyMs: c.latencyMs }));
}

/** Token totals of a turn, for its log line. */
export function tokenTotals(calls: ModelCallRecord[]): UsageSummary {
  const total: UsageSummary = { inputTokens: 0, outputTokens: 0, cacheCreationTokens: 0, cacheReadTokens: 0 };
  for (const c of calls) {
    const u = usageSummary(c.usage);
    for (const key of Object.keys(total) as (keyof UsageSummary)[]) total[key] += u[key];
  }
  return total;
}
