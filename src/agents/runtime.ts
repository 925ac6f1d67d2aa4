import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { AgentDef, Department } from '../department/schema.js';
import { ModelError } from '../llm/model-error.js';
import type { ChatModel } from '../llm/model.js';
import type { ProtocolMessage } from '../protocol/message.js';
import type { ClaimedDelivery, Store } from '../store/store.js';
import { threadHistory, toPromptEntry } from './history.js';
import { checkBudget } from './loop-guard.js';
import type { ThreadPoster } from './ports.js';
import { SpendTracker } from './spend-tracker.js';
import { agentTools } from './tools.js';
import { buildTurnGraph, type TurnSettings } from './turn-graph.js';
import { actionsOf, llmCallRows, protocolFor, tokenTotals } from './turn-outputs.js';
import { renderTurnPrompt } from './turn-prompt.js';

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

/** A running delivery whose claim is older than this was left by a worker that died (live ones renew it). */
export const CLAIM_STALE_MS = 5 * 60_000;

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
    const staleMs = deps.claimStaleMs ?? CLAIM_STALE_MS;
    const claimed = await store.claimDelivery(deliveryId, staleMs);
    if (!claimed) return; // finished, held, or another worker has it
    const { delivery, conversation } = claimed;
    const log = logger.child({ agent: delivery.agentId, delivery: delivery.id, conversation: conversation.id, thread: conversation.threadTs });
    // A long turn (slow model, retries) renews its claim so no other worker takes it for abandoned.
    const heartbeat = setInterval(() => void store.renewClaim(delivery).catch(() => {}), staleMs / 3);
    heartbeat.unref();
    try {
      await runTurn(claimed, log);
    } catch (err) {
      const retry = err instanceof ModelError && err.retryable && delivery.attempts < MAX_ATTEMPTS;
      const reason = err instanceof Error ? err.message : String(err);
      if (retry) {
        // Back to pending for the bus to redeliver; the model was busy, not wrong.
        await store.releaseDeliveries([delivery.id], { sweepNow: false });
        log.warn({ err: reason, attempt: delivery.attempts }, 'agent turn failed; will retry');
        throw err;
      }
      await store.finishDelivery(delivery.id, 'failed', reason);
      log.error({ err: reason, attempt: delivery.attempts }, 'agent turn failed');
      const name = department.byId.get(delivery.agentId)?.name ?? delivery.agentId;
      await notify(claimed, `:warning: ${name} could not answer: ${err instanceof ModelError ? reason : 'an internal error occurred (see the service logs)'}`, log);
    } finally {
      clearInterval(heartbeat);
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
      const unsent = earlier.filter((m) => m.ts === null).map((m) => ({ protocol: m.protocol!, text: m.text }));
      await postAndComplete(agent, claimed, unsent, 'resumed after restart', log);
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
    const prompt = renderTurnPrompt({
      agentId: agent.id,
      channelId: conversation.channelId,
      threadTs: conversation.threadTs,
      history: await threadHistory(store, claimed.message, file.limits.history_messages, department),
      incoming: toPromptEntry(claimed.message, department),
    });
    const state = await graphs.get(agent.id)!.invoke(
      { messages: [{ role: 'user', content: prompt }] },
      { recursionLimit: file.limits.agent_steps * 2 + 5 },
    );

    // Handed back at shutdown while the model was thinking: another worker owns it now.
    if (abandoned.has(delivery.id)) return;
    const cost = state.calls.reduce((sum, c) => sum + c.costUsd, 0);
    const actions = actionsOf(state.actions, state.finalText);
    // The record keeps what the agent wrote; the gateway cuts what Slack shows.
    const outgoing = actions.flatMap((a) => (a.kind === 'post' ? [{ protocol: protocolFor(agent, claimed, a.input, state.calls.at(-1)?.model), text: a.input.text }] : []));
    const owned = await store.recordTurn({
      claim: delivery,
      conversationId: conversation.id,
      costUsd: cost,
      calls: llmCallRows(state.calls, { agentId: agent.id, conversationId: conversation.id, deliveryId: delivery.id }),
      messages: outgoing.map((o) => ({
        channelId: conversation.channelId,
        agentId: agent.id,
        text: o.text,
        protocol: o.protocol,
        sourceDeliveryId: delivery.id,
        targets: o.protocol.to,
      })),
    });
    if (!owned) {
      log.info('claim lost while the model was answering; the worker that holds it now answers instead');
      return;
    }
    spend.add(agent.id, cost);
    const declined = actions.find((a) => a.kind === 'decline');
    const quietOutcome = `declined: ${declined?.kind === 'decline' ? declined.reason : 'no answer'}`;
    const outcome = await postAndComplete(agent, claimed, outgoing, quietOutcome, log);
    log.info(
      {
        model: state.calls.at(-1)?.model,
        rehearsal: deps.model.rehearsal,
        steps: state.steps,
        tokens: tokenTotals(state.calls),
        cost_usd: Number(cost.toFixed(6)),
        ms: Math.round(performance.now() - started),
        outcome,
      },
      'agent turn',
    );
  }

  /**
   * Posts a turn's recorded messages to Slack in order, then completes the delivery and publishes
   * the deliveries of the agents they mention (only now visible in the thread). Returns the outcome.
   */
  async function postAndComplete(
    agent: AgentDef,
    claimed: ClaimedDelivery,
    outgoing: { protocol: ProtocolMessage; text: string }[],
    quietOutcome: string,
    log: Logger,
  ): Promise<string> {
    const { conversation, delivery } = claimed;
    const posted: { messageId: string; ts: string }[] = [];
    let failure: string | null = null;
    for (const { protocol, text } of outgoing) {
      // Handed back at shutdown: stop here; the next worker posts what is left (recorded, ts unset).
      if (abandoned.has(delivery.id)) return 'handed back while posting';
      try {
        const { ts } = await poster.postAsAgent({
          agentId: agent.id,
          channelId: conversation.channelId,
          threadTs: conversation.threadTs,
          text,
          mentions: protocol.to,
          protocol,
          rehearsal: deps.model.rehearsal,
        });
        posted.push({ messageId: protocol.id, ts });
      } catch (err) {
        failure = `post failed: ${(err as Error).message}`;
        log.error({ err: (err as Error).message }, 'agent message could not be posted to Slack');
        break;
      }
    }
    const outcome = failure ?? (outgoing.length > 0 ? `posted ${posted.length}` : quietOutcome);
    // What is in Slack must be recorded: a database blip here is retried rather than lost.
    const released = await withRetries(() =>
      store.completeTurn({
        deliveryId: delivery.id,
        status: failure ? 'failed' : 'done',
        outcome,
        posted,
        unposted: outgoing.slice(posted.length).map((o) => o.protocol.id),
      }),
    );
    // The answer is posted; if the bus is down the sweeper delivers the mentions later.
    await bus.publish(released).catch((err: Error) => log.warn({ err: err.message }, 'publish failed; the sweeper will deliver'));
    if (failure) await notify(claimed, `:warning: ${agent.name} could not post its answer here: ${failure.replace('post failed: ', '')}`, log);
    return outcome;
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

async function withRetries<T>(fn: () => Promise<T>, delaysMs = [200, 1000, 3000]): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await fn();
    } catch {
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  return fn();
}
