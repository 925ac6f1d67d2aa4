import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';
import { pgTextArray } from './ingest-statement.js';
import type { CompleteTurnInput, TurnRecord } from './store.js';
import { NO_TURN_WORK, turnWorkCtes } from './turn-work-statements.js';

/*
 * The two writes of every agent turn, each ONE statement (data-modifying CTEs are atomic, like a
 * transaction, in one round trip instead of the six or seven of BEGIN … COMMIT): they are on the
 * hot path of every answer. Rows travel as one jsonb parameter each and are unpacked with
 * jsonb_to_recordset (a turn's messages carry their position, n, so they keep their write order).
 * Every data-modifying CTE runs to completion whether or not the final select reads it.
 */

/**
 * What a finished model turn decided: its model calls and their cost against the thread's budget,
 * the tasks and decisions it recorded, and the outbox rows of its messages (the first one's post
 * reserved), each with 'held' deliveries for the agents it mentions. Nothing is written unless
 * this worker still owns the delivery, so a re-run turn never records its work twice.
 */
export function recordTurnStatement(input: TurnRecord): SQL {
  const calls = input.calls.map((c) => ({
    id: newId('llm'),
    agent_id: c.agentId,
    conversation_id: c.conversationId ?? null,
    delivery_id: c.deliveryId ?? null,
    model: c.model,
    rehearsal: c.rehearsal ?? false,
    input_tokens: c.inputTokens,
    output_tokens: c.outputTokens,
    cache_creation_tokens: c.cacheCreationTokens ?? 0,
    cache_read_tokens: c.cacheReadTokens ?? 0,
    cost_usd: c.costUsd,
    latency_ms: c.latencyMs,
  }));
  const msgs = input.messages.map((m, i) => ({
    n: i + 1,
    id: m.protocol.id,
    channel_id: m.channelId,
    author_id: m.agentId,
    to_agents: m.targets,
    type: m.protocol.type,
    text: m.text,
    protocol: m.protocol,
    source_delivery_id: m.sourceDeliveryId,
  }));
  // Never trigger yourself.
  const held = input.messages.flatMap((m) =>
    [...new Set(m.targets.filter((t) => t !== m.agentId))].map((agentId) => ({ id: newId('dlv'), message_id: m.protocol.id, agent_id: agentId })),
  );
  return sql`
    with owned as (
      update deliveries set claimed_at = now()
      where id = ${input.claim.id} and status = 'running' and attempts = ${input.claim.attempts}
      returning id
    )${turnWorkCtes(input.work ?? NO_TURN_WORK, input.conversationId, input.claim.id)}, calls as (
      insert into llm_calls (id, agent_id, conversation_id, delivery_id, model, rehearsal, input_tokens, output_tokens,
                             cache_creation_tokens, cache_read_tokens, cost_usd, latency_ms)
      select c.id, c.agent_id, c.conversation_id, c.delivery_id, c.model, c.rehearsal, c.input_tokens, c.output_tokens,
             c.cache_creation_tokens, c.cache_read_tokens, c.cost_usd, c.latency_ms
      from owned, jsonb_to_recordset(${JSON.stringify(calls)}::jsonb) as c(
        id text, agent_id text, conversation_id text, delivery_id text, model text, rehearsal boolean, input_tokens int,
        output_tokens int, cache_creation_tokens int, cache_read_tokens int, cost_usd numeric, latency_ms int)
      returning 1
    ), spent as (
      -- The day's ledger the daily budgets are checked against (the turn itself was counted when reserved).
      insert into spend_days (day, agent_id, usd)
      select (now() at time zone ${input.timezone})::date, c.agent_id, sum(c.cost_usd)
      from owned, jsonb_to_recordset(${JSON.stringify(calls)}::jsonb) as c(agent_id text, cost_usd numeric)
      where c.cost_usd > 0
      group by c.agent_id
      on conflict (day, agent_id) do update set usd = spend_days.usd + excluded.usd
      returning 1
    ), conv as (
      update conversations set spend_usd = spend_usd + ${input.costUsd}
      where id = ${input.conversationId} and ${input.costUsd}::numeric > 0 and exists (select 1 from owned)
      returning 1
    ), tasks_made as (
      insert into tasks (id, title, description, assignee, requester, due_date, conversation_id, decision_id, updated_by)
      select t.id, t.title, t.description, t.assignee, t.requester, t.due_date::date, ${input.conversationId}, t.decision_id, t.requester
      from owned, jsonb_to_recordset(${JSON.stringify(input.tasks ?? [])}::jsonb) as t(
        id text, title text, description text, assignee text, requester text, due_date text, decision_id text)
      returning 1
    ), decisions_made as (
      insert into decisions (id, maker, type, context, decision, reasoning, actions, approval_chain, dissent, conversation_id)
      select d.id, d.maker, d.type, d.context, d.decision, d.reasoning, d.actions,
             array(select jsonb_array_elements_text(d.approval_chain)), d.dissent, ${input.conversationId}
      from owned, jsonb_to_recordset(${JSON.stringify(input.decisions ?? [])}::jsonb) as d(
        id text, maker text, type text, context text, decision text, reasoning text, actions jsonb, approval_chain jsonb, dissent text)
      returning 1
    ), msgs as (
      insert into messages (id, conversation_id, channel_id, author_kind, author_id, to_agents, type, text, protocol,
                            source_delivery_id, post_started_at)
      select m.id, ${input.conversationId}, m.channel_id, 'agent', m.author_id,
             array(select jsonb_array_elements_text(m.to_agents)), m.type, m.text, m.protocol, m.source_delivery_id,
             case when m.n = 1 then now() end -- the first post is reserved in this commit: it is posted right after
      from owned, jsonb_to_recordset(${JSON.stringify(msgs)}::jsonb) as m(
        id text, channel_id text, author_id text, to_agents jsonb, type text, text text, protocol jsonb, source_delivery_id text, n bigint)
      order by m.n
      returning id
    ), held as (
      insert into deliveries (id, message_id, conversation_id, agent_id, status)
      select d.id, d.message_id, ${input.conversationId}, d.agent_id, 'held'
      from owned, jsonb_to_recordset(${JSON.stringify(held)}::jsonb) as d(id text, message_id text, agent_id text)
      returning 1
    )
    select exists (select 1 from owned) as owned`;
}

/**
 * Ends a turn's posting: the posted messages get their ts and release their held deliveries
 * (returned, to publish); refused ones lose their reservation; then the delivery is finished, or
 * handed back for a later attempt ('retry', keeping the unposted messages' held deliveries).
 */
export function completeTurnStatement(input: CompleteTurnInput): SQL {
  const final = input.status !== 'retry';
  const release = input.releaseTurn === true;
  const posted = input.posted.map((p) => ({ message_id: p.messageId, ts: p.ts }));
  return sql`
    with stamped as (
      update messages set ts = p.ts
      from jsonb_to_recordset(${JSON.stringify(posted)}::jsonb) as p(message_id text, ts text)
      where messages.id = p.message_id
      returning messages.id
    ), unreserved as (
      update messages set post_started_at = null where id = any(${pgTextArray(input.refused ?? [])}::text[]) returning 1
    ), released as (
      update deliveries set status = 'pending', published_at = now()
      where message_id = any(${pgTextArray(input.posted.map((p) => p.messageId))}::text[]) and status = 'held'
      returning id
    ), dropped as (
      update deliveries set status = 'skipped', outcome = 'its message never reached Slack', finished_at = now()
      where ${final} and message_id = any(${pgTextArray(input.unposted)}::text[]) and status = 'held'
      returning 1
    ), freed as (
      delete from turn_reservations where ${release} and delivery_id = ${input.deliveryId} returning conversation_id
    ), unreserved_turn as (
      update conversations set agent_turns_since_human = greatest(agent_turns_since_human - 1, 0), agent_turns = greatest(agent_turns - 1, 0)
      where id in (select conversation_id from freed)
      returning 1
    ), ended as (
      update deliveries
      set status = ${final ? input.status : 'pending'}, outcome = ${input.outcome},
          finished_at = case when ${final} then now() end,
          claimed_at = case when ${final} then claimed_at end,
          published_at = case when ${final} then published_at else now() end
      where id = ${input.deliveryId} and (${final} or status = 'running')
      returning 1
    )
    select coalesce((select array_agg(id) from released), '{}') as released`;
}

/** What a claim needs to take one of the thread's agent turns (see reservationCtes). */
export interface TurnBudgetInput {
  /** The department's timezone: "today" for the daily budgets. */
  timezone: string;
  budgets: { thread_agent_turns: number; thread_spend_usd: number; daily_spend_usd: number; agent_daily_spend_usd: number };
}

/**
 * The CTEs with which a claim (a CTE named "claimed", returning the claimed delivery's row) also
 * takes one of its thread's agent turns, only if every budget still allows it. The conditional
 * UPDATE is what makes it hold under concurrency: deliveries of one thread claimed at once queue on
 * the conversation row, and each re-checks the count the one before it left. The daily spend comes
 * from spend_days, shared by every worker process. A delivery that already holds a turn (a re-run)
 * keeps it; a claim that loses its delivery to another worker takes nothing.
 */
export function reservationCtes(input: TurnBudgetInput): { spent: SQL; taken: SQL; kept: SQL } {
  const b = input.budgets;
  return {
    spent: sql`
      select coalesce(sum(s.usd), 0)::float8 as total,
             coalesce(sum(s.usd) filter (where s.agent_id = (select agent_id from claimed)), 0)::float8 as agent
      from spend_days s where s.day = (now() at time zone ${input.timezone})::date`,
    taken: sql`
      update conversations c
      set agent_turns_since_human = c.agent_turns_since_human + 1, agent_turns = c.agent_turns + 1
      from claimed, spent
      where c.id = claimed.conversation_id
        and not exists (select 1 from turn_reservations r where r.delivery_id = claimed.id)
        and c.agent_turns_since_human < ${b.thread_agent_turns} and c.spend_usd < ${b.thread_spend_usd}
        and spent.total < ${b.daily_spend_usd} and spent.agent < ${b.agent_daily_spend_usd}
      returning c.id`,
    kept: sql`
      insert into turn_reservations (delivery_id, conversation_id)
      select claimed.id, taken.id from claimed, taken
      returning delivery_id`,
  };
}

/** Whether the claimed delivery holds a turn now: taken by this claim, or kept from an earlier one. */
export const reservedNow = sql<boolean>`(exists (select 1 from taken) or exists (select 1 from turn_reservations r where r.delivery_id = (select id from claimed)))`;

/** Gives a turn back to its thread's budget: the turn declined, stopped or failed. Idempotent. */
export function releaseTurnStatement(deliveryId: string): SQL {
  return sql`
    with freed as (
      delete from turn_reservations where delivery_id = ${deliveryId} returning conversation_id
    )
    update conversations set agent_turns_since_human = greatest(agent_turns_since_human - 1, 0), agent_turns = greatest(agent_turns - 1, 0)
    where id in (select conversation_id from freed)`;
}
