import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDepartment } from '../../../src/department/load.js';
import type { Department } from '../../../src/department/schema.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { runtimeHarness } from '../../support/runtime-harness.js';
import { post, toolUse, type ScriptedModel } from '../../support/scripted-model.js';
import { SlackPostError } from '../../../src/slack/post-error.js';
import type { AutonomyLevel } from '../../../src/department/autonomy-schema.js';

/** Agents record tasks and decisions through tools, within what manifests/department.yml allows them. */
let t: TestDatabase;
let department: Department;
let harness: ReturnType<typeof runtimeHarness>;
let work: WorkStore;
beforeAll(async () => {
  t = await createTestDatabase();
  department = loadDepartment('manifests', 'prompts');
  harness = runtimeHarness(t, department);
  work = new WorkStore(t.store.db);
});
afterAll(async () => {
  await t?.drop();
});

const toolResult = (model: ScriptedModel) => JSON.stringify(model.requests[1]?.messages.at(-1) ?? null);

describe('work tools', () => {
  it('a manager records a decision within its authority; its actions become tasks for its reports, in the turn\'s record', async () => {
    const { runtime, model, poster } = harness.setup(() => [
      toolUse('record_decision', {
        type: 'blog_post_topics',
        context: 'Q1 editorial plan',
        decision: 'Lead with the AI cost study',
        reasoning: 'Strongest search demand',
        actions: [{ assigned_to: 'copywriter', action: 'Draft the AI cost post', due_date: '2026-12-10' }],
      }),
      toolUse('create_task', { title: 'Review Q1 calendar', assignee: 'content_manager' }),
      ...post('Decided: we lead with the AI cost study.'),
    ]);
    const r = await harness.ask(['content_manager'], 'What do we write first?');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(toolResult(model as ScriptedModel)).toBe('null'); // nothing refused: one call
    const [decision] = await work.searchDecisions('AI cost study');
    expect(decision).toMatchObject({ maker: 'content_manager', type: 'blog_post_topics', conversationId: r.conversationId });
    const copyTasks = await work.openTasks('copywriter');
    expect(copyTasks.find((x) => x.title === 'Draft the AI cost post')).toMatchObject({ decisionId: decision!.id, requester: 'content_manager', dueDate: '2026-12-10' });
    expect((await work.openTasks('content_manager')).map((x) => x.title)).toContain('Review Q1 calendar');
    // Posted to the decisions channel as it is recorded, by the agent that made it.
    expect(poster.cards).toMatchObject([{ kind: 'decision', refId: decision!.id, agentId: 'content_manager', channel: '#dept-decisions', threadTs: null }]);
  });

  it('refuses a decision the authority matrix says the agent must escalate, or only advises on, and an unknown kind', async () => {
    for (const [agent, type, says] of [
      ['content_manager', 'legal_compliance', 'must be escalated'],
      ['copywriter', 'blog_post_topics', 'may only consult blog_post_topics decisions; the manager decides'],
      ['content_manager', 'office_party', 'not a decision type'],
    ] as const) {
      const context = `refused-${agent}-${type}`;
      const { runtime, model } = harness.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('record_decision', { type, context, decision: 'd' })] : 'end'));
      const r = await harness.ask([agent], `Decide ${type}`);
      await runtime.handleDelivery(r.deliveryIds[0]!);
      expect(toolResult(model as ScriptedModel)).toContain(says);
      expect(await work.searchDecisions(context)).toEqual([]);
    }
  });

  it('refuses tasks outside the agent\'s reporting lines', async () => {
    const { runtime, model } = harness.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('create_task', { title: 'Approve budget', assignee: 'cmo' })] : 'end'));
    const r = await harness.ask(['copywriter'], 'Get the budget approved');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(toolResult(model as ScriptedModel)).toContain('only for yourself or your reports');
    expect((await work.openTasks('cmo')).map((x) => x.title)).not.toContain('Approve budget');
  });

  /** The department with blog posts at another autonomy level: only the file changes. */
  const atLevel = (level: AutonomyLevel): Department => ({
    ...department,
    file: { ...department.file, autonomy: { ...department.file.autonomy, content: { ...department.file.autonomy.content, blog_post: { level, specialist: 'execute', manager: 'approve' } } } },
  });
  const draft = { content_type: 'blog_post', title: 'AI costs', content: '## Why it matters\nBody.' };

  it('the level in the department file decides what a submitted draft does: L4 FYI, L3 approval card, L2 input card, L1 escalation', async () => {
    const seen: Record<string, { posts: string[]; cards: string[]; approvals: string[]; escalations: string[] }> = {};
    for (const level of ['L4', 'L3', 'L2', 'L1'] as const) {
      const h = runtimeHarness(t, atLevel(level));
      const { runtime, poster } = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', draft)] : 'end'));
      const r = await h.ask(['copywriter'], `Blog post at ${level}`);
      await runtime.handleDelivery(r.deliveryIds[0]!);
      const records = await work.threadWork(r.conversationId!, 'copywriter');
      const escalations = (await work.openEscalations()).filter((e) => e.conversationId === r.conversationId);
      seen[level] = {
        posts: poster.posts.map((p) => p.text),
        cards: poster.cards.map((c) => `${c.kind} ${c.threadTs ? 'thread' : c.channel}`),
        approvals: (await work.pendingApprovals()).filter((a) => a.conversationId === r.conversationId).map((a) => a.autonomyLevel),
        escalations: escalations.map((e) => `${e.level} ${e.category} v${e.version}`),
      };
      expect(records.deliverables).toMatchObject([{ contentType: 'blog_post', version: 1, author: 'copywriter' }]);
    }
    expect(seen.L4).toEqual({ posts: [expect.stringContaining('FYI: L4')], cards: [], approvals: [], escalations: [] });
    expect(seen.L3).toEqual({ posts: [expect.stringContaining('Waiting for approval (L3)')], cards: ['approval thread', 'approval #dept-approvals'], approvals: ['L3'], escalations: [] });
    expect(seen.L2).toEqual({ posts: [expect.stringContaining("A person's input is needed")], cards: ['approval thread', 'approval #dept-approvals'], approvals: ['L2'], escalations: [] });
    expect(seen.L1).toEqual({ posts: [expect.stringContaining('Human-led (L1)')], cards: ['escalation thread', 'escalation #dept-escalations'], approvals: [], escalations: ['human strategic_decision v1'] });
  });

  it('a revision is a new version with a new card, and the old request expires; only the author revises', async () => {
    const h = runtimeHarness(t, department);
    let { runtime } = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', draft)] : 'end'));
    const r = await h.ask(['copywriter'], 'Blog post');
    await runtime.handleDelivery(r.deliveryIds[0]!);
    const [d] = (await work.threadWork(r.conversationId!, 'copywriter')).deliverables;
    const [first] = (await work.pendingApprovals()).filter((a) => a.deliverableId === d!.id);

    // Someone else may not revise it.
    const other = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', { ...draft, deliverable_id: d!.id, content: 'SEO rewrite' })] : 'end'));
    const asked = await h.replyIn(r.threadTs, ['seo_specialist'], 'seo, revise it');
    await other.runtime.handleDelivery(asked.deliveryIds[0]!);
    expect(toolResult(other.model as ScriptedModel)).toContain("is copywriter's deliverable: only its author revises it");

    const firstCards = (await work.postedCards(first!.id)).map((c) => `${first!.id}@${c.ts}`);
    expect(firstCards).toHaveLength(2);
    let poster;
    ({ runtime, poster } = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', { ...draft, deliverable_id: d!.id, content: 'v2 body' })] : 'end')));
    const again = await h.replyIn(r.threadTs, ['copywriter'], 'copywriter, shorter please');
    await runtime.handleDelivery(again.deliveryIds[0]!);
    expect((await work.deliverableVersion(d!.id, 2))?.content).toBe('v2 body');
    expect((await work.deliverableVersion(d!.id, 1))?.content).toBe(draft.content);
    const requests = await Promise.all([first!.id].map(async (id) => (await work.approvalWithDraft(id))!.request));
    expect(requests[0]).toMatchObject({ state: 'expired', comment: 'superseded by v2' });
    expect((await work.pendingApprovals()).filter((a) => a.deliverableId === d!.id).map((a) => a.version)).toEqual([2]);
    expect(poster.refreshed.sort()).toEqual(firstCards.sort()); // the v1 cards lose their buttons
  });

  it('a revision of human-led (L1) work withdraws the open escalation about the earlier version and retires its cards', async () => {
    const h = runtimeHarness(t, atLevel('L1'));
    const first = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', draft)] : 'end'));
    const r = await h.ask(['copywriter'], 'Blog post, human-led');
    await first.runtime.handleDelivery(r.deliveryIds[0]!);
    const [d] = (await work.threadWork(r.conversationId, 'copywriter')).deliverables;
    const old = (await work.openEscalations()).find((e) => e.deliverableId === d!.id)!;
    const second = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', { ...draft, deliverable_id: d!.id, content: 'v2 body' })] : 'end'));
    await second.runtime.handleDelivery((await h.replyIn(r.threadTs, ['copywriter'], 'copywriter, tighten it')).deliveryIds[0]!);
    expect(await work.escalation(old.id)).toMatchObject({ state: 'withdrawn', resolution: 'superseded by v2' });
    expect((await work.openEscalations()).filter((e) => e.deliverableId === d!.id).map((e) => e.version)).toEqual([2]);
    expect(second.poster.refreshed).toHaveLength(2);
    expect(second.poster.refreshed.every((x) => x.startsWith(`${old.id}@`))).toBe(true);
  });

  it('an agent cannot approve its own deliverable; a reviewer the policy names records its review as a decision', async () => {
    const h = runtimeHarness(t, department);
    const a = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', draft)] : 'end'));
    const r = await h.ask(['copywriter'], 'Blog post to review');
    await a.runtime.handleDelivery(r.deliveryIds[0]!);
    const [d] = (await work.threadWork(r.conversationId, 'copywriter')).deliverables;
    const review = async (agent: string, verdict: string) => {
      const x = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('review_deliverable', { deliverable_id: d!.id, verdict, comment: `note-from-${agent}` })] : 'end'));
      await x.runtime.handleDelivery((await h.replyIn(r.threadTs, [agent], `${agent}, review it`)).deliveryIds[0]!);
      return { said: toolResult(x.model as ScriptedModel), cards: x.poster.cards };
    };
    expect((await review('copywriter', 'approve')).said).toContain('cannot approve or review your own deliverable');
    expect((await review('seo_specialist', 'approve')).said).toContain("Your rank's part in blog_post is to execute, not to approve it");
    const manager = await review('content_manager', 'approve');
    expect(manager.said).toBe('null'); // accepted in one call
    expect(manager.cards.map((c) => c.kind)).toEqual(['decision']);
    const [recorded] = await work.searchDecisions('note-from-content_manager');
    expect(recorded).toMatchObject({ maker: 'content_manager', type: 'content_review', decision: 'Approved v1 (review)', approvalChain: ['copywriter', 'content_manager'] });
    expect(await work.searchDecisions('note-from-copywriter')).toEqual([]);
    // A person's approval is still pending: the review did not decide it.
    expect((await work.pendingApprovals()).filter((x) => x.deliverableId === d!.id)).toHaveLength(1);
  });

  it('moves only tasks the agent owns, asked for, or manages, and hands them only down its reporting line', async () => {
    const task = await work.createTask({ title: 'Draft the launch post', assignee: 'copywriter', requester: 'content_manager', conversationId: null });
    const h = runtimeHarness(t, department);
    const tryMove = async (agent: string, input: Record<string, unknown>) => {
      const { runtime, model } = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('update_task', { task_id: task.id, ...input })] : 'end'));
      const r = await h.ask([agent], 'Move the task');
      await runtime.handleDelivery(r.deliveryIds[0]!);
      return toolResult(model as ScriptedModel);
    };
    expect(await tryMove('seo_specialist', { status: 'done' })).toContain('There is no task'); // not in its thread nor its own
    expect(await tryMove('copywriter', { assignee: 'cmo' })).toContain('only to yourself or your reports');
    expect(await tryMove('copywriter', { status: 'in_progress', due_date: '2026-12-20' })).toBe('null'); // its own: done in one call
    expect((await work.openTasks('copywriter')).find((x) => x.id === task.id)).toMatchObject({ status: 'in_progress', dueDate: '2026-12-20', updatedBy: 'copywriter' });
  });

  it('escalates up the path: to the manager in the thread (addressed to it), to a person with a card from the top', async () => {
    const h = runtimeHarness(t, department);
    const esc = { category: 'brand_voice', issue: 'The client wants slang in the headline', attempts_made: 'Offered two alternatives', urgency: 'high', recommendation: 'Keep the house voice', impact: 'Brand consistency' };
    const a = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('escalate', esc)] : 'end'));
    const r = await h.ask(['copywriter'], 'Use slang?');
    await a.runtime.handleDelivery(r.deliveryIds[0]!);
    expect(a.poster.posts).toHaveLength(1);
    expect(a.poster.posts[0]).toMatchObject({ mentions: ['content_manager'], protocol: { type: 'escalation' } });
    expect(a.poster.posts[0]!.text).toMatch(/^\*ESCALATION:\* manager brand voice\n\*FROM:\* Copywriter\n\*TO:\* Content Manager\n\*ISSUE:\* The client wants slang/);
    expect(a.poster.cards).toEqual([]);
    expect(a.bus.drain()).toHaveLength(1); // the Content Manager is asked

    const b = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('escalate', { ...esc, category: 'budget' })] : 'end'));
    const r2 = await h.ask(['cmo'], 'Over budget');
    await b.runtime.handleDelivery(r2.deliveryIds[0]!);
    expect(toolResult(b.model as ScriptedModel)).toBe('null');
    expect(b.poster.cards.map((c) => `${c.kind} ${c.threadTs ? 'thread' : c.channel}`)).toEqual(['escalation thread', 'escalation #dept-escalations']);
    expect((await work.openEscalations()).find((e) => e.conversationId === r2.conversationId)).toMatchObject({ level: 'human', toTarget: 'human', fromAgent: 'cmo', category: 'budget' });
  });

  it('a card Slack rate-limits is posted once on the next attempt; the messages before it are not posted again', async () => {
    const h = runtimeHarness(t, department);
    const { runtime, poster, model } = h.setup(() => [toolUse('submit_deliverable', draft)]);
    poster.failCards = { error: new SlackPostError('ratelimited', 'rate limited', 'C0CONTENT'), times: 1 };
    const r = await h.ask(['copywriter'], 'Blog post');
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow();
    expect(poster.posts).toHaveLength(1);
    expect(poster.cards).toHaveLength(0);
    await runtime.handleDelivery(r.deliveryIds[0]!); // the bus's retry
    expect(poster.posts).toHaveLength(1);
    expect(poster.cards.map((c) => c.threadTs ? 'thread' : c.channel)).toEqual(['thread', '#dept-approvals']);
    expect((model as ScriptedModel).requests).toHaveLength(1);
    expect(poster.notices).toEqual([]);
  });

  it('a worker that loses the database between posting a card and recording it does not post it again: the re-run finds it in Slack', async () => {
    const h = runtimeHarness(t, department);
    const flaky = new WorkStore(t.store.db);
    let blips = 1;
    const record = flaky.cardPosted.bind(flaky);
    flaky.cardPosted = async (id, where) => {
      if (blips-- > 0) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      return record(id, where);
    };
    const { runtime, poster } = h.setup(() => [toolUse('submit_deliverable', draft)], { work: flaky });
    const r = await h.ask(['copywriter'], 'Blog post');
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow(/Connection terminated/);
    expect(poster.cards).toHaveLength(1); // in Slack, not recorded
    await runtime.handleDelivery(r.deliveryIds[0]!); // the bus's retry
    expect(poster.lookups).toEqual([poster.cards[0]!.cardId]);
    expect(poster.cards.map((c) => (c.threadTs ? 'thread' : c.channel))).toEqual(['thread', '#dept-approvals']);
    expect(poster.posts).toHaveLength(1);
  });

  it('a turn that only recorded a decision is finished on its re-run without asking the model again', async () => {
    const h = runtimeHarness(t, department);
    const { runtime, poster, model } = h.setup(() => [toolUse('record_decision', { type: 'content_calendar', context: 'rerun-calendar', decision: 'Two posts a week' })]);
    poster.failCards = { error: new SlackPostError('ratelimited', 'rate limited', '#dept-decisions'), times: 1 };
    const r = await h.ask(['content_manager'], 'Set the calendar');
    await expect(runtime.handleDelivery(r.deliveryIds[0]!)).rejects.toThrow();
    await runtime.handleDelivery(r.deliveryIds[0]!); // the bus's retry
    expect((model as ScriptedModel).requests).toHaveLength(1);
    expect(await work.searchDecisions('rerun-calendar')).toHaveLength(1);
    expect(poster.cards.map((c) => c.kind)).toEqual(['decision']);
  });

  it('a card Slack refuses for good is reported in the thread; the other card still goes out', async () => {
    const h = runtimeHarness(t, department);
    const { runtime, poster } = h.setup((_turn, req) => (req.messages.length === 1 ? [toolUse('submit_deliverable', draft)] : 'end'));
    const r = await h.ask(['copywriter'], 'Blog post');
    // The thread's card goes out; the channel's is refused (no such channel).
    const postCard = poster.postCard.bind(poster);
    poster.postCard = async (card) => {
      if (!card.threadTs) throw new SlackPostError('channel_not_found', 'Slack has no channel #dept-approvals that @Marketing Dept can see: create it.', '#dept-approvals');
      return postCard(card);
    };
    await runtime.handleDelivery(r.deliveryIds[0]!);
    expect(poster.cards.map((c) => (c.threadTs ? 'thread' : c.channel))).toEqual(['thread']);
    expect(poster.notices.map((n) => n.text)).toEqual([expect.stringContaining("Copywriter's approval card could not be posted in #dept-approvals: Slack has no channel #dept-approvals")]);
  });
});
