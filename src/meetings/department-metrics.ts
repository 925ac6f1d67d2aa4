import { sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';
import { reviewsSql } from './reviews-sql.js';
import { localDateOf } from './meeting-times.js';

export { metricsTable } from './metrics-table.js';
export { weeklyReviewText } from './weekly-review-text.js';

export interface TaskBrief {
  id: string;
  title: string;
  dueDate: string | null;
  status: string;
  conversationId: string | null;
}

export interface WeeklyReview {
  from: Date;
  to: Date;
  /** Owners with a completed or slipped task, by agent id. */
  owners: { owner: string; completed: TaskBrief[]; slipped: TaskBrief[] }[];
}

/**
 * Last week for the planning meeting: per owner, the tasks completed in [from, to) and the tasks that
 * slipped (due on a day from `from`'s day up to but not including `to`'s day, in timeZone, and neither
 * done nor cancelled).
 */
export async function weeklyReview(db: Db, window: { from: Date; to: Date; timeZone?: string }): Promise<WeeklyReview> {
  const zone = window.timeZone ?? 'UTC';
  const rows = rowsOf<{ id: string; title: string; assignee: string; status: string; due_date: string | null; conversation_id: string | null; slipped: boolean }>(
    await db.execute(sql`
      select id, title, assignee, status, due_date::text as due_date, conversation_id, false as slipped, updated_at as at
      from tasks where status = 'done' and updated_at >= ${window.from.toISOString()}::timestamptz and updated_at < ${window.to.toISOString()}::timestamptz
      union all
      select id, title, assignee, status, due_date::text, conversation_id, true, due_date::timestamptz
      from tasks where status not in ('done', 'cancelled') and due_date >= ${localDateOf(window.from, zone)}::date and due_date < ${localDateOf(window.to, zone)}::date
      order by assignee, at, id`),
  );
  const owners = new Map<string, WeeklyReview['owners'][number]>();
  for (const r of rows) {
    const entry = owners.get(r.assignee) ?? { owner: r.assignee, completed: [], slipped: [] };
    owners.set(r.assignee, entry);
    (r.slipped ? entry.slipped : entry.completed).push({ id: r.id, title: r.title, dueDate: r.due_date, status: r.status, conversationId: r.conversation_id });
  }
  return { from: window.from, to: window.to, owners: [...owners.values()] };
}

export interface MonthlyMetrics {
  from: Date;
  to: Date;
  /** Tasks moved to done in the window. */
  tasksCompleted: number;
  /** Deliverables first approved in the window: the population of the next four. */
  deliverablesApproved: number;
  /** Median hours from the deliverable's task (or the deliverable, when it has none) being created to its first approval. */
  medianCycleHours: number | null;
  /** Share (0–1) of those deliverables approved on their first request. */
  firstTimeApprovalRate: number | null;
  /** Average revisions before the approved version (approved version − 1). */
  avgRevisionRounds: number | null;
  /** Escalations opened and resolved in the window (approval escalations of human-led drafts included). */
  escalations: { opened: number; resolved: number };
  /** Model spend in the window, most first. */
  spendByAgent: { agent: string; usd: number }[];
  /** Per workflow kind: runs started in the window, and the spend in the window of its steps' turns. */
  spendByWorkflow: { kind: string; runs: number; usd: number }[];
  totalUsd: number;
  /** All model spend in the window over deliverablesApproved; null when none was approved. */
  costPerDeliverable: number | null;
}

/**
 * The seed's success metrics (section 10) the store can compute, for [from, to). Nothing is estimated:
 * a metric with no data to compute it from is null. A deliverable's approval is a person's verdict
 * on an approval request, or on the escalation that carries a human-led (L1) draft.
 */
export async function monthlyMetrics(db: Db, window: { from: Date; to: Date }): Promise<MonthlyMetrics> {
  const from = sql`${window.from.toISOString()}::timestamptz`;
  const to = sql`${window.to.toISOString()}::timestamptz`;
  const [head] = rowsOf<{
    tasks_completed: number;
    approved: number;
    median_hours: number | null;
    first_time_rate: number | null;
    avg_rounds: number | null;
    opened: number;
    resolved: number;
    total_usd: number;
  }>(
    await db.execute(sql`
      with reviews as ${reviewsSql},
      first_review as (select distinct on (deliverable_id) deliverable_id, state from reviews order by deliverable_id, created_at, id),
      first_approval as (
        select distinct on (r.deliverable_id) r.deliverable_id, r.version, r.decided_at
        from reviews r where r.state = 'approved' order by r.deliverable_id, r.decided_at, r.id),
      approved as (
        select a.deliverable_id, a.version, f.state = 'approved' as first_time,
               extract(epoch from (a.decided_at - coalesce(t.created_at, d.created_at))) / 3600.0 as hours
        from first_approval a
        join deliverables d on d.id = a.deliverable_id
        left join tasks t on t.id = d.task_id
        join first_review f on f.deliverable_id = a.deliverable_id
        where a.decided_at >= ${from} and a.decided_at < ${to})
      select
        (select count(*) from tasks where status = 'done' and updated_at >= ${from} and updated_at < ${to})::int as tasks_completed,
        (select count(*) from approved)::int as approved,
        (select percentile_cont(0.5) within group (order by hours) from approved)::float8 as median_hours,
        (select avg(case when first_time then 1.0 else 0.0 end) from approved)::float8 as first_time_rate,
        (select avg(version - 1) from approved)::float8 as avg_rounds,
        (select count(*) from escalations where created_at >= ${from} and created_at < ${to})::int as opened,
        (select count(*) from escalations where state = 'resolved' and resolved_at >= ${from} and resolved_at < ${to})::int as resolved,
        (select coalesce(sum(cost_usd), 0) from llm_calls where created_at >= ${from} and created_at < ${to})::float8 as total_usd`),
  );
  const spendByAgent = rowsOf<{ agent: string; usd: number }>(
    await db.execute(sql`
      select agent_id as agent, sum(cost_usd)::float8 as usd from llm_calls
      where created_at >= ${from} and created_at < ${to}
      group by agent_id order by usd desc, agent_id`),
  ).map((r) => ({ agent: r.agent, usd: Number(r.usd) }));
  // A run's cost is the model calls of its steps' turns (workflow_steps.delivery_id = llm_calls.delivery_id), as WorkflowStore.totals counts it.
  const spendByWorkflow = rowsOf<{ kind: string; runs: number; usd: number }>(
    await db.execute(sql`
      with step_turns as (
        select distinct on (s.delivery_id) s.delivery_id, r.kind
        from workflow_steps s join workflow_runs r on r.id = s.run_id where s.delivery_id is not null
        order by s.delivery_id, s.started_at),
      spend as (
        select st.kind, sum(c.cost_usd) as usd from llm_calls c join step_turns st on st.delivery_id = c.delivery_id
        where c.created_at >= ${from} and c.created_at < ${to} group by st.kind),
      started as (
        select kind, count(*) as runs from workflow_runs where started_at >= ${from} and started_at < ${to} group by kind)
      select coalesce(s.kind, p.kind) as kind, coalesce(s.runs, 0)::int as runs, coalesce(p.usd, 0)::float8 as usd
      from started s full join spend p on p.kind = s.kind
      order by usd desc, kind`),
  ).map((r) => ({ kind: r.kind, runs: Number(r.runs), usd: Number(r.usd) }));

  const approved = Number(head?.approved ?? 0);
  const totalUsd = Number(head?.total_usd ?? 0);
  const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return {
    from: window.from,
    to: window.to,
    tasksCompleted: Number(head?.tasks_completed ?? 0),
    deliverablesApproved: approved,
    medianCycleHours: num(head?.median_hours),
    firstTimeApprovalRate: num(head?.first_time_rate),
    avgRevisionRounds: num(head?.avg_rounds),
    escalations: { opened: Number(head?.opened ?? 0), resolved: Number(head?.resolved ?? 0) },
    spendByAgent,
    spendByWorkflow,
    totalUsd,
    costPerDeliverable: approved > 0 ? totalUsd / approved : null,
  };
}
