import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { ALEX, APP_USER, SAM, cardsHarness } from '../../support/cards-harness.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';

/**
 * The content workflow (seed 5.1, example 1) as a team meets it, offline (rehearsal model), through
 * the real Bolt app, Postgres and the Redis bus, Slack's Web API answered by nock: asked for a blog
 * post, the Content Manager starts the workflow; keyword research, draft, a review with one
 * revision, image brief, brand and SEO checks unfold in the thread under each agent's name; a
 * person approves with the card; the post is published and handed to Social Media and Email.
 */
const h = cardsHarness('workflow');
const { mockSlack, posts, updates, ephemerals, opened, work, cards, json, click, submission, interaction, dept } = h;
const start = () => h.start();

describe('the content workflow, offline', () => {
  it('a blog post asked of the Content Manager unfolds step by step in its thread, waits for the approval card, and is published and handed off', async () => {
    mockSlack();
    await start();
    const ask = appMention(APP_USER, 'content we need a blog post on AI costs for small businesses');
    await sendSigned(h.app!.port(), h.secret, ask);
    const thread = () => posts.filter((p) => p.thread_ts === ask.event.ts);
    await until(() => cards('approval').length === 2, 'the approval cards after the reviews and checks', 30_000);
    const authors = thread().filter((p) => !json(p.metadata).includes('dept_card')).map((p) => p.username);
    // The plan, then each step asked by the Content Manager and done by its agent, in order.
    expect(authors).toEqual([
      'Content Manager', // plan
      'Content Manager', 'SEO Specialist', // keyword research
      'Content Manager', 'Copywriter', // draft v1
      'Copywriter', 'Content Manager', // review: one revision asked
      'Content Manager', 'Copywriter', // draft v2
      'Copywriter', 'Content Manager', // review: approved
      'Content Manager', 'Designer', // image brief
      'Content Manager', 'Director of Communications', // brand voice
      'Content Manager', 'SEO Specialist', // SEO verification
    ]);
    const texts = thread().map((p) => String(p.text));
    expect(texts[0]).toMatch(/Content workflow.*AI costs for small businesses/);
    expect(texts.some((t) => /Primary keyword:/.test(t))).toBe(true);
    expect(texts.some((t) => /Changes in v2:.*Opening paragraph/.test(t))).toBe(true);
    expect(texts.some((t) => /SEO verification.*score 92\/100/.test(t))).toBe(true);
    const [request] = (await work().pendingApprovals()).filter((r) => r.conversationId);
    expect(request).toMatchObject({ version: 2, autonomyLevel: 'L3', requestedBy: 'copywriter' });
    // The status line (the plan message, updated in place) says who holds it now.
    await until(() => updates.some((u) => String(u.text).includes('*Now:* Approval')), 'the status line at the approval');

    const card = cards('approval').find((c) => !c.thread_ts)!;
    await interaction(click(SAM, 'dept_approve', request!.id, card));
    await until(() => ephemerals.length === 1, 'the refusal');
    expect(String(ephemerals[0]!.text)).toContain('You cannot decide this');
    expect((await work().pendingApprovals()).map((r) => r.id)).toContain(request!.id);
    await interaction(click(ALEX, 'dept_approve', request!.id, card));
    await until(() => texts.length < thread().length && thread().some((p) => String(p.text).includes('*Workflow done:* published')), 'the workflow to finish', 30_000);
    const after = thread().map((p) => String(p.text));
    expect(after.some((t) => t.includes("Published to the department's library and announced in #marketing-published"))).toBe(true);
    expect(after.some((t) => /Social Media Manager and Email Specialist: over to you/.test(t))).toBe(true);
    expect(after.find((t) => t.includes('*Workflow done:*'))).toMatch(/took \d+ s, \d+ model calls, \$0\.00/);
    await until(() => updates.some((u) => String(u.text).includes('*Done:* published')), 'the status line to say done');
    // The hand-offs are done at their own level (both L4: an FYI each), outside the workflow.
    await until(() => thread().filter((p) => String(p.text).includes('FYI: L4')).length === 2, 'the promotion post and the newsletter item');
    const tasks = await work().openTasks();
    expect(tasks.map((t) => `${t.assignee}: ${t.title}`)).toEqual(expect.arrayContaining(['social_media_manager: Promotion posts for AI costs for small businesses', 'email_specialist: Newsletter item for AI costs for small businesses']));
  });

  it('a step cut short after its checkpoint (its request failed to post, as when its driver dies mid-step) runs again, and is asked once', { timeout: 90_000 }, async () => {
    // Slack refuses the keyword research request once: the step's node fails after the plan's
    // checkpoint and before its pause, which is where a SIGKILLed driver leaves a run. The run used
    // to wait for nothing from then on (its row recorded no wait): no sweep or wake moved it again.
    let refused = 0;
    nock('http://slack.test')
      .post('/api/chat.postMessage', (body) => JSON.stringify(body).includes('Keyword research'))
      .once()
      .reply(200, () => (refused++, { ok: false, error: 'internal_error' }));
    mockSlack();
    await start();
    const ask = appMention(APP_USER, 'content we need a blog post on churn signals in SaaS');
    await sendSigned(h.app!.port(), h.secret, ask);
    const thread = () => posts.filter((p) => p.thread_ts === ask.event.ts);
    // The sweeper finds the run nobody drives and runs the step again (within its 5 s round).
    await until(() => cards('approval').filter((c) => c.thread_ts === ask.event.ts).length === 1, 'the run to reach its approval after the failed step', 60_000);
    expect(refused).toBe(1);
    const requests = thread().filter((p) => String(p.text).includes('*Keyword research* — content workflow step'));
    expect(requests).toHaveLength(1);
    expect(thread().filter((p) => p.username === 'SEO Specialist')).toHaveLength(2); // keywords and the SEO check, once each
  });

  /** Starts a content workflow with /dept blog and waits for its approval card; the thread's root ts. */
  async function blogAwaitingApproval(topic: string) {
    const before = new Set((await work().pendingApprovals()).map((r) => r.id));
    await dept(`blog ${topic}`);
    await until(async () => (await work().pendingApprovals()).some((r) => !before.has(r.id)), 'the approval card', 30_000);
    const request = (await work().pendingApprovals()).find((r) => !before.has(r.id))!;
    // The request is recorded just before its cards are posted.
    const cardOf = () => cards('approval').find((c) => !c.thread_ts && json(c.blocks).includes(request.id));
    await until(() => cardOf() !== undefined, 'the card in #dept-approvals');
    const root = posts.find((p) => !p.thread_ts && String(p.text).includes(topic))!;
    return { request, card: cardOf()!, root };
  }

  it('started with /dept blog: Request changes at the approval brings a revision and a new card; Reject stops it', async () => {
    mockSlack();
    await start();
    const { request, card, root } = await blogAwaitingApproval('email deliverability for startups');
    expect(String(root.text)).toContain('asked *Content Manager*');
    await interaction(click(ALEX, 'dept_request_changes', request.id, card));
    await until(() => opened.length === 1, 'the changes modal');
    expect((await interaction(submission(ALEX, 'Add a checklist at the end.'))).status).toBe(200);
    // The workflow asks the Copywriter for the revision and sends it straight back to the person.
    await until(async () => (await work().pendingApprovals()).some((r) => r.deliverableId === request.deliverableId && r.version === request.version + 1), 'the revision\'s request', 30_000);
    const revised = (await work().pendingApprovals()).find((r) => r.deliverableId === request.deliverableId)!;
    expect((await work().deliverableVersion(request.deliverableId, revised.version))!.content).toContain('Add a checklist at the end.');
    await until(() => cards('approval').some((c) => !c.thread_ts && json(c.blocks).includes(revised.id)), 'the revision\'s card');
    const newCard = cards('approval').find((c) => !c.thread_ts && json(c.blocks).includes(revised.id))!;
    await interaction(click(ALEX, 'dept_reject', revised.id, newCard));
    const thread = () => posts.filter((p) => p.thread_ts === root.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow stopped:* rejected by')), 'the workflow to stop', 30_000);
    expect(thread().some((p) => String(p.text).includes('Published to'))).toBe(false);
  });

  it('waits for the click across a restart: the next process resumes it from its checkpoint', async () => {
    mockSlack();
    await start();
    const { request, card, root } = await blogAwaitingApproval('pricing page experiments');
    await h.app!.stop();
    await start(); // nothing of the run is in memory: it is a checkpoint and a row
    await interaction(click(ALEX, 'dept_approve', request.id, card));
    const thread = () => posts.filter((p) => p.thread_ts === root.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* published')), 'the workflow to finish after the restart', 30_000);
    expect(thread().filter((p) => String(p.text).includes('*Workflow done:*'))).toHaveLength(1);
  });
});
