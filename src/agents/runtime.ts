import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { AgentDef, Department } from '../department/schema.js';
import { errorLine } from '../lib/error-line.js';
import { withRetries } from '../lib/retry.js';
import type { ChatModel } from '../llm/model.js';
import type { ClaimedDelivery, ClaimedTurn, Store } from '../store/store.js';
import { WorkStore } from '../store/work-store.js';
import { CLAIM_LEASE_MS, ClaimKeeper } from './claim-lease.js';
import { authorityFor, autonomyFor, rankOf } from '../department/autonomy.js';
import { sharedManager } from '../department/org-chart.js';
import { budgetVerdict } from './loop-guard.js';
import type { ThreadPoster, ThreadReader } from './ports.js';
import { threadContext } from './thread-context.js';
import { agentTools } from './tools.js';
import { judgeFailure } from './turn-failure.js';
import { buildTurnGraph, type TurnSettings } from './turn-graph.js';
import { actionsOf, llmCallRows, outgoingMessages, tokenTotals } from './turn-outputs.js';
import { postsOf, turnWorkRecords } from './turn-work.js';
import { turnPromptContent } from './turn-prompt.js';
import { DEFAULT_KNOWLEDGE_TOKENS, knowledgeForTurn, searchKnowledgeText } from './turn-retrieval.js';
import type { KnowledgeIndex, KnowledgeType } from '../knowledge/knowledge-index.js';
import { stopNotice } from './turn-stop.js';
import { postTurnCards } from './turn-cards.js';
import { postTurnMessages, type TurnPost } from './turn-posts.js';

export interface RuntimeDeps {
  department: Department;
  store: Store;
  bus: Bus;
  poster: ThreadPoster;
  /** Reads a thread the department joined late, and people's names (see thread-context.ts). */
  reader: ThreadReader;
  model: ChatModel;
  logger: Logger;
  /** Builds an agent's static system prompt (preamble, role, org chart, authority, style). */
  systemPrompt: (agentId: string) => string;
  /** Lease of a running delivery (tests shorten it); see claim-lease.ts. */
  claimLeaseMs?: number;
  claimRenewMs?: number;
  /** How long a turn waits for a late-joined thread's earlier messages from Slack (tests shorten it). */
  backfillWaitMs?: number;
  /** Called once a delivery's turn is over for good (a workflow of the thread may move on); a failure is logged, not thrown. */
  afterTurn?: (conversationId: string) => Promise<void>;
  /** The department's memory: each turn is given what bears on its message, and search_knowledge looks further. */
  knowledge?: Pick<KnowledgeIndex, 'search'>;
  /** The work records a turn reads (defaults to the store's database). */
  work?: Pick<WorkStore, 'threadWork' | 'deliveryCards' | 'reserveCard' | 'cardPosted' | 'supersededCards'>;
}

/**
 * Claims per delivery before a transient failure (model busy, Slack rate limit, database away) is
 * reported in the thread instead of tried again. A crashed worker's claim counts too.
 */
export const MAX_ATTEMPTS = 5;

/** What is already in Slack must be recorded: a database blip is waited out rather than lost. */
const RECORD_RETRY_DELAYS_MS = [200, 1000, 3000];

/** Thrown after the turn was already handed back for a later attempt: the bus only has to retry it. */
class RetryLater extends Error {}

/** Executes any agent's turn for a delivery: the one run loop behind every agent. */
export function createAgentRuntime(deps: RuntimeDeps) {
  const { department, store, bus, poster, logger } = deps;
  const file = department.file;
  const leaseMs = deps.claimLeaseMs ?? CLAIM_LEASE_MS;
  const known = department.agents.map((a) => a.id);
  /** Deliveries this worker no longer owns (handed back at shutdown, or re-claimed elsewhere): they must not post. */
  const abandoned = new Set<string>();
  const keeper = new ClaimKeeper(store, logger.child({ component: 'agent-runtime' }), (id) => abandoned.add(id), deps.claimRenewMs);
  const work = deps.work ?? new WorkStore(store.db);
  const graphs = new Map(department.agents.map((a) => [a.id, buildTurnGraph(settingsFor(a))]));

  function settingsFor(agent: AgentDef): TurnSettings {
    const tier = file.models[agent.model_tier];
    return {
      model: deps.model,
      modelId: tier.id,
      prices: tier,
      maxTokens: tier.max_output_tokens,
      maxSteps: file.limits.agent_steps,
      staticSystem: deps.systemPrompt(agent.id),
      ...(deps.knowledge ? { searchKnowledge: (query: string, types: KnowledgeType[]) => searchKnowledgeText(deps.knowledge!, query, types) } : {}),
      tools: agentTools(known.filter((id) => id !== agent.id), agent.id),
      rules: {
        self: agent.id,
        known: new Set(known),
        reports: new Set(agent.manages),
        manager: department.byId.has(agent.reports_to) ? agent.reports_to : null,
        mayLead: agent.layer !== 'specialist',
        sharedManager: (a, b) => sharedManager(department, a, b),
        contentLevel: (type) => {
          const p = autonomyFor(department, type);
          const rank = rankOf(department, agent.id);
          return { level: p.level, listed: p.listed, role: rank ? p.roles[rank] : 'none' };
        },
        authority: (type) => {
          const a = authorityFor(department, type, agent.id);
          return { role: a.role, mustEscalate: a.mustEscalate, decider: a.policy.decider, listed: a.policy.listed };
        },
      },
    };
  }

  async function handleDelivery(deliveryId: string): Promise<void> {
    const claimed = await store.claimDelivery(deliveryId, leaseMs, { timezone: file.timezone, budgets: file.budgets });
    if (!claimed) return; // finished, held, or another live worker has it
    const { delivery, conversation } = claimed;
    const log = logger.child({ agent: delivery.agentId, delivery: delivery.id, conversation: conversation.id, thread: conversation.threadTs });
    keeper.hold(delivery);
    // Whether a workflow of the thread may wait for this turn: unknown (so asked) unless the turn read the thread's records.
    let workflowHere = true;
    try {
      workflowHere = (await runTurn(claimed, log)) && !abandoned.has(delivery.id);
    } catch (err) {
      await turnFailed(claimed, err, log); // failed for good (a retry rethrows above)
    } finally {
      keeper.release(delivery.id);
      abandoned.delete(delivery.id);
    }
    if (workflowHere) {
      // The turn is over for good: a workflow that could not be woken is moved on by the workflow sweeper.
      await deps.afterTurn?.(conversation.id).catch((err: unknown) => log.warn({ err: errorLine(err) }, 'workflow of the thread not woken after the turn; its sweeper moves it on'));
    }
  }

  /**
   * A transient failure goes back to the bus, which tries again with backoff; after MAX_ATTEMPTS, or
   * for a failure that cannot pass, the delivery fails and the thread is told the real cause once.
   */
  async function turnFailed(claimed: ClaimedDelivery, err: unknown, log: Logger): Promise<void> {
    const { delivery } = claimed;
    if (err instanceof RetryLater) throw err;
    const verdict = judgeFailure(err);
    if (verdict.transient && delivery.attempts < MAX_ATTEMPTS) {
      // The model's API may say when to come back (retry-after on 429/529): nobody claims it sooner.
      // If the database is what failed this may fail too: the lease then runs out and the sweeper retries.
      await store.releaseDeliveries([delivery.id], { sweepNow: false, notBeforeMs: verdict.retryAfterMs }).catch(() => {});
      log.warn({ err: errorLine(err), attempt: delivery.attempts, retry_after_ms: verdict.retryAfterMs }, 'agent turn failed; will retry');
      throw err;
    }
    log.error({ err: errorLine(err), attempt: delivery.attempts, transient: verdict.transient }, 'agent turn failed');
    await withRetries(async () => {
      await store.finishDelivery(delivery.id, 'failed', verdict.cause);
      await store.releaseTurn(delivery.id);
    }, RECORD_RETRY_DELAYS_MS).catch((e: unknown) => log.error({ err: errorLine(e) }, 'could not record the failed turn; the sweeper will hand it out again'));
    const name = department.byId.get(delivery.agentId)?.name ?? delivery.agentId;
    await notify(claimed, `:warning: ${name} could not answer: ${verdict.cause}`, log);
  }

  /** Runs a turn; false when it knows the thread has no workflow to tell (most turns: no extra query for them). */
  async function runTurn(claimed: ClaimedTurn, log: Logger): Promise<boolean> {
    const { delivery, conversation } = claimed;
    const agent = department.byId.get(delivery.agentId);
    if (!agent) {
      await store.finishDelivery(delivery.id, 'skipped', 'agent no longer in the department');
      await store.releaseTurn(delivery.id);
      log.warn('delivery for an agent that is no longer in the department skipped');
      return true;
    }
    // A re-run (crash, or a transient failure after the model answered): finish what was recorded,
    // never ask the model twice.
    const earlier = delivery.attempts > 1 ? await store.messagesFromDelivery(delivery.id) : [];
    // A turn that recorded only records and cards (a decision, a task move) has no messages to find.
    if (earlier.length > 0 || (delivery.attempts > 1 && (await store.turnRecorded(delivery.id)))) {
      const recorded = earlier.map((m) => ({ protocol: m.protocol!, text: m.text, ts: m.ts, reservedAt: m.postStartedAt }));
      const outcome = await postAndComplete(agent, claimed, recorded, 'resumed', log, { resuming: true, hasCards: true });
      log.info({ outcome, attempt: delivery.attempts }, 'agent turn resumed');
      return true;
    }

    // The claim took the turn from the thread's budget before the model is asked, so deliveries of
    // one thread running at once cannot overrun it; it is given back if the turn posts nothing.
    const verdict = budgetVerdict(claimed.reservation, file.budgets, agent.name);
    if (!verdict.ok) {
      await store.finishDelivery(delivery.id, 'skipped', verdict.reason);
      if (await store.claimBudgetNotice(conversation.id)) await notify(claimed, verdict.notice, log);
      log.info({ outcome: 'skipped', reason: verdict.reason }, 'agent turn skipped by the loop guard');
      return true;
    }

    const started = performance.now();
    const context = threadContext({ store, reader: deps.reader, department, summaries: { db: store.db, model: deps.model }, ...(deps.backfillWaitMs ? { backfillWaitMs: deps.backfillWaitMs } : {}) }, claimed, log);
    // What the department knows is looked up as soon as the thread is read, beside its work records.
    const { knowledge: kb } = deps;
    const [thread, threadWork, knowledge] = await Promise.all([
      context,
      work.threadWork(conversation.id, agent.id),
      kb ? context.then((c) => knowledgeForTurn(kb, c, file.limits.knowledge_tokens ?? DEFAULT_KNOWLEDGE_TOKENS, log)) : [],
    ]);
    const prompt = turnPromptContent({ agentId: agent.id, channelId: conversation.channelId, threadTs: conversation.threadTs, ...thread, work: threadWork, knowledge });
    const state = await graphs.get(agent.id)!.invoke(
      { messages: [{ role: 'user', content: prompt }], work: threadWork },
      { recursionLimit: file.limits.agent_steps + 2 },
    );

    // Handed back at shutdown, or re-claimed elsewhere, while the model was thinking.
    if (abandoned.has(delivery.id)) return false;
    const cost = state.calls.reduce((sum, c) => sum + c.costUsd, 0);
    const actions = actionsOf(state.actions, state.finalText);
    // The record keeps what the agent wrote, whole: a long deliverable becomes consecutive pages.
    const outgoing = outgoingMessages(agent, claimed, postsOf(actions, agent, department), state.calls.at(-1)?.model, file.limits.max_message_chars);
    const requestedBy = thread.incoming.from.startsWith('human:') ? thread.incoming.from.slice('human:'.length) : null;
    const records = turnWorkRecords(agent, department, actions, { channelId: conversation.channelId, threadTs: conversation.threadTs, rehearsal: deps.model.rehearsal, work: threadWork, requestedBy });
    const owned = await store.recordTurn({
      ...records,
      timezone: file.timezone,
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
        targets: o.targets,
      })),
    });
    if (!owned) {
      log.info('claim lost while the model was answering; the worker that holds it now answers instead');
      return false;
    }
    const declined = actions.find((a) => a.kind === 'decline');
    // A turn that stopped short (output limit, refusal…) is told in the thread, never taken for a decline.
    const stopped = outgoing.length === 0 && state.stop ? state.stop : null;
    const recorded = recordedOutcome(records);
    const quietOutcome = stopped ? `stopped: ${stopped.reason}` : (recorded ?? `declined: ${declined?.kind === 'decline' ? declined.reason : 'no answer'}`);
    // recordTurn reserved the first post in its commit.
    const posts = outgoing.map((o, i) => ({ ...o, ts: null, reservedAt: i === 0 ? new Date() : null }));
    const outcome = await postAndComplete(agent, claimed, posts, quietOutcome, log, { resuming: false, hasCards: records.work.cards.length > 0 });
    if (stopped) await notify(claimed, stopNotice(stopped, { agentName: agent.name, tier: agent.model_tier }), log);
    await retireSupersededCards(records.work.deliverables.filter((d) => d.version > 1).map((d) => d.id), log);
    log.info(
      {
        model: state.calls.at(-1)?.model,
        rehearsal: deps.model.rehearsal,
        steps: state.steps,
        ...(state.stop ? { stop: state.stop } : {}),
        tokens: tokenTotals(state.calls),
        cost_usd: Number(cost.toFixed(6)),
        ms: Math.round(performance.now() - started),
        outcome,
      },
      'agent turn',
    );
    return threadWork.workflow != null || records.work.workflows.length > 0;
  }

  /**
   * Posts a turn's recorded messages to Slack, then its cards, then completes the delivery and
   * publishes the deliveries of the agents they mention (only now visible in the thread). A
   * transient Slack failure hands the turn back for a later attempt (RetryLater); a lasting one is
   * reported.
   */
  async function postAndComplete(
    agent: AgentDef,
    claimed: ClaimedDelivery,
    posts: TurnPost[],
    quietOutcome: string,
    log: Logger,
    opts: { resuming: boolean; hasCards: boolean },
  ): Promise<string> {
    const { resuming } = opts;
    const { conversation, delivery } = claimed;
    const run = await postTurnMessages(
      {
        agentId: agent.id,
        channelId: conversation.channelId,
        threadTs: conversation.threadTs,
        rehearsal: deps.model.rehearsal,
        poster,
        store,
        log,
        resuming,
        stillOwned: () => !abandoned.has(delivery.id),
      },
      posts,
    );
    if (run.handedBack) return 'handed back while posting';
    const cards = !run.failure && opts.hasCards ? await postTurnCards({ poster, work, log, resuming, stillOwned: () => !abandoned.has(delivery.id) }, await work.deliveryCards(delivery.id)) : null;
    if (cards?.handedBack) return 'handed back while posting';
    const failed = run.failure ? run.failure.error : cards?.failure;
    const failure = failed !== undefined ? judgeFailure(failed) : null;
    const retry = failure?.transient === true && delivery.attempts < MAX_ATTEMPTS;
    const outcome = failure ? `post failed: ${failure.cause}` : posts.length > 0 ? `posted ${run.posted.length}` : quietOutcome;
    if (failure) log.warn({ err: errorLine(failed), attempt: delivery.attempts, retry }, 'agent message could not be posted to Slack');
    const completion = {
      deliveryId: delivery.id,
      status: retry ? ('retry' as const) : failure ? ('failed' as const) : ('done' as const),
      outcome,
      posted: run.posted,
      unposted: run.unposted,
      refused: run.failure?.refusedIds ?? [],
      // Nothing was posted and nothing will be: the thread gets the turn back.
      releaseTurn: posts.length === 0 || (failure !== null && !retry && run.posted.length === 0),
    };
    const released = await withRetries(() => store.completeTurn(completion), RECORD_RETRY_DELAYS_MS);
    // The answer is posted; if the bus is down the sweeper delivers the mentions later.
    await bus.publish(released).catch((err: Error) => log.warn({ err: err.message }, 'publish failed; the sweeper will deliver'));
    if (retry) throw new RetryLater(errorLine(failed));
    if (failure) await notify(claimed, `:warning: ${agent.name} could not post its answer here: ${failure.cause}`, log);
    for (const r of cards?.refused ?? []) {
      await notify(claimed, `:warning: ${agent.name}'s ${r.card.kind} card could not be posted${r.card.threadTs ? ' in this thread' : ` in ${r.card.channel}`}: ${judgeFailure(r.error).cause}`, log);
    }
    return outcome;
  }

  /** A revision expired the request about its earlier version: that request's cards lose their buttons. */
  async function retireSupersededCards(deliverableIds: string[], log: Logger) {
    if (deliverableIds.length === 0) return;
    try {
      for (const c of await work.supersededCards(deliverableIds)) {
        await poster.refreshCard({ kind: c.kind, refId: c.refId, agentId: c.agentId, channelId: c.channelId!, ts: c.ts! });
      }
    } catch (err) {
      log.warn({ err: errorLine(err) }, 'could not update the cards of a superseded version (a click on one says it expired)');
    }
  }

  async function notify(claimed: ClaimedDelivery, text: string, log: Logger) {
    const { conversation } = claimed;
    try {
      const { ts } = await poster.postNotice({ channelId: conversation.channelId, threadTs: conversation.threadTs, text });
      await store.recordNotice({ conversationId: conversation.id, channelId: conversation.channelId, ts, text });
    } catch (err) {
      log.error({ err: errorLine(err), notice: text }, 'department notice could not be posted to Slack');
    }
  }

  /** Turns still running at shutdown are handed back: they must not post when they finish. */
  function abandon(deliveryIds: string[]): void {
    for (const id of deliveryIds) abandoned.add(id);
  }

  return { handleDelivery, abandon };
}

/** A turn that posted nothing but kept records says what it recorded. */
function recordedOutcome(r: ReturnType<typeof turnWorkRecords>): string | null {
  const counts = { 'decision(s)': r.decisions.length, 'task(s)': r.tasks.length, 'task move(s)': r.work.taskUpdates.length, 'workflow start(s)': r.work.workflows.length };
  const said = Object.entries(counts).filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`);
  return said.length > 0 ? `recorded ${said.join(', ')}` : null;
}
