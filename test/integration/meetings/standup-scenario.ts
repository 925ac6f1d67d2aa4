import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/store/database.js';
import { newId } from '../../../src/store/ids.js';
import { WorkStore } from '../../../src/store/work-store.js';

/** The standup window of the scenario: a day, from 09:00 to 09:00 UTC. */
export const SINCE = new Date('2026-11-28T09:00:00Z');
export const UNTIL = new Date('2026-11-29T09:00:00Z');

/**
 * A day of the department's work, with every timestamp set by hand: what falls inside the window,
 * what just before or after it, and for whom. Returns the ids the sheets should (or must not) cite.
 */
export async function seedStandupDay(db: Db) {
  const work = new WorkStore(db);
  const at = (iso: string) => sql`${iso}::timestamptz`;
  const set = (table: string, id: string, assignments: ReturnType<typeof sql>) => db.execute(sql`update ${sql.raw(table)} set ${assignments} where id = ${id}`);

  const convA = newId('conv');
  const convB = newId('conv');
  for (const [id, ts] of [
    [convA, '1.1'],
    [convB, '2.2'],
  ] as const)
    await db.execute(sql`insert into conversations (id, channel_id, thread_ts) values (${id}, 'C0CONTENT', ${ts})`);

  // Copywriter's tasks.
  const keywordBrief = await work.createTask({ title: 'Keyword brief', assignee: 'copywriter', requester: 'content_manager', conversationId: convA });
  await set('tasks', keywordBrief.id, sql`status = 'done', created_at = ${at('2026-11-27T09:00Z')}, updated_at = ${at('2026-11-28T15:00Z')}`);
  const oldTask = await work.createTask({ title: 'Old tagline', assignee: 'copywriter', requester: 'content_manager' });
  await set('tasks', oldTask.id, sql`status = 'done', created_at = ${at('2026-11-20T09:00Z')}, updated_at = ${at('2026-11-27T10:00Z')}`);
  const draftPost = await work.createTask({ title: 'Draft AI costs post', assignee: 'copywriter', requester: 'content_manager', dueDate: '2026-12-05', conversationId: convA });
  await set('tasks', draftPost.id, sql`status = 'in_progress', created_at = ${at('2026-11-26T09:00Z')}`);
  const caseStudy = await work.createTask({ title: 'Case study', assignee: 'copywriter', requester: 'content_manager', dueDate: '2026-11-25' });
  await set('tasks', caseStudy.id, sql`created_at = ${at('2026-11-20T09:00Z')}`);
  const heroCopy = await work.createTask({ title: 'Hero copy', assignee: 'copywriter', requester: 'designer' });
  await set('tasks', heroCopy.id, sql`status = 'blocked', created_at = ${at('2026-11-27T09:00Z')}`);
  const tomorrow = await work.createTask({ title: 'Created after the window', assignee: 'copywriter', requester: 'content_manager' });
  await set('tasks', tomorrow.id, sql`created_at = ${at('2026-11-29T10:00Z')}`);

  // The blog post: v1 before the window with changes requested, v2 in it and approved, then published.
  const post = (await work.submitDeliverable({ contentType: 'blog_post', title: 'AI costs for small businesses', author: 'copywriter', content: 'v1', conversationId: convA, taskId: draftPost.id }))!;
  await work.submitDeliverable({ deliverableId: post.deliverableId, contentType: 'blog_post', title: 'AI costs for small businesses', author: 'copywriter', content: 'v2' });
  await db.execute(sql`update deliverables set created_at = ${at('2026-11-27T12:00Z')} where id = ${post.deliverableId}`);
  await db.execute(sql`update deliverable_versions set created_at = case version when 1 then ${at('2026-11-27T12:00Z')} else ${at('2026-11-28T12:00Z')} end where deliverable_id = ${post.deliverableId}`);
  const postV1Review = await work.requestApproval({ deliverableId: post.deliverableId, version: 1, summary: 'Publish v1', requestedBy: 'content_manager', autonomyLevel: 'L3', conversationId: convA });
  await set('approval_requests', postV1Review.id, sql`state = 'changes_requested', comment = 'Stronger CTA', created_at = ${at('2026-11-27T13:00Z')}, decided_at = ${at('2026-11-27T18:00Z')}, decided_by = 'U0ALEX'`);
  const postV2Review = await work.requestApproval({ deliverableId: post.deliverableId, version: 2, summary: 'Publish v2', requestedBy: 'content_manager', autonomyLevel: 'L3', conversationId: convA });
  await set('approval_requests', postV2Review.id, sql`state = 'approved', created_at = ${at('2026-11-28T12:30Z')}, decided_at = ${at('2026-11-28T16:00Z')}, decided_by = 'U0ALEX'`);
  const publication = newId('pub');
  await db.execute(sql`insert into publications (id, deliverable_id, version, title, content_type, content, author, approved_by, conversation_id, published_at)
    values (${publication}, ${post.deliverableId}, 2, 'AI costs for small businesses', 'blog_post', 'v2', 'copywriter', 'U0ALEX', ${convA}, ${at('2026-11-28T17:00Z')})`);

  // The newsletter intro: changes requested in the window, not yet revised.
  const intro = (await work.submitDeliverable({ contentType: 'email', title: 'Newsletter intro', author: 'copywriter', content: 'v1', conversationId: convB }))!;
  await db.execute(sql`update deliverable_versions set created_at = ${at('2026-11-28T10:00Z')} where deliverable_id = ${intro.deliverableId}`);
  const introReview = await work.requestApproval({ deliverableId: intro.deliverableId, version: 1, summary: 'Send it', requestedBy: 'content_manager', autonomyLevel: 'L3', conversationId: convB });
  await set('approval_requests', introReview.id, sql`state = 'changes_requested', comment = 'Shorter, please', created_at = ${at('2026-11-28T10:30Z')}, decided_at = ${at('2026-11-28T14:00Z')}, decided_by = 'U0ALEX'`);

  // The LinkedIn teaser: waiting for a person.
  const teaser = (await work.submitDeliverable({ contentType: 'social_post', title: 'LinkedIn teaser', author: 'copywriter', content: 'v1' }))!;
  await db.execute(sql`update deliverable_versions set created_at = ${at('2026-11-28T11:00Z')} where deliverable_id = ${teaser.deliverableId}`);
  const teaserReview = await work.requestApproval({ deliverableId: teaser.deliverableId, version: 1, summary: 'Post it', requestedBy: 'copywriter', autonomyLevel: 'L2' });
  await set('approval_requests', teaserReview.id, sql`created_at = ${at('2026-11-28T11:05Z')}`);

  // Escalations: the copywriter's, still open and waiting on the content manager; the SEO specialist's, resolved in the window.
  const blockedOnBudget = await work.escalate({ level: 'manager', category: 'resources', fromAgent: 'copywriter', toTarget: 'content_manager', issue: 'Need a stock photo budget', conversationId: convB });
  await set('escalations', blockedOnBudget.id, sql`created_at = ${at('2026-11-28T13:00Z')}`);
  const seoEscalation = await work.escalate({ level: 'manager', category: 'priority', fromAgent: 'seo_specialist', toTarget: 'content_manager', issue: 'Which keyword set first?' });
  await set('escalations', seoEscalation.id, sql`state = 'resolved', resolution = 'Start with pricing terms', resolved_by = 'content_manager', created_at = ${at('2026-11-27T09:00Z')}, resolved_at = ${at('2026-11-28T12:00Z')}`);

  // The content manager's decisions: one in the window (its action becomes the SEO specialist's task), one before.
  const { decision, tasks: made } = await work.recordDecision({
    maker: 'content_manager',
    type: 'content_priority',
    context: 'Two posts compete for this week',
    decision: 'Publish the AI costs post first',
    actions: [{ assigned_to: 'seo_specialist', action: 'Optimise the AI costs post', due_date: '2026-12-01' }],
    conversationId: convA,
  });
  await set('decisions', decision.id, sql`created_at = ${at('2026-11-28T10:30Z')}`);
  await set('tasks', made[0]!.id, sql`created_at = ${at('2026-11-28T10:30Z')}`);
  const oldDecision = (await work.recordDecision({ maker: 'content_manager', type: 'tone', context: 'c', decision: 'Friendlier tone' })).decision;
  await set('decisions', oldDecision.id, sql`created_at = ${at('2026-11-26T10:00Z')}`);

  // A content workflow: the copywriter's draft step finished before the window, the content manager's review in it, its second review failed.
  const run = newId('wf');
  await db.execute(sql`insert into workflow_runs (id, kind, conversation_id, channel_id, thread_ts, coordinator, brief, status, started_at)
    values (${run}, 'content_creation', ${convA}, 'C0CONTENT', '1.1', 'content_manager', ${JSON.stringify({ topic: 'AI costs for small businesses' })}::jsonb, 'waiting', ${at('2026-11-27T11:00Z')})`);
  for (const [key, step, agent, finishedAt, outcome] of [
    ['draft#1', 'draft', 'copywriter', '2026-11-27T12:00Z', 'done'],
    ['review#1', 'review', 'content_manager', '2026-11-28T12:20Z', 'done'],
    ['review#2', 'review', 'content_manager', '2026-11-28T12:40Z', 'failed'],
  ] as const)
    await db.execute(sql`insert into workflow_steps (run_id, key, step, agent_id, started_at, finished_at, outcome)
      values (${run}, ${key}, ${step}, ${agent}, ${at('2026-11-27T11:00Z')}, ${at(finishedAt)}, ${outcome})`);

  // The copywriter's messages: three in two threads in the window, one before it, one deleted.
  const messages: [string, string, string | null][] = [
    [convA, '2026-11-28T09:30Z', null],
    [convA, '2026-11-28T12:05Z', null],
    [convB, '2026-11-28T14:10Z', null],
    [convB, '2026-11-28T08:59Z', null],
    [convB, '2026-11-28T15:00Z', '2026-11-28T15:01Z'],
  ];
  for (const [conv, createdAt, deletedAt] of messages)
    await db.execute(sql`insert into messages (id, conversation_id, channel_id, author_kind, author_id, type, text, created_at, deleted_at)
      values (${newId('msg')}, ${conv}, 'C0CONTENT', 'agent', 'copywriter', 'update', 'hi', ${createdAt}::timestamptz, ${deletedAt}::timestamptz)`);

  return {
    convA,
    convB,
    tasks: { keywordBrief, oldTask, draftPost, caseStudy, heroCopy, tomorrow, seoTask: made[0]! },
    post: post.deliverableId,
    intro: intro.deliverableId,
    teaser: teaser.deliverableId,
    reviews: { postV1Review, postV2Review, introReview, teaserReview },
    publication,
    run,
    escalations: { blockedOnBudget, seoEscalation },
    decisions: { decision, oldDecision },
  };
}
