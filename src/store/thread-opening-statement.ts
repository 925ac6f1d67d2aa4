import { sql, type SQL } from 'drizzle-orm';
import { newId } from './ids.js';

/**
 * The CTEs `c` (the thread's conversation, made or found) and `m` (its first message on record, as
 * the agent that opened it) for a thread the department started itself — a crisis's all-hands
 * thread, a meeting — so the thread's history starts with its opening. The caller's statement
 * follows, reading `c.id`.
 */
export function threadOpeningCtes(t: { channelId: string; ts: string; agentId: string; text: string; messageId?: string }): SQL {
  return sql`
    with c as (
      insert into conversations (id, channel_id, thread_ts) values (${newId('conv')}, ${t.channelId}, ${t.ts})
      on conflict (channel_id, thread_ts) do update set channel_id = excluded.channel_id
      returning id
    ), m as (
      insert into messages (id, conversation_id, channel_id, ts, author_kind, author_id, type, text)
      select ${t.messageId ?? newId('msg')}, c.id, ${t.channelId}, ${t.ts}, 'agent', ${t.agentId}, 'status_update', ${t.text} from c
      on conflict do nothing
      returning 1
    )`;
}
