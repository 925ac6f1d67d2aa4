import { sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { rowsOf } from './rows.js';

export interface QuietThread {
  conversationId: string;
  /** The seq of its last message: the summary is to cover through it. */
  lastSeq: number;
  /** Its most recent agent author, charged for the summary. */
  lastAgent: string;
}

/**
 * Conversations that went quiet and have no summary through their last message: the last message
 * older than `quietAfterMs`, at least three messages, one of them an agent's (a person's lone
 * question is no discussion to remember). Deleted messages do not count. Longest quiet first, so
 * a backlog is worked through in order; `skip` leaves out threads whose summary just failed.
 */
export async function quietThreads(db: Db, q: { quietAfterMs: number; limit: number; skip: string[] }): Promise<QuietThread[]> {
  const rows = rowsOf<{ conversation_id: string; last_seq: string | number; last_agent: string }>(
    await db.execute(sql`
      select m.conversation_id, m.last_seq,
        (select a.author_id from messages a where a.conversation_id = m.conversation_id and a.author_kind = 'agent' and a.deleted_at is null order by a.seq desc limit 1) as last_agent
      from (
        select conversation_id, max(seq) as last_seq, max(created_at) as last_at, count(*) as n, bool_or(author_kind = 'agent') as agent_spoke
        from messages where deleted_at is null group by conversation_id
      ) m
      where m.n >= 3 and m.agent_spoke and m.last_at < now() - ${q.quietAfterMs} * interval '1 millisecond'
        and m.conversation_id not in (select jsonb_array_elements_text(${JSON.stringify(q.skip)}::jsonb))
        and not exists (select 1 from thread_summaries s where s.conversation_id = m.conversation_id and s.through_seq >= m.last_seq)
      order by m.last_at
      limit ${q.limit}`),
  );
  return rows.map((r) => ({ conversationId: r.conversation_id, lastSeq: Number(r.last_seq), lastAgent: r.last_agent }));
}
