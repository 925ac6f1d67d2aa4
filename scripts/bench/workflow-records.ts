import { sql } from 'drizzle-orm';
import type { Db } from '../../src/store/database.js';
import { rowsOf } from '../../src/store/rows.js';
import type { RecordedCall } from './claude-estimate.js';

export interface RunRecords {
  runId: string;
  status: string;
  outcome: string | null;
  steps: number;
  /** The step that took longest from being asked to being marked finished (a stall shows here). */
  slowestStep: { key: string; seconds: number } | null;
  /** Model calls of the run's step turns (workflow_steps.delivery_id ↔ llm_calls.delivery_id, as WorkflowStore.totals joins them), oldest first. */
  calls: RecordedCall[];
  /** Every model call in the run's thread, oldest first: its steps' and the rest (the turn that started it, the hand-off FYIs). */
  threadCalls: RecordedCall[];
}

const CALL_COLUMNS = sql`c.agent_id as "agentId", c.input_tokens as "inputTokens", c.output_tokens as "outputTokens",
  c.cache_creation_tokens as "cacheCreationTokens", c.cache_read_tokens as "cacheReadTokens"`;

/** The workflow run started in the thread `threadTs`, if there is one yet. */
export async function runOfThread(db: Db, threadTs: string): Promise<{ id: string; status: string } | null> {
  const [row] = rowsOf<{ id: string; status: string }>(await db.execute(sql`select id, status from workflow_runs where thread_ts = ${threadTs}`));
  return row ?? null;
}

/** What the department recorded about one run: its steps and the model calls they made. */
export async function runRecords(db: Db, runId: string): Promise<RunRecords> {
  const [run] = rowsOf<{ status: string; outcome: string | null; conversationId: string; steps: number }>(
    await db.execute(sql`select status, outcome, conversation_id as "conversationId",
      (select count(*) from workflow_steps s where s.run_id = r.id)::int as steps
      from workflow_runs r where r.id = ${runId}`),
  );
  if (!run) throw new Error(`workflow run ${runId} is not recorded`);
  const [slowestStep] = rowsOf<{ key: string; seconds: number }>(
    await db.execute(sql`select key, extract(epoch from (finished_at - started_at))::float8 as seconds
      from workflow_steps where run_id = ${runId} and finished_at is not null order by seconds desc limit 1`),
  );
  const stepDeliveries = sql`select s.delivery_id from workflow_steps s where s.run_id = ${runId} and s.delivery_id is not null`;
  const calls = rowsOf<RecordedCall>(
    await db.execute(sql`select ${CALL_COLUMNS} from llm_calls c where c.delivery_id in (${stepDeliveries}) order by c.created_at, c.id`),
  );
  const threadCalls = rowsOf<RecordedCall>(
    await db.execute(sql`select ${CALL_COLUMNS} from llm_calls c where c.conversation_id = ${run.conversationId} order by c.created_at, c.id`),
  );
  return { runId, status: run.status, outcome: run.outcome, steps: run.steps, slowestStep: slowestStep ?? null, calls, threadCalls };
}

/** Deliveries not finished yet (turns queued or running): the hand-offs still run after "Workflow done". */
export async function unfinishedDeliveries(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from deliveries where status in ('pending', 'running', 'held')`));
  return row?.n ?? 0;
}
