import type { AgentDef } from '../department/schema.js';
import { splitText } from '../lib/split-text.js';
import { storableText } from '../lib/storable-text.js';
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

/** A message a turn will record and post, and the agents to ask once it is in the thread. */
export interface OutgoingMessage {
  protocol: ProtocolMessage;
  text: string;
  targets: string[];
}

/**
 * The messages a turn's posts become. A post longer than one Slack message holds (pageChars) is
 * posted whole, as consecutive pages: each is its own record, so each is posted exactly once;
 * mentions are shown on the first page, and the agents addressed are asked after the last one.
 */
export function outgoingMessages(agent: AgentDef, claimed: ClaimedDelivery, posts: PostMessageInput[], model: string | undefined, pageChars: number): OutgoingMessage[] {
  return posts.flatMap((post) => {
    // Stored as written, but storable: a NUL or a lone surrogate from the model must not sink the turn.
    const input = { ...post, text: storableText(post.text), ...(post.subject ? { subject: storableText(post.subject) } : {}) };
    const protocol = protocolFor(agent, claimed, input, model);
    const pages = splitText(input.text, pageChars);
    if (pages.length === 1) return [{ protocol, text: input.text, targets: protocol.to }];
    return pages.map((page, i) => ({
      protocol: {
        ...protocol,
        id: i === 0 ? protocol.id : newId('msg'),
        content: { ...protocol.content, body: page },
        part: { index: i + 1, count: pages.length, first: protocol.id },
      },
      text: page,
      targets: i === pages.length - 1 ? protocol.to : [],
    }));
  });
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
