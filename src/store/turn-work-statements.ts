import { sql, type SQL } from 'drizzle-orm';
import type { CardKind } from './work-schema.js';

/*
 * The work records a turn's tools made (deliverables and their versions, approval requests,
 * escalations, task moves) and the cards to post for them, written by the turn's own record
 * statement (recordTurnStatement): all of it or none, only while the worker owns the delivery,
 * so a re-run turn never asks a person twice.
 */

export interface TurnDeliverable {
  id: string;
  version: number;
  content_type: string;
  title: string;
  author: string;
  task_id: string | null;
  content: string;
  rehearsal: boolean;
}

export interface TurnApproval {
  id: string;
  deliverable_id: string;
  version: number;
  summary: string;
  requested_by: string;
  autonomy_level: string;
  urgency: string;
  due_date: string | null;
}

export interface TurnEscalation {
  id: string;
  level: string;
  category: string;
  from_agent: string;
  to_target: string;
  issue: string;
  attempts_made: string;
  urgency: string;
  recommendation: string;
  impact: string;
  deliverable_id: string | null;
  version: number | null;
  rehearsal: boolean;
}

export interface TurnTaskUpdate {
  id: string;
  status: string | null;
  assignee: string | null;
  due_date: string | null;
  by: string;
}

export interface TurnCard {
  id: string;
  kind: CardKind;
  ref_id: string;
  agent_id: string;
  /** A channel id, or #name of a department channel (resolved when posted). */
  channel: string;
  thread_ts: string | null;
}

export interface TurnWorkflow {
  id: string;
  kind: string;
  coordinator: string;
  channel_id: string;
  thread_ts: string;
  brief: Record<string, unknown>;
}

export interface TurnWork {
  deliverables: TurnDeliverable[];
  approvals: TurnApproval[];
  escalations: TurnEscalation[];
  taskUpdates: TurnTaskUpdate[];
  cards: TurnCard[];
  workflows: TurnWorkflow[];
}

export const NO_TURN_WORK: TurnWork = { deliverables: [], approvals: [], escalations: [], taskUpdates: [], cards: [], workflows: [] };

const json = (rows: unknown[]) => JSON.stringify(rows);

/** The CTEs (each preceded by a comma) that follow "owned" in recordTurnStatement. */
export function turnWorkCtes(work: TurnWork, conversationId: string, deliveryId: string): SQL {
  return sql`
    , deliverables_made as (
      -- A revision moves the deliverable to its new version; its earlier ones stay.
      insert into deliverables (id, content_type, title, author, task_id, conversation_id, current_version)
      select d.id, d.content_type, d.title, d.author, d.task_id, ${conversationId}, d.version
      from owned, jsonb_to_recordset(${json(work.deliverables)}::jsonb) as d(
        id text, content_type text, title text, author text, task_id text, version int)
      on conflict (id) do update set current_version = excluded.current_version, title = excluded.title
      returning id
    ), versions_made as (
      insert into deliverable_versions (deliverable_id, version, content, author, rehearsal)
      select d.id, d.version, d.content, d.author, d.rehearsal
      from deliverables_made m join jsonb_to_recordset(${json(work.deliverables)}::jsonb) as d(
        id text, version int, content text, author text, rehearsal boolean) on d.id = m.id
      returning 1
    ), superseded as (
      -- A person is never asked about a version its author has replaced.
      update approval_requests a set state = 'expired', decided_at = now(), comment = 'superseded by v' || d.version
      from owned, jsonb_to_recordset(${json(work.deliverables)}::jsonb) as d(id text, version int)
      where a.deliverable_id = d.id and a.state = 'pending' and a.version < d.version
      returning a.id
    ), withdrawn as (
      -- …nor left with an escalation about it (human-led work).
      update escalations e set state = 'withdrawn', resolved_at = now(), resolution = 'superseded by v' || d.version
      from owned, jsonb_to_recordset(${json(work.deliverables)}::jsonb) as d(id text, version int)
      where e.deliverable_id = d.id and e.state = 'open' and e.version < d.version
      returning e.id
    ), approvals_made as (
      insert into approval_requests (id, deliverable_id, version, summary, requested_by, autonomy_level, urgency, due_date, conversation_id)
      select a.id, a.deliverable_id, a.version, a.summary, a.requested_by, a.autonomy_level, a.urgency, a.due_date::date, ${conversationId}
      from owned, jsonb_to_recordset(${json(work.approvals)}::jsonb) as a(
        id text, deliverable_id text, version int, summary text, requested_by text, autonomy_level text, urgency text, due_date text)
      returning 1
    ), escalations_made as (
      insert into escalations (id, level, category, from_agent, to_target, issue, attempts_made, urgency, recommendation, impact,
                               deliverable_id, version, rehearsal, conversation_id)
      select e.id, e.level, e.category, e.from_agent, e.to_target, e.issue, e.attempts_made, e.urgency, e.recommendation, e.impact,
             e.deliverable_id, e.version, e.rehearsal, ${conversationId}
      from owned, jsonb_to_recordset(${json(work.escalations)}::jsonb) as e(
        id text, level text, category text, from_agent text, to_target text, issue text, attempts_made text, urgency text,
        recommendation text, impact text, deliverable_id text, version int, rehearsal boolean)
      returning 1
    ), tasks_moved as (
      update tasks t set status = coalesce(u.status, t.status), assignee = coalesce(u.assignee, t.assignee),
             due_date = coalesce(u.due_date::date, t.due_date), updated_by = u.by, updated_at = now()
      from owned, jsonb_to_recordset(${json(work.taskUpdates)}::jsonb) as u(id text, status text, assignee text, due_date text, by text)
      where t.id = u.id
      returning 1
    ), workflows_made as (
      -- One live run per thread (a unique index): a second start in the same thread does nothing.
      insert into workflow_runs (id, kind, conversation_id, channel_id, thread_ts, coordinator, brief)
      select w.id, w.kind, ${conversationId}, w.channel_id, w.thread_ts, w.coordinator, w.brief
      from owned, jsonb_to_recordset(${json(work.workflows)}::jsonb) as w(id text, kind text, coordinator text, channel_id text, thread_ts text, brief jsonb)
      on conflict do nothing
      returning 1
    ), cards_made as (
      insert into cards (id, kind, ref_id, agent_id, conversation_id, channel, thread_ts, source_delivery_id)
      select c.id, c.kind, c.ref_id, c.agent_id, ${conversationId}, c.channel, c.thread_ts, ${deliveryId}
      from owned, jsonb_to_recordset(${json(work.cards)}::jsonb) as c(id text, kind text, ref_id text, agent_id text, channel text, thread_ts text)
      returning 1
    )`;
}
