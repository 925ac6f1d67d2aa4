import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../../src/store/rows.js';
import { EMAIL_CHANGES } from '../../../src/llm/rehearsal/campaign-steps.js';
import { ALEX, APP_USER, cardsHarness } from '../../support/cards-harness.js';
import { scriptedRehearsal } from '../../support/scripted-rehearsal.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';

/**
 * The campaign launch workflow (seed 5.2) offline (rehearsal model), through the real Bolt app,
 * Postgres and the Redis bus, Slack's Web API answered by nock: asked for a campaign launch, the
 * Campaign Manager starts it; Analytics and Market Research give their input, the strategy is
 * proposed, reviewed by the VP and put to a person; the content, email and social tracks run at
 * once and join before the combined review; a person's final approval launches it (checklist,
 * tasks per track) or stops it.
 */
const ASK = 'campaigns we need a launch campaign for the Q4 lead gen push';
const h = cardsHarness('campaign');
const { mockSlack, posts, updates, opened, work, cards, interaction, click, submission } = h;

/** Requests for a person still pending in this thread (the file's tests share the database). */
const pending = async (conversationId: string) => (await work().pendingApprovals()).filter((r) => r.conversationId === conversationId);
const conversationOf = async (threadTs: string) => rowsOf<{ id: string }>(await h.app!.store.db.execute(sql`select conversation_id as id from workflow_runs where thread_ts = ${threadTs}`))[0]!.id;

/** Asks the Campaign Manager for a launch, approves the strategy, and waits for the final approval's cards. */
async function campaignAtFinalApproval() {
  mockSlack();
  await h.start();
  const ask = appMention(APP_USER, ASK);
  await sendSigned(h.app!.port(), h.secret, ask);
  const thread = () => posts.filter((p) => p.thread_ts === ask.event.ts);
  await until(() => cards('approval').length === 2, 'the strategy approval cards', 30_000);
  const conversation = await conversationOf(ask.event.ts);
  const [strategyRequest] = await pending(conversation);
  expect(strategyRequest).toMatchObject({ version: 1, autonomyLevel: 'L2', requestedBy: 'campaign_manager' });
  const byAuthor = (name: string) => thread().filter((p) => p.username === name).map((p) => String(p.text));
  // Input from Analytics and Market Research, asked together; the VP asks for the strategy and reviews it.
  expect(byAuthor('Analytics Specialist').join('\n')).toMatch(/Metrics to watch:/);
  expect(byAuthor('Market Research').join('\n')).toMatch(/Audience:/);
  const strategy = byAuthor('Campaign Manager').find((x) => x.includes('*Objective:*'))!;
  expect(strategy).toMatch(/Q4 lead gen push/);
  expect(strategy).toMatch(/\*Budget:\* total \[DATA NEEDED\]/);
  expect(strategy).toMatch(/\*KPIs:\*/);
  expect(byAuthor('VP of Marketing').join('\n')).toMatch(/Strategy review of v1:\* approved/);

  const strategyCard = cards('approval').find((c) => !c.thread_ts)!;
  await interaction(click(ALEX, 'dept_approve', strategyRequest!.id, strategyCard));
  await until(() => cards('approval').length === 4, 'the final approval cards after the tracks and the combined review', 30_000);
  const [finalRequest] = await pending(conversation);
  expect(finalRequest).toMatchObject({ deliverableId: strategyRequest!.deliverableId, autonomyLevel: 'L2' });
  expect(finalRequest!.summary).toMatch(/^Launch the campaign “Q4 lead gen push”/);
  const finalCard = cards('approval').filter((c) => !c.thread_ts).at(-1)!;
  return { thread, conversation, finalRequest: finalRequest!, finalCard };
}

describe('the campaign launch workflow, offline', () => {
  it('runs strategy, the three parallel tracks and their join, and launches once a person approves', async () => {
    const { thread, conversation, finalRequest, finalCard } = await campaignAtFinalApproval();
    const texts = thread().map((p) => String(p.text));

    // The three tracks were asked together: the status line listed all three as under way at once.
    expect(updates.some((u) => /\*Now:\* Campaign content — Copywriter · Campaign email — Email Specialist · Social posts — Social Media Manager/.test(String(u.text)))).toBe(true);
    expect(updates.some((u) => /Tracks, in parallel:/.test(String(u.text)))).toBe(true);
    // The join: the combined review was asked only once all three deliverables existed.
    const [order] = rowsOf<{ tracks: number; last_track: string; review_asked: string }>(
      await h.app!.store.db.execute(sql`
        select (select count(*) from deliverables d where d.conversation_id = ${conversation} and d.content_type in ('blog_post', 'campaign_email', 'daily_social_post'))::int as tracks,
               (select max(d.created_at) from deliverables d where d.conversation_id = ${conversation} and d.content_type in ('blog_post', 'campaign_email', 'daily_social_post'))::text as last_track,
               (select min(s.started_at) from workflow_steps s join workflow_runs r on r.id = s.run_id where r.conversation_id = ${conversation} and s.step = 'combined_review')::text as review_asked`),
    );
    expect(order!.tracks).toBe(3);
    expect(new Date(order!.review_asked).getTime()).toBeGreaterThan(new Date(order!.last_track).getTime());
    const reviewAskAt = texts.findIndex((x) => x.includes('*Combined review* — campaign workflow step'));
    expect(reviewAskAt).toBeGreaterThan(-1);
    for (const author of ['Copywriter', 'Email Specialist', 'Social Media Manager']) {
      const delivered = thread().findIndex((p) => p.username === author && /· v1/.test(String(p.text)));
      expect(delivered, author).toBeGreaterThan(-1);
      expect(delivered, author).toBeLessThan(reviewAskAt);
    }
    expect(texts.some((x) => /Subject line variants/.test(x))).toBe(true);
    expect(texts.some((x) => /LinkedIn — launch day/.test(x))).toBe(true);
    // The first combined review sent the email back to its owner; the second found all three ready.
    const sentBack = texts.findIndex((x) => x.includes('one change before the launch approval') && x.includes(EMAIL_CHANGES));
    const revised = thread().findIndex((p) => p.username === 'Email Specialist' && /· v2/.test(String(p.text)));
    const ready = texts.findIndex((x) => /Combined review: Q4 lead gen push\* — ready for the launch approval/.test(x));
    expect(sentBack).toBeGreaterThan(reviewAskAt);
    expect(revised).toBeGreaterThan(sentBack);
    expect(ready).toBeGreaterThan(revised);
    expect(texts.some((x) => x.includes('This is the last review round'))).toBe(true);
    expect(finalRequest.summary).toMatch(/“Campaign email: Q4 lead gen push” v2/);
    expect(finalRequest.summary).toMatch(/“Q4 lead gen push” v1/);
    // Submitted to the workflow, the tracks raised no cards of their own: only the strategy's and the final approval's.
    expect(cards('approval')).toHaveLength(4);

    await interaction(click(ALEX, 'dept_approve', finalRequest.id, finalCard));
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* launched')), 'the launch', 30_000);
    const after = thread().map((p) => String(p.text));
    expect(after.some((x) => /Launch checklist: Q4 lead gen push\* — go live/.test(x))).toBe(true);
    expect(after.some((x) => /Go live:\* “Q4 lead gen push” is approved by <@U0ALEX>/.test(x))).toBe(true);
    const tasks = (await work().openTasks()).map((x) => `${x.assignee}: ${x.title}`);
    expect(tasks).toEqual(
      expect.arrayContaining([
        'copywriter: Publish the campaign content: Q4 lead gen push',
        'email_specialist: Activate the campaign email: Q4 lead gen push',
        'social_media_manager: Start the social promotion: Q4 lead gen push',
      ]),
    );
    await until(() => updates.some((u) => String(u.text).includes('*Done:* launched')), 'the status line to say done');
  }, 90_000);

  it('a VP who asks for changes to the strategy gets a revision before any person is asked', async () => {
    const asks = 'Cut paid social to 30% of the budget and name the launch date';
    const model = scriptedRehearsal((turn) => {
      const id = /Review v1 of the campaign strategy .*\(deliverable (dlvb_[0-9a-f]+)\)/.exec(turn.incoming.text)?.[1];
      if (turn.agentId !== 'vp_marketing' || !id) return null;
      return [
        { tool: 'review_deliverable', input: { deliverable_id: id, verdict: 'changes_requested', comment: asks } },
        { tool: 'post_message', input: { text: `*Strategy review of v1:* changes requested. ${asks}.`, mentions: [], type: 'feedback', priority: 'normal' } },
      ];
    });
    mockSlack();
    await h.start(model);
    const ask = appMention(APP_USER, ASK);
    await sendSigned(h.app!.port(), h.secret, ask);
    await until(() => cards('approval').length === 2, 'the strategy approval cards', 30_000);
    expect(model.scripted).toEqual(['vp_marketing: review_deliverable, post_message']);
    const said = posts.filter((p) => p.thread_ts === ask.event.ts).map((p) => `${String(p.username)}: ${String(p.text)}`);
    const asked = said.findIndex((x) => x.startsWith('VP of Marketing: *Strategy review of v1:* changes requested'));
    const v2 = said.findIndex((x) => x.startsWith('Campaign Manager:') && x.includes(`*Changes in v2:* addressed “${asks}”`));
    const reviewed = said.findIndex((x) => x.startsWith('VP of Marketing: *Strategy review of v2:* approved'));
    expect(asked).toBeGreaterThan(-1);
    expect(v2).toBeGreaterThan(asked);
    expect(reviewed).toBeGreaterThan(v2);
    expect(said.some((x) => x.includes('This is the last review round'))).toBe(true);
    // The person is asked once, about the revised strategy.
    const requests = await pending(await conversationOf(ask.event.ts));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ version: 2, requestedBy: 'campaign_manager' });
  }, 90_000);

  it('stops when a person rejects the launch at the final approval', async () => {
    const { thread, finalRequest, finalCard } = await campaignAtFinalApproval();
    await interaction(click(ALEX, 'dept_reject', finalRequest.id, finalCard));
    await until(() => thread().some((p) => String(p.text).includes('*Workflow stopped:* rejected by <@U0ALEX>')), 'the stop', 30_000);
    expect(thread().some((p) => String(p.text).includes('*Launch checklist: '))).toBe(false);
    expect(thread().some((p) => String(p.text).includes('*Go live:*'))).toBe(false);
    await until(() => updates.some((u) => String(u.text).includes('*Stopped:* rejected')), 'the status line to say stopped');
  }, 90_000);

  it('changes asked at the final approval go to the Campaign Manager, and the launch comes back for approval', async () => {
    const { thread, conversation, finalRequest, finalCard } = await campaignAtFinalApproval();
    await interaction(click(ALEX, 'dept_request_changes', finalRequest.id, finalCard));
    await until(() => opened.length === 1, 'the changes modal');
    await interaction(submission(ALEX, 'Move the launch off the public holiday'));
    await until(() => cards('approval').length === 6, 'a second final approval card', 30_000);
    const said = thread().map((p) => String(p.text));
    expect(said.some((x) => x.includes('*Changes before launch* — campaign workflow step') && x.includes('Move the launch off the public holiday'))).toBe(true);
    expect(said.some((x) => /\*Changes before launch:\* addressed “Move the launch off the public holiday”/.test(x))).toBe(true);
    const [again] = await pending(conversation);
    expect(again).toMatchObject({ deliverableId: finalRequest.deliverableId, autonomyLevel: 'L2' });
    expect(again!.id).not.toBe(finalRequest.id);
    await interaction(click(ALEX, 'dept_approve', again!.id, cards('approval').filter((c) => !c.thread_ts).at(-1)!));
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* launched')), 'the launch', 30_000);
  }, 90_000);
});
