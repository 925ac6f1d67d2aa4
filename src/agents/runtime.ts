import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { AgentDef, Department } from '../department/schema.js';
import { ModelError } from '../llm/model-error.js';
import type { ChatModel } from '../llm/model.js';
import type { ProtocolMessage } from '../protocol/message.js';
import { newId } from '../store/ids.js';
import type { ClaimedDelivery, MessageRow, Store } from '../store/store.js';
import { toPromptEntry } from './history.js';
import { checkBudget } from './loop-guard.js';
import type { ThreadPoster } from './ports.js';
import { SpendTracker } from './spend-tracker.js';
import { agentTools } from './tools.js';
import { buildTurnGraph, type TurnSettings } from './turn-graph.js';
import { renderTurnPrompt } from './turn-prompt.js';
import type { TurnAction } from './turn-state.js';

export interface RuntimeDeps {
  department: Department;
  store: Store;
  bus: Bus;
  poster: ThreadPoster;
  model: ChatModel;
  logger: Logger;
  /** Builds an agent's static system prompt (preamble, role, org chart, authority, style). */
  systemPrompt: (agentId: string) => string;
  /** A running delivery older than this is considered abandoned by a dead worker. */
  claimStaleMs?: number;
}

/** Tries per delivery when the model is overloaded or rate-limited. */
const MAX_ATTEMPTS = 3;

/** Executes any agent's turn for a delivery: the one run loop behind every agent. */
export function createAgentRuntime(deps: RuntimeDeps) {
  const { department, store, bus, poster, logger } = deps;
  const file = department.file;
  const spend = new SpendTracker(store, file.timezone);
  const known = department.agents.map((a) => a.id);
  const abandoned = new Set<string>();
  const graphs = new Map(department.agents.map((a) => [a.id, buildTurnGraph(settingsFor(a))]));

  function settingsFor(agent: AgentDef): TurnSettings {
    const tier = file.models[agent.model_tier];
    return {
      model: deps.model,
      modelId: tier.id,
      pricing: tier,
      cachePricing: file.cache_pricing,
      maxTokens: file.limits.max_output_tokens,
      maxSteps: file.limits.agent_steps,
      staticSystem: deps.systemPrompt(agent.id),
      tools: agentTools(known.filter((id) => id !== agent.id)),
      rules: { self: agent.id, known: new Set(known), reports: new Set(agent.manages) },
    };
  }

  async function handleDelivery(deliveryId: string): Promise<void> {
    const claimed = await store.claimDelivery(deliveryId, deps.claimStaleMs ?? 5 * 60_000);
    if (!claimed) return; // finished, held, or another worker has it
    const { delivery, conversation } = claimed;
    const log = logger.child({ agent: delivery.agentId, delivery: delivery.id, conversation: conversation.id, thread: conversation.threadTs });
    try {
      await runTurn(claimed, log);
    } catch (err) {
      const retry = err instanceof ModelError && err.retryable && delivery.attempts < MAX_ATTEMPTS;
      const reason = err instanceof Error ? err.message : String(err);
      if (retry) {
        // Back to pending for the bus to redeliver; the model was busy, not wrong.
        await store.releaseDeliveries([delivery.id]);
        log.warn({ err: reason, attempt: delivery.attempts }, 'agent turn failed; will retry');
        throw err;
      }
      await store.finishDelivery(delivery.id, 'failed', reason);
      log.error({ err: reason, attempt: delivery.attempts }, 'agent turn failed');
      const name = department.byId.get(delivery.agentId)?.name ?? delivery.agentId;
      await notify(claimed, `:warning: ${name} could not answer: ${err instanceof ModelError ? reason : 'an internal error occurred (see the service logs)'}`, log);
    }
  }

  async function runTurn(claimed: ClaimedDelivery, log: Logger): Promise<void> {
    const { delivery, conversation } = claimed;
    const agent = department.byId.get(delivery.agentId);
    if (!agent) {
      await store.finishDelivery(delivery.id, 'skipped', 'agent no longer in the department');
      log.warn('delivery for an agent that is no longer in the department skipped');
      return;
    }
    // A re-run (crash after the model answered): finish what was recorded, never ask the model twice.
    const earlier = delivery.attempts > 1 ? await store.messagesFromDelivery(delivery.id) : [];
    if (earlier.length > 0) {
      for (const m of earlier.filter((m) => m.ts === null)) await publishMessage(agent, claimed, m.protocol!, m.text, log);
      await store.finishDelivery(delivery.id, 'done', 'resumed after restart');
      return;
    }

    const today = await spend.today(agent.id);
    const verdict = checkBudget({
      conversation,
      budgets: file.budgets,
      spentToday: today.total,
      agentSpentToday: today.agent,
      agentName: agent.name,
    });
    if (!verdict.ok) {
      await store.finishDelivery(delivery.id, 'skipped', verdict.reason);
      if (await store.claimBudgetNotice(conversation.id)) await notify(claimed, verdict.notice, log);
      log.info({ outcome: 'skipped', reason: verdict.reason }, 'agent turn skipped by the loop guard');
      return;
    }

    const started = performance.now();
    const history = await store.historyBefore(claimed.message, file.limits.history_messages);
    const prompt = renderTurnPrompt({
      agentId: agent.id,
      channelId: conversation.channelId,
      threadTs: conversation.threadTs,
      history: history.map((m) => toPromptEntry(m, department)),
      incoming: toPromptEntry(claimed.message, department),
    });
    const state = await graphs.get(agent.id)!.invoke(
      { messages: [{ role: 'user', content: prompt }] },
      { recursionLimit: file.limits.agent_steps * 2 + 5 },
    );

    // Handed back at shutdown while the model was thinking: another worker owns it now.
    if (abandoned.has(delivery.id)) return;
    const cost = state.calls.reduce((sum, c) => sum + c.costUsd, 0);
    await store.recordLlmCalls(
      state.calls.map((c) => ({
        agentId: agent.id,
        conversationId: conversation.id,
        deliveryId: delivery.id,
        model: c.model,
        rehearsal: c.rehearsal,
        inputTokens: c.usage.input_tokens,
        outputTokens: c.usage.output_tokens,
        cacheCreationTokens: c.usage.cache_creation_input_tokens ?? 0,
        cacheReadTokens: c.usage.cache_read_input_tokens ?? 0,
        costUsd: c.costUsd,
        latencyMs: c.latencyMs,
      })),
    );
    spend.add(agent.id, cost);
    await store.chargeTurn(conversation.id, cost);

    const actions = actionsOf(state.actions, state.finalText);
    let posted = 0;
    let failure: string | null = null;
    for (const action of actions) {
      if (action.kind !== 'post') continue;
      const protocol = protocolFor(agent, claimed, action.input, state.calls.at(-1)?.model);
      // The record keeps what the agent wrote; the gateway cuts what Slack shows.
      const text = action.input.text;
      await store.recordAgentMessage({
        conversationId: conversation.id,
        channelId: conversation.channelId,
        agentId: agent.id,
        text,
        protocol,
        sourceDeliveryId: delivery.id,
        targets: action.input.mentions,
      });
      failure = await publishMessage(agent, claimed, protocol, text, log);
      if (failure) break;
      posted++;
    }
    const declined = actions.find((a) => a.kind === 'decline');
    const outcome = failure ?? (posted > 0 ? `posted ${posted}` : `declined: ${declined?.kind === 'decline' ? declined.reason : 'no answer'}`);
    await store.finishDelivery(delivery.id, failure ? 'failed' : 'done', outcome);
    const usage = state.calls.reduce(
      (u, c) => ({
        input: u.input + c.usage.input_tokens,
        output: u.output + c.usage.output_tokens,
        cacheRead: u.cacheRead + (c.usage.cache_read_input_tokens ?? 0),
        cacheWrite: u.cacheWrite + (c.usage.cache_creation_input_tokens ?? 0),
      }),
      { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
    );
    log.info(
      {
        model: state.calls.at(-1)?.model,
        rehearsal: deps.model.rehearsal,
        steps: state.steps,
        tokens: usage,
        cost_usd: Number(cost.toFixed(6)),
        ms: Math.round(performance.now() - started),
        outcome,
      },
      'agent turn',
    );
  }

  /** Posts a recorded message to Slack and releases the deliveries it carries. Returns a failure or null. */
  async function publishMessage(agent: AgentDef, claimed: ClaimedDelivery, protocol: ProtocolMessage, text: string, log: Logger) {
    const { conversation } = claimed;
    let ts: string;
    try {
      ({ ts } = await poster.postAsAgent({
        agentId: agent.id,
        channelId: conversation.channelId,
        threadTs: conversation.threadTs,
        text,
        mentions: protocol.to,
        protocol,
        rehearsal: deps.model.rehearsal,
      }));
    } catch (err) {
      const reason = (err as Error).message;
      await store.dropHeld(protocol.id, `post failed: ${reason}`);
      log.error({ err: reason }, 'agent message could not be posted to Slack');
      await notify(claimed, `:warning: ${agent.name} could not post its answer here: ${reason}`, log);
      return `post failed: ${reason}`;
    }
    await bus.publish(await store.markPosted(protocol.id, ts, protocol.to.length > 0));
    return null;
  }

  async function notify(claimed: ClaimedDelivery, text: string, log: Logger) {
    const { conversation } = claimed;
    try {
      const { ts } = await poster.postNotice({ channelId: conversation.channelId, threadTs: conversation.threadTs, text });
      await store.recordNotice({ conversationId: conversation.id, channelId: conversation.channelId, ts, text });
    } catch (err) {
      log.error({ err: (err as Error).message, notice: text }, 'department notice could not be posted to Slack');
    }
  }

  /** Turns still running at shutdown are handed back: they must not post when they finish. */
  function abandon(deliveryIds: string[]): void {
    for (const id of deliveryIds) abandoned.add(id);
  }

  return { handleDelivery, abandon };
}

/** A model that answered in plain text without calling a tool still answered: post it. */
function actionsOf(actions: TurnAction[], finalText: string): TurnAction[] {
  if (actions.length > 0 || finalText === '') return actions;
  return [{ kind: 'post', input: { text: finalText, mentions: [], type: 'reply', priority: 'normal' } }];
}

function protocolFor(
  agent: AgentDef,
  claimed: ClaimedDelivery,
  input: { text: string; mentions: string[]; type: ProtocolMessage['type']; priority: ProtocolMessage['priority']; subject?: string | undefined },
  model: string | undefined,
): ProtocolMessage {
  const incoming: MessageRow = claimed.message;
  return {
    id: newId('msg'),
    from: agent.id,
    to: input.mentions,
    type: input.type,
    priority: input.priority,
    context: { channel: claimed.conversation.channelId, thread_ts: claimed.conversation.threadTs, related_messages: [incoming.id] },
    content: { ...(input.subject ? { subject: input.subject } : {}), body: input.text },
    required_response: input.mentions.length > 0,
    ...(model ? { model } : {}),
  };
}
