import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/store/database.js';
import { newId } from '../../../src/store/ids.js';
import { WorkStore } from '../../../src/store/work-store.js';

export const MONTH = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
export const WEEK = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };

/**
 * A month of the department with numbers worked out by hand (see metrics.test.ts): deliverables
 * approved at first try, after one and two revisions, through an L1 escalation, before the month,
 * and still pending; escalations; model calls inside and outside workflow runs.
 */
export async function seedMonth(db: Db) {
  const work = new WorkStore(db);
  const at = (iso: string) => sql`${iso}::timestamptz`;
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);

  // Tasks: three done in November (two of them in the review week), one in October, one still open.
  const task = async (title: string, assignee: string, status: string, updatedAt: string, dueDate: string | null = null) => {
    const row = await work.createTask({ title, assignee, requester: 'content_manager', dueDate });
    await exec(sql`update tasks set status = ${status}, created_at = ${at('2026-10-15T00:00Z')}, updated_at = ${at(updatedAt)} where id = ${row.id}`);
    return row.id;
  };
  const tasks = {
    doneEarly: await task('Keyword research', 'seo_specialist', 'done', '2026-11-03T10:00Z'),
    doneWeekA: await task('Blog draft', 'copywriter', 'done', '2026-11-24T10:00Z'),
    doneWeekB: await task('Meta descriptions', 'seo_specialist', 'done', '2026-11-29T23:00Z'),
    doneOctober: await task('Old brief', 'copywriter', 'done', '2026-10-20T10:00Z'),
    open: await task('Newsletter', 'email_specialist', 'in_progress', '2026-11-20T10:00Z', '2026-12-04'),
    // For the week: slipped (due in it, not done), and not slipped (cancelled, due on its last day, before it, done).
    slipped: await task('Case study', 'copywriter', 'todo', '2026-11-20T10:00Z', '2026-11-25'),
    slippedBlocked: await task('Landing page copy', 'copywriter', 'blocked', '2026-11-20T10:00Z', '2026-11-29'),
    cancelled: await task('Dropped idea', 'copywriter', 'cancelled', '2026-11-26T10:00Z', '2026-11-26'),
    dueAfter: await task('Due the day the week ends', 'designer', 'todo', '2026-11-20T10:00Z', '2026-11-30'),
    dueBefore: await task('Due before the week', 'designer', 'todo', '2026-11-20T10:00Z', '2026-11-22'),
  };

  const deliverable = async (title: string, createdAt: string, versions: number, taskId: string | null = null) => {
    let id: string | undefined;
    for (let v = 1; v <= versions; v++) id = (await work.submitDeliverable({ deliverableId: id, contentType: 'blog_post', title, author: 'copywriter', content: `v${v}`, taskId }))!.deliverableId;
    await exec(sql`update deliverables set created_at = ${at(createdAt)} where id = ${id!}`);
    return id!;
  };
  const review = async (deliverableId: string, version: number, state: string, createdAt: string, decidedAt: string | null) => {
    const row = await work.requestApproval({ deliverableId, version, summary: 's', requestedBy: 'content_manager', autonomyLevel: 'L3' });
    await exec(sql`update approval_requests set state = ${state}, created_at = ${at(createdAt)}, decided_at = ${decidedAt}::timestamptz where id = ${row.id}`);
  };

  // A: its task created 11-02 00:00, approved at first try 11-02 10:00 → 10 h, 0 revisions.
  const taskA = await work.createTask({ title: 'Write A', assignee: 'copywriter', requester: 'content_manager' });
  await exec(sql`update tasks set created_at = ${at('2026-11-02T00:00Z')} where id = ${taskA.id}`);
  const a = await deliverable('A', '2026-11-02T06:00Z', 1, taskA.id);
  await review(a, 1, 'approved', '2026-11-02T07:00Z', '2026-11-02T10:00Z');
  // B: no task; changes requested on v1, v2 approved 24 h after it was created → 24 h, 1 revision.
  const b = await deliverable('B', '2026-11-05T00:00Z', 2);
  await review(b, 1, 'changes_requested', '2026-11-05T01:00Z', '2026-11-05T05:00Z');
  await review(b, 2, 'approved', '2026-11-05T07:00Z', '2026-11-06T00:00Z');
  // C: v1's request superseded, v3 approved → 6 h, 2 revisions.
  const c = await deliverable('C', '2026-11-10T00:00Z', 3);
  await review(c, 1, 'expired', '2026-11-10T01:00Z', null);
  await review(c, 3, 'approved', '2026-11-10T04:00Z', '2026-11-10T06:00Z');
  // D: approved in October: outside the month.
  const d = await deliverable('D', '2026-10-20T00:00Z', 1);
  await review(d, 1, 'approved', '2026-10-20T01:00Z', '2026-10-21T00:00Z');
  // E: human-led (L1): the escalation carrying v1 was resolved as approved → 12 h, first time, 0 revisions.
  const e = await deliverable('E', '2026-11-20T00:00Z', 1);
  const l1 = await work.escalate({ level: 'human', category: 'approval', fromAgent: 'content_manager', toTarget: 'human', issue: 'Approve E' });
  await exec(sql`update escalations set deliverable_id = ${e}, version = 1, state = 'resolved', outcome = 'approved', created_at = ${at('2026-11-20T01:00Z')}, resolved_at = ${at('2026-11-20T12:00Z')} where id = ${l1.id}`);
  // F: still pending.
  const f = await deliverable('F', '2026-11-25T00:00Z', 1);
  await review(f, 1, 'pending', '2026-11-25T01:00Z', null);

  // Escalations: opened in November 2 (E's and an open one); resolved in November 2 (E's and one opened in October).
  const open = await work.escalate({ level: 'manager', category: 'resources', fromAgent: 'designer', toTarget: 'content_manager', issue: 'Need fonts' });
  await exec(sql`update escalations set created_at = ${at('2026-11-15T00:00Z')} where id = ${open.id}`);
  const october = await work.escalate({ level: 'vp', category: 'budget', fromAgent: 'campaign_manager', toTarget: 'vp_marketing', issue: 'Budget' });
  await exec(sql`update escalations set state = 'resolved', created_at = ${at('2026-10-30T00:00Z')}, resolved_at = ${at('2026-11-03T00:00Z')} where id = ${october.id}`);

  // Workflow runs: content creation (11-02, with a turn's spend; 11-15, without), campaign launch (10-31, spend in November).
  const run = async (kind: string, startedAt: string, deliveryIds: string[]) => {
    const id = newId('wf');
    await exec(sql`insert into workflow_runs (id, kind, conversation_id, channel_id, thread_ts, coordinator, brief, status, started_at)
      values (${id}, ${kind}, ${newId('conv')}, 'C0CONTENT', ${id}, 'content_manager', '{}'::jsonb, 'done', ${at(startedAt)})`);
    for (const [i, deliveryId] of deliveryIds.entries())
      await exec(sql`insert into workflow_steps (run_id, key, step, agent_id, delivery_id, started_at) values (${id}, ${`s${i}`}, 'draft', 'copywriter', ${deliveryId}, ${at(startedAt)})`);
  };
  await run('content_creation', '2026-11-02T00:00Z', ['dlv_content1', 'dlv_content2']);
  await run('content_creation', '2026-11-15T00:00Z', []);
  await run('campaign_launch', '2026-10-31T00:00Z', ['dlv_campaign1']);

  // Model calls: copywriter 1.50 (content run) + 0.25 (no run), content manager 0.75 (campaign run), copywriter 5.00 in October.
  const call = (agentId: string, deliveryId: string | null, costUsd: number, createdAt: string) =>
    exec(sql`insert into llm_calls (id, agent_id, delivery_id, model, input_tokens, output_tokens, cost_usd, latency_ms, created_at)
      values (${newId('llm')}, ${agentId}, ${deliveryId}, 'claude-sonnet', 100, 50, ${costUsd}, 10, ${at(createdAt)})`);
  await call('copywriter', 'dlv_content1', 1.0, '2026-11-02T01:00Z');
  await call('copywriter', 'dlv_content2', 0.5, '2026-11-02T02:00Z');
  await call('copywriter', null, 0.25, '2026-11-12T00:00Z');
  await call('content_manager', 'dlv_campaign1', 0.75, '2026-11-01T03:00Z');
  await call('copywriter', 'dlv_content1', 5.0, '2026-10-31T23:59Z');

  return { tasks };
}
