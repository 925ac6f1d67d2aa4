import { sql } from 'drizzle-orm';
import type { Db } from '../store/database.js';
import { rowsOf } from '../store/rows.js';
import { DOING_KINDS, DONE_KINDS, type Fact, type FactKind, type FactSheet } from './fact.js';
import { oneLine } from './fact-sheet-text.js';
import { sentenceOf, type FactRow } from './fact-sentence.js';
import { reviewsSql } from './reviews-sql.js';
import { localDateOf } from './meeting-times.js';

export { isEmpty, sheetRefs, type Fact, type FactKind, type FactSheet } from './fact.js';
export { parseFactSheet, renderFactSheet } from './fact-sheet-text.js';

/**
 * What an agent did in [since, until) and what it has on its plate now, read from its records:
 * tasks, deliverable versions, approvals of its work, decisions it made, publications, workflow
 * steps it finished, escalations, its messages. The open work is as the store holds it at the time
 * of reading (records created after `until` are left out); a task is overdue when its due date is
 * before `until`'s day in timeZone. A task's completion time is its last move (updated_at).
 */
export async function factSheetFor(db: Db, agentId: string, window: { since: Date; until: Date; timeZone?: string }): Promise<FactSheet> {
  const since = window.since.toISOString();
  const until = window.until.toISOString();
  const today = localDateOf(window.until, window.timeZone ?? 'UTC');
  const inWindow = (column: ReturnType<typeof sql.raw>) => sql`${column} >= ${since}::timestamptz and ${column} < ${until}::timestamptz`;
  const none = sql`null::text as detail, null::int as version, null::text as content_type, null::text as due_date, null::text as status`;

  const facts = rowsOf<FactRow>(
    await db.execute(sql`
      with reviews as ${reviewsSql},
      latest as (select distinct on (deliverable_id) * from reviews order by deliverable_id, created_at desc)
      -- done
      select t.id as ref, 'task_done' as kind, t.updated_at as at, t.conversation_id, t.title, ${none}
      from tasks t where t.assignee = ${agentId} and t.status = 'done' and ${inWindow(sql.raw('t.updated_at'))}
      union all
      select d.id, 'version_submitted', v.created_at, d.conversation_id, d.title, null, v.version, d.content_type, null, null
      from deliverable_versions v join deliverables d on d.id = v.deliverable_id
      where v.author = ${agentId} and ${inWindow(sql.raw('v.created_at'))}
      union all
      select r.id, 'approval_granted', r.decided_at, coalesce(r.conversation_id, d.conversation_id), d.title, null, r.version, d.content_type, null, null
      from reviews r join deliverables d on d.id = r.deliverable_id
      where r.state = 'approved' and (d.author = ${agentId} or r.requested_by = ${agentId}) and ${inWindow(sql.raw('r.decided_at'))}
      union all
      select x.id, 'decision_made', x.created_at, x.conversation_id, x.decision, x.type, null, null, null, null
      from decisions x where x.maker = ${agentId} and ${inWindow(sql.raw('x.created_at'))}
      union all
      select p.id, 'publication', p.published_at, p.conversation_id, p.title, null, p.version, p.content_type, null, null
      from publications p where p.author = ${agentId} and ${inWindow(sql.raw('p.published_at'))}
      union all
      select e.id, 'escalation_resolved', e.resolved_at, e.conversation_id, e.issue, e.resolution, null, null, null, null
      from escalations e where e.from_agent = ${agentId} and e.deliverable_id is null and e.state = 'resolved' and ${inWindow(sql.raw('e.resolved_at'))}
      union all
      -- its turns in workflow runs (a review, a strategy, a track) that finished their step
      select w.id, 'workflow_step', s.finished_at, w.conversation_id, w.brief->>'topic', s.step, null, w.kind /* as content_type */, null, null
      from workflow_steps s join workflow_runs w on w.id = s.run_id
      where s.agent_id = ${agentId} and s.outcome = 'done' and ${inWindow(sql.raw('s.finished_at'))}
      -- doing and blockers: open now
      union all
      select t.id, case when t.status = 'blocked' then 'task_blocked' when t.due_date < ${today}::date then 'task_overdue' else 'task_open' end,
             t.created_at, t.conversation_id, t.title, null, null, null, t.due_date::text, t.status
      from tasks t where t.assignee = ${agentId} and t.status in ('todo', 'in_progress', 'blocked', 'in_review') and t.created_at < ${until}::timestamptz
      union all
      select r.id, 'awaiting_approval', r.created_at, coalesce(r.conversation_id, d.conversation_id), d.title, null, r.version, d.content_type, null, null
      from reviews r join deliverables d on d.id = r.deliverable_id
      where r.state = 'pending' and (d.author = ${agentId} or r.requested_by = ${agentId}) and r.created_at < ${until}::timestamptz
      union all
      select e.id, case when e.from_agent = ${agentId} then 'escalation_open' else 'escalation_received' end, e.created_at, e.conversation_id,
             e.issue, case when e.from_agent = ${agentId} then e.to_target else e.from_agent end, null, null, null, null
      from escalations e
      where e.state = 'open' and e.deliverable_id is null and (e.from_agent = ${agentId} or e.to_target = ${agentId}) and e.created_at < ${until}::timestamptz
      union all
      -- the latest verdict on its draft asked for changes and no newer version followed
      select d.id, 'changes_requested', l.decided_at, coalesce(l.conversation_id, d.conversation_id), d.title, l.comment, l.version, d.content_type, null, null
      from latest l join deliverables d on d.id = l.deliverable_id
      where l.state = 'changes_requested' and l.version = d.current_version and d.author = ${agentId} and l.created_at < ${until}::timestamptz
      order by at asc nulls last, ref`),
  );

  const sheet: FactSheet = { agentId, since: window.since, until: window.until, done: [], doing: [], blockers: [], activity: await activityOf(db, agentId, since, until) };
  for (const row of facts) {
    // One line, no brackets (titles are free text): the sheet's text form then reads back exactly.
    const fact: Fact = { ref: row.ref, kind: row.kind, text: oneLine(sentenceOf(row)) };
    if (row.at) fact.at = new Date(row.at);
    if (row.conversation_id) fact.conversationId = row.conversation_id;
    sectionOf(sheet, row.kind).push(fact);
  }
  return sheet;
}

async function activityOf(db: Db, agentId: string, since: string, until: string): Promise<FactSheet['activity']> {
  const [row] = rowsOf<{ messages: number; threads: number }>(
    await db.execute(sql`
      select count(*)::int as messages, count(distinct conversation_id)::int as threads
      from messages
      where author_kind = 'agent' and author_id = ${agentId} and deleted_at is null
        and created_at >= ${since}::timestamptz and created_at < ${until}::timestamptz`),
  );
  return { messages: Number(row?.messages ?? 0), threads: Number(row?.threads ?? 0) };
}

function sectionOf(sheet: FactSheet, kind: FactKind): Fact[] {
  if ((DONE_KINDS as readonly string[]).includes(kind)) return sheet.done;
  return (DOING_KINDS as readonly string[]).includes(kind) ? sheet.doing : sheet.blockers;
}
