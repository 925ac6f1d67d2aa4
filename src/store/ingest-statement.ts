import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';
import type { HumanMessageInput } from './store.js';

/**
 * Ingest as ONE statement (data-modifying CTEs are atomic, like a transaction, in one round
 * trip — ingest is on the hot path of every Slack event):
 *  ev   records the event id; a Slack retry finds it and nothing below happens;
 *  conv creates the thread's conversation or resets its turn budget (a human spoke);
 *  msg  mirrors the message; the second event of one post (app_mention + message) conflicts on (channel, ts),
 *       unless what holds that ts is only history (kept when an event of the post found no agent):
 *       it becomes the request, so the order in which the post's events are routed cannot lose it;
 *  dl   writes one delivery per target agent.
 */
export function ingestStatement(input: HumanMessageInput, messageId: string, targets: string[]): SQL {
  const deliveryIds = targets.map(() => newId('dlv'));
  const protocol = input.protocol ? JSON.stringify(input.protocol) : null;
  return sql`
    with ev as (
      insert into slack_events (event_id, type, team_id)
      select ${input.eventId}::text, ${input.eventType}, ${input.teamId ?? null}::text
      where ${input.eventId}::text is not null
      on conflict do nothing
      returning event_id
    ), gate as (
      select 1 where ${input.eventId}::text is null or exists (select 1 from ev)
    ), conv as (
      insert into conversations (id, channel_id, thread_ts)
      select ${newId('conv')}, ${input.channelId}, ${input.threadTs} from gate
      on conflict (channel_id, thread_ts) do update set agent_turns_since_human = 0, budget_notice_at = null
      returning id
    ), msg as (
      insert into messages (id, conversation_id, channel_id, ts, author_kind, author_id, to_agents, type, text, protocol, event_id)
      select ${messageId}, conv.id, ${input.channelId}, ${input.ts}, 'human', ${input.slackUserId},
             ${pgTextArray(targets)}::text[], ${input.protocol?.type ?? 'request'}, ${input.text},
             ${protocol}::jsonb, ${input.eventId}::text
      from conv
      on conflict (channel_id, ts) do update
        set id = excluded.id, to_agents = excluded.to_agents, type = excluded.type, protocol = excluded.protocol, event_id = excluded.event_id
        where messages.author_kind = 'human' and messages.protocol is null and cardinality(excluded.to_agents) > 0
          and not exists (select 1 from deliveries d where d.message_id = messages.id)
      returning id, conversation_id
    ), dl as (
      insert into deliveries (id, message_id, conversation_id, agent_id, status)
      select t.id, msg.id, msg.conversation_id, t.agent_id, 'pending'
      from msg, unnest(${pgTextArray(deliveryIds)}::text[], ${pgTextArray(targets)}::text[]) as t(id, agent_id)
      returning id
    )
    select (select conversation_id from msg) as conversation_id,
           (select id from msg) as message_id,
           coalesce((select array_agg(id) from dl), '{}') as delivery_ids`;
}

/** A text[] (or int[]) literal: ids and integers are [A-Za-z0-9_], so no quoting beyond the braces is needed. */
export function pgTextArray(values: string[]): string {
  return `{${values.join(',')}}`;
}
