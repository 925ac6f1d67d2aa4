import type { HumanDecisionInput } from '../../../src/store/human-decision-statements.js';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../../src/store/database.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
let work: WorkStore;
beforeAll(async () => {
  t = await createTestDatabase();
  work = new WorkStore(t.store.db);
});
afterAll(async () => {
  await t?.drop();
});

describe('work records', () => {
  it('creates tasks and moves them; lists open ones by owner, earliest due first', async () => {
    const later = await work.createTask({ title: 'Draft blog post', assignee: 'copywriter', requester: 'content_manager', dueDate: '2026-12-10' });
    const sooner = await work.createTask({ title: 'Keyword brief', assignee: 'copywriter', requester: 'content_manager', dueDate: '2026-12-03' });
    await work.createTask({ title: 'Hero image', assignee: 'designer', requester: 'content_manager' });
    expect(later).toMatchObject({ status: 'todo', dependencies: [], updatedBy: 'content_manager' });
    expect((await work.openTasks('copywriter')).map((x) => x.title)).toEqual(['Keyword brief', 'Draft blog post']);
    const moved = await work.moveTask(sooner.id, { status: 'done' }, 'human:U0ALEX');
    expect(moved).toMatchObject({ status: 'done', updatedBy: 'human:U0ALEX' });
    expect((await work.openTasks('copywriter')).map((x) => x.title)).toEqual(['Draft blog post']);
    expect(await work.moveTask('task_missing', { status: 'done' }, 'cmo')).toBeNull();
  });

  it('keeps every version of a deliverable, numbering revisions in order even when submitted at once', async () => {
    const first = await work.submitDeliverable({ contentType: 'blog_post', title: 'AI cuts costs', author: 'copywriter', content: 'v1 text', rehearsal: true });
    expect(first).toMatchObject({ version: 1 });
    const revisions = await Promise.all(
      ['v2', 'v3', 'v4'].map((c) => work.submitDeliverable({ deliverableId: first!.deliverableId, contentType: 'blog_post', title: 'AI cuts costs', author: 'copywriter', content: c })),
    );
    expect(revisions.map((r) => r!.version).sort()).toEqual([2, 3, 4]);
    expect(await work.deliverableVersion(first!.deliverableId, 1)).toMatchObject({ content: 'v1 text', rehearsal: true });
    expect((await work.deliverableVersion(first!.deliverableId, 4))?.content).toMatch(/^v[234]$/);
  });

  it('decides an approval request once: a double click or a second approver learns who decided', async () => {
    const d = await work.submitDeliverable({ contentType: 'blog_post', title: 'Launch post', author: 'copywriter', content: 'draft' });
    const request = await work.requestApproval({ deliverableId: d!.deliverableId, version: d!.version, summary: 'Publish the launch post', requestedBy: 'content_manager', autonomyLevel: 'L3', urgency: 'high' });
    expect(request.state).toBe('pending');
    expect((await work.pendingApprovals()).map((r) => r.id)).toContain(request.id);
    // Two approvers on two connections, at the same moment.
    const second = await openDatabase({ url: t.url, dataDir: '', poolSize: 2 });
    onTestFinished(() => second.close());
    const results = await Promise.all([
      work.decideApproval(decision(request.id, 'approved', 'U0ALEX')),
      new WorkStore(second.db).decideApproval(decision(request.id, 'rejected', 'U0PAT', 'Off brand')),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok)!;
    const winner = results.find((r) => r.ok)!;
    expect(loser).toMatchObject({ reason: 'already_decided', record: { state: winner.ok ? winner.record.state : '', decidedBy: winner.ok ? winner.record.decidedBy : '' } });
    expect(await work.decideApproval(decision(request.id, 'approved', 'U0ALEX'))).toMatchObject({ ok: false, reason: 'already_decided' });
    expect(await work.decideApproval(decision('apr_missing', 'approved', 'U0ALEX'))).toEqual({ ok: false, reason: 'not_found' });
    // Exactly one decision was recorded, by the winner.
    const recorded = await work.searchDecisions('Launch');
    expect(recorded.map((r) => r.maker)).toEqual([`human:${winner.ok ? winner.record.decidedBy : ''}`]);
    expect((await work.pendingApprovals()).map((r) => r.id)).not.toContain(request.id);
  });

  it('records a decision with a task for each action, and finds it by its words', async () => {
    const { decision, tasks } = await work.recordDecision({
      maker: 'vp_marketing',
      type: 'campaign_approval',
      context: 'Q4 email nurture sequence review',
      decision: 'Approved with minor revisions',
      reasoning: 'Strong copy, good segmentation. Suggest A/B test subject lines.',
      actions: [{ assigned_to: 'email_specialist', action: 'Create 2 subject line variants for A/B test', due_date: '2026-12-05' }],
      approvalChain: ['campaign_manager', 'vp_marketing'],
    });
    expect(decision).toMatchObject({ escalated: false, approvalChain: ['campaign_manager', 'vp_marketing'] });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assignee: 'email_specialist', requester: 'vp_marketing', decisionId: decision.id, dueDate: '2026-12-05' });
    expect((await work.searchDecisions('nurture subject')).map((x) => x.id)).toEqual([decision.id]);
    expect(await work.searchDecisions('nurture crisis')).toEqual([]);
    expect(await work.searchDecisions('100%_')).toEqual([]); // LIKE wildcards are taken literally
  });

  it('keeps an escalation open until it is resolved, once', async () => {
    const e = await work.escalate({
      level: 'human',
      category: 'legal',
      fromAgent: 'director_communications',
      toTarget: 'human',
      issue: 'A competitor claims our ad is misleading',
      attemptsMade: 'Checked the claims with Analytics',
      urgency: 'critical',
      recommendation: 'Pause the ad while legal reviews',
      impact: 'Possible takedown notice',
    });
    expect((await work.openEscalations()).map((x) => x.id)).toContain(e.id);
    expect(await work.resolveEscalation(decision(e.id, 'instructed', 'U0ALEX', 'Pause it'))).toMatchObject({ ok: true, record: { state: 'resolved', outcome: 'instructed', resolvedBy: 'U0ALEX' } });
    expect(await work.resolveEscalation(decision(e.id, 'approved', 'U0PAT', 'Keep it'))).toMatchObject({ ok: false, reason: 'already_decided', record: { resolution: 'Pause it' } });
    expect((await work.openEscalations()).map((x) => x.id)).not.toContain(e.id);
  });
});

/** A person's decision as the desk words it (the words themselves are tested with the desk). */
function decision(id: string, state: string, by: string, comment: string | null = null): HumanDecisionInput {
  return {
    id,
    by,
    state,
    comment,
    record: { type: 'content_approval', context: 'Launch post v1', decision: state, reasoning: comment ?? '', approvalChain: ['copywriter', `human:${by}`] },
    message: { to: 'copywriter', text: `${state} by ${by}` },
  };
}
