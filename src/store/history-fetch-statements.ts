import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';

/** A person's message read from Slack (conversations.replies), as the model should read its text. */
export interface FetchedMessage {
  ts: string;
  slackUserId: string;
  text: string;
}

/*
 * Reading a thread's earlier messages from Slack happens once per thread: the worker whose claim
 * wins reads, the others wait for it. The claim is a lease, so a worker that died mid-read does not
 * keep the thread from being read by the next turn.
 */

export function claimHistoryFetchStatement(conversationId: string, leaseMs: number): SQL {
  return sql`
    update conversations set history_fetch_started_at = now()
    where id = ${conversationId} and history_fetched_at is null
      and (history_fetch_started_at is null or history_fetch_started_at < now() - make_interval(secs => ${leaseMs / 1000}))
    returning id`;
}

export function historyFetchStateStatement(conversationId: string, leaseMs: number): SQL {
  return sql`
    select history_fetched_at is not null as fetched,
           coalesce(history_fetch_started_at >= now() - make_interval(secs => ${leaseMs / 1000}), false) as busy
    from conversations where id = ${conversationId}`;
}

/** The read failed: the next turn in the thread may try again. */
export function releaseHistoryFetchStatement(conversationId: string): SQL {
  return sql`update conversations set history_fetch_started_at = null where id = ${conversationId} and history_fetched_at is null`;
}

/**
 * Stores what was read and marks the thread read, in one statement. Only messages older than the
 * first person's message the department holds are added (the part of the thread from before it was
 * listening; later ones arrive as events, and its own posts always answer a later one), ahead of
 * everything in the thread's order: their seq is counted down from the conversation's first, as
 * seq orders a thread and nothing else.
 */
export function recordFetchedHistoryStatement(input: { conversationId: string; channelId: string; messages: FetchedMessage[] }): SQL {
  const rows = input.messages.map((m) => ({ id: newId('msg'), ts: m.ts, user_id: m.slackUserId, text: m.text }));
  return sql`
    with bounds as (
      select coalesce(min(seq), 1) as lo, min(ts::numeric) filter (where author_kind = 'human') as first_ts
      from messages where conversation_id = ${input.conversationId}
    ), fresh as (
      select f.id, f.ts, f.user_id, f.text, row_number() over (order by f.ts::numeric) as n, count(*) over () as total
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as f(id text, ts text, user_id text, text text), bounds
      where (bounds.first_ts is null or f.ts::numeric < bounds.first_ts)
        and not exists (select 1 from messages m where m.channel_id = ${input.channelId} and m.ts = f.ts)
    ), ins as (
      insert into messages (id, seq, conversation_id, channel_id, ts, author_kind, author_id, type, text)
      select fresh.id, bounds.lo - fresh.total - 1 + fresh.n, ${input.conversationId}, ${input.channelId}, fresh.ts, 'human', fresh.user_id, 'message', fresh.text
      from fresh, bounds
      on conflict do nothing
      returning id
    ), done as (
      update conversations set history_fetched_at = now() where id = ${input.conversationId} returning id
    )
    select (select count(*) from ins)::int as stored`;
}
