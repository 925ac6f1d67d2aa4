import type { TrialDatabase } from './postgres.js';

/** One workflow run as its rows say: where it runs, whether it waits for a person now. */
export interface RunRow {
  id: string;
  channelId: string;
  threadTs: string;
  status: string;
  outcome: string | null;
  /** The run waits (status 'waiting') for at least one approval or escalation. */
  atApproval: boolean;
}

export interface StepRow {
  runId: string;
  key: string;
  step: string;
  agentId: string | null;
  finished: boolean;
}

/** What the department recorded about its workflows: the tally checks Slack's posts against it. */
export interface WorkflowRecords {
  runs: RunRow[];
  steps: StepRow[];
  /** approval_requests rows of workflow runs. */
  approvals: { id: string; runId: string }[];
  /**
   * Agents' messages that answer another (the first of their protocol related_messages), from the
   * messages table: Slack's metadata carries only a message's id, so this links a post to the
   * step request it answers. `page` is its place in a long message posted as pages (1 otherwise).
   */
  answers: { id: string; authorId: string; answers: string; page: number }[];
  /** Tasks recorded twice: same thread, title and assignee. */
  duplicateTasks: { conversationId: string | null; title: string; assignee: string; n: number }[];
}

export async function readWorkflowRecords(db: TrialDatabase): Promise<WorkflowRecords> {
  const [runs, steps, approvals, answers, duplicateTasks] = await Promise.all([
    db.rows<RunRow>(`select id, channel_id as "channelId", thread_ts as "threadTs", status, outcome,
        (status = 'waiting' and exists (select 1 from jsonb_array_elements(case jsonb_typeof(waiting) when 'array' then waiting else jsonb_build_array(waiting) end) w
          where w->>'kind' in ('approval', 'escalation'))) as "atApproval"
      from workflow_runs`),
    db.rows<StepRow>(`select run_id as "runId", key, step, agent_id as "agentId", finished_at is not null as finished from workflow_steps`),
    db.rows<{ id: string; runId: string }>(`select id, workflow_run_id as "runId" from approval_requests where workflow_run_id is not null`),
    db.rows<WorkflowRecords['answers'][number]>(`select id, author_id as "authorId", protocol->'context'->'related_messages'->>0 as answers,
        coalesce((protocol->'part'->>'index')::int, 1) as page
      from messages where author_kind = 'agent' and protocol->'context'->'related_messages'->>0 is not null`),
    db.rows<WorkflowRecords['duplicateTasks'][number]>(`select conversation_id as "conversationId", title, assignee, count(*)::int as n from tasks group by 1, 2, 3 having count(*) > 1`),
  ]);
  return { runs, steps, approvals, answers, duplicateTasks };
}

/** How far the runs have got, for the fault to strike mid-step: runs started, steps asked, approvals requested. */
export async function workflowProgress(db: TrialDatabase): Promise<{ runs: number; steps: number; approvals: number }> {
  const [row] = await db.rows<{ runs: number; steps: number; approvals: number }>(`select
      (select count(*) from workflow_runs)::int as runs,
      (select count(*) from workflow_steps)::int as steps,
      (select count(*) from approval_requests)::int as approvals`);
  return row ?? { runs: 0, steps: 0, approvals: 0 };
}
