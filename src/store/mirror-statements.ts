import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';

export interface MirrorInput {
  channelId: string;
  /** Root ts of the thread (the message's own ts when it starts one). */
  threadTs: string;
  ts: string;
  slackUserId: string;
  text: string;
  eventId: string | null;
  /** One of the department's channels (department.yml, agents' home channels). */
  departmentChannel: boolean;
}

/**
 * A person's message that asks no agent for anything, kept as thread history (no delivery, no
 * turn) in a channel the department takes part in: one of its own channels, or one where it
 * already has a conversation (it has worked there). Elsewhere people's talk is not the
 * department's to keep; an agent brought into such a thread later reads it from Slack once.
 * The thread's turn budget is not reset: only a message for an agent opens a new one.
 * One statement; a Slack retry or the same post's second event conflicts on (channel, ts).
 */
export function mirrorStatement(input: MirrorInput): SQL {
  return sql`
    with conv as (
      insert into conversations (id, channel_id, thread_ts)
      select ${newId('conv')}, ${input.channelId}, ${input.threadTs}
      where ${input.departmentChannel}::boolean or exists (select 1 from conversations where channel_id = ${input.channelId})
      on conflict (channel_id, thread_ts) do update set thread_ts = excluded.thread_ts
      returning id
    )
    insert into messages (id, conversation_id, channel_id, ts, author_kind, author_id, type, text, event_id)
    select ${newId('msg')}, conv.id, ${input.channelId}, ${input.ts}, 'human', ${input.slackUserId}, 'message', ${input.text}, ${input.eventId}::text
    from conv
    on conflict do nothing
    returning id`;
}

/** A person edited their message: the stored text follows (agents' own records keep what they wrote). */
export function editStatement(input: { channelId: string; ts: string; text: string }): SQL {
  return sql`
    update messages set text = ${input.text}
    where channel_id = ${input.channelId} and ts = ${input.ts} and author_kind = 'human'
    returning id`;
}

/** A message was deleted in Slack: kept (deliveries point at it), out of the thread's history. */
export function deleteStatement(input: { channelId: string; ts: string }): SQL {
  return sql`
    update messages set deleted_at = now()
    where channel_id = ${input.channelId} and ts = ${input.ts} and deleted_at is null
    returning id`;
}
