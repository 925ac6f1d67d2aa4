import { sql } from 'drizzle-orm';
import type { ModelCall } from '../llm/ask-once.js';
import type { Db } from './database.js';
import { newId } from './ids.js';

/**
 * Model calls made outside an agent turn's record (see askOnce) into llm_calls and the day's spend
 * ledger, in one statement, so budgets and the monthly review see them. `threadSpend` also adds
 * them to the conversation's spend, which the thread's spend limit is checked against.
 */
export async function recordModelCalls(db: Db, timezone: string, conversationId: string | null, calls: ModelCall[], opts: { threadSpend?: boolean } = {}): Promise<void> {
  if (calls.length === 0) return;
  const rows = calls.map((c) => ({
    id: newId('llm'), agent_id: c.agentId, conversation_id: conversationId, model: c.model, rehearsal: c.rehearsal, input_tokens: c.usage.input_tokens, output_tokens: c.usage.output_tokens,
    cache_creation_tokens: c.usage.cache_creation_input_tokens ?? 0, cache_read_tokens: c.usage.cache_read_input_tokens ?? 0, cost_usd: c.costUsd, latency_ms: c.latencyMs,
  }));
  const threadTotal = opts.threadSpend && conversationId ? calls.reduce((sum, c) => sum + c.costUsd, 0) : 0;
  await db.execute(sql`
    with calls as (
      insert into llm_calls (id, agent_id, conversation_id, model, rehearsal, input_tokens, output_tokens, cache_creation_tokens, cache_read_tokens, cost_usd, latency_ms)
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(id text, agent_id text, conversation_id text, model text, rehearsal boolean,
        input_tokens int, output_tokens int, cache_creation_tokens int, cache_read_tokens int, cost_usd numeric, latency_ms int)
      returning agent_id, cost_usd
    ), thread as (
      update conversations set spend_usd = spend_usd + ${threadTotal} where ${threadTotal > 0} and id = ${conversationId}
    )
    insert into spend_days (day, agent_id, usd)
    select (now() at time zone ${timezone})::date, agent_id, sum(cost_usd) from calls where cost_usd > 0 group by agent_id
    on conflict (day, agent_id) do update set usd = spend_days.usd + excluded.usd`);
}
