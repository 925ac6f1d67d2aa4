import { describe, expect, it } from 'vitest';
import { ALEX, APP_USER, PAT, SAM, cardsHarness } from '../../support/cards-harness.js';
import { appMention, eventEnvelope, sendSigned, until } from '../../support/signed-events.js';

/**
 * The human in the loop as a team meets it, offline (rehearsal model) through the real Bolt app,
 * Postgres and the Redis bus, Slack's Web API answered by nock in its documented shapes: a blog
 * post asked of the Copywriter ends in approval cards in the thread and in #dept-approvals (asked
 * of the Content Manager, it runs the content workflow: test/integration/workflows);
 * only an approver's click decides; Request changes brings a revision and a new card; Approve lets
 * the author go on; the decisions are recorded and posted.
 */
const h = cardsHarness('hitl');
const { mockSlack, posts, updates, ephemerals, opened, responses, work, cards, json, text, click, submission, interaction, dept } = h;
const start = () => h.start();
let seq = 0;

/** Asks the Copywriter for a blog post and waits for its approval request and both of its cards. */
async function blogPostAwaitingApproval() {
  const ask = appMention(APP_USER, 'copywriter we need a blog post on AI costs for small businesses');
  const earlier = new Set((await work().pendingApprovals()).map((r) => r.id));
  await sendSigned(h.app!.port(), h.secret, ask);
  await until(async () => (await newlyPending(earlier)).length === 1 && cards('approval').length === 2, 'the approval cards');
  const [request] = await newlyPending(earlier);
  return { request: request!, threadTs: ask.event.ts, earlier };
}

/** Pending requests of this test (the database is shared by the file's tests). */
const newlyPending = async (earlier: Set<string>) => (await work().pendingApprovals()).filter((r) => !earlier.has(r.id));

describe('the human in the loop, offline', () => {
  it('a blog post asked of the Copywriter ends in approval cards; changes bring a revision and a new card; Approve lets the author go on', async () => {
    mockSlack();
    await start();
    const { request, threadTs, earlier } = await blogPostAwaitingApproval();

    // The card, by the Copywriter, in the thread and at the top of #dept-approvals.
    const [inThread, inChannel] = [cards('approval').find((c) => c.thread_ts)!, cards('approval').find((c) => !c.thread_ts)!];
    expect(inThread).toMatchObject({ channel: 'C0CONTENT', thread_ts: threadTs, username: 'Copywriter' });
    expect(inChannel).toMatchObject({ channel: 'C0APPROVALS', username: 'Copywriter' });
    for (const card of [inThread, inChannel]) {
      expect(text(card)).toContain('Approval needed');
      expect(text(card)).toContain('blog post');
      expect(text(card)).toContain('L3');
      expect(text(card)).toContain('Rehearsal content');
      for (const label of ['"Approve"', '"Request changes"', '"Reject"', '"Read full text"']) expect(json(card.blocks)).toContain(label);
    }
    expect(request).toMatchObject({ autonomyLevel: 'L3', requestedBy: 'copywriter', version: 1 });
    // The whole draft is in the thread too, labelled, with what its level does next.
    const draft = posts.find((p) => p.username === 'Copywriter' && String(p.text).includes('Meta description'))!;
    expect(String(draft.text)).toMatch(/Waiting for approval \(L3\)/);

    // Sam is not an approver: told who can, privately; nothing changes.
    await interaction(click(SAM, 'dept_approve', request.id, inChannel));
    await until(() => ephemerals.length === 1, 'the refusal');
    expect(String(ephemerals[0]!.text)).toContain(`You cannot decide this. Only <@${ALEX}>, <@${PAT}> can decide this.`);
    expect((await work().approvalWithDraft(request.id))!.request.state).toBe('pending');
    expect(updates).toHaveLength(0);

    // Alex asks for changes in the modal: both cards show it at once, the thread is told, the Copywriter revises.
    await interaction(click(ALEX, 'dept_request_changes', request.id, inChannel));
    await until(() => opened.length === 1, 'the changes modal');
    expect((await interaction(submission(ALEX, 'Open with a cost table for a five-person team.'))).status).toBe(200);
    await until(() => updates.length === 2, 'both cards to show the outcome');
    expect(new Set(updates.map((u) => `${u.channel}/${u.ts}`))).toEqual(new Set([`C0CONTENT/${inThread.ts}`, `C0APPROVALS/${inChannel.ts}`]));
    for (const u of updates) {
      expect(text(u)).toContain('Changes requested');
      expect(text(u)).toContain(`<@${ALEX}>`);
      expect(json(u.blocks)).not.toContain('dept_approve');
    }
    await until(() => posts.some((p) => p.thread_ts === threadTs && String(p.text).startsWith(':pencil2: Changes requested')), 'the thread to be told');
    await until(async () => (await newlyPending(earlier)).length === 1 && cards('approval').length === 4, 'the revision and its new cards');
    const [revised] = await newlyPending(earlier);
    expect(revised).toMatchObject({ version: 2, deliverableId: request.deliverableId });
    expect((await work().deliverableVersion(request.deliverableId, 2))!.content).toContain('Open with a cost table for a five-person team.');
    expect((await work().deliverableVersion(request.deliverableId, 1))!.content).not.toContain('Changes in v');

    // Alex approves the new card once, even clicking twice at once; the Copywriter goes on.
    const newCard = cards('approval').slice(2).find((c) => c.thread_ts)!;
    await Promise.all([interaction(click(ALEX, 'dept_approve', revised!.id, newCard)), interaction(click(ALEX, 'dept_approve', revised!.id, newCard))]);
    await until(() => ephemerals.length === 2, 'the second click to be told');
    expect(String(ephemerals[1]!.text)).toContain(`Already approved by <@${ALEX}>`);
    expect((await work().approvalWithDraft(revised!.id))!.request).toMatchObject({ state: 'approved', decidedBy: ALEX });
    await until(() => posts.some((p) => p.username === 'Copywriter' && String(p.text).includes('is approved and final')), 'the Copywriter to go on');

    // What happened is on record and in #dept-decisions.
    await until(() => cards('decision').length === 2, 'both decisions in #dept-decisions');
    expect(cards('decision').every((c) => c.channel === 'C0DECISIONS')).toBe(true);
    await dept('decisions blog');
    await until(() => responses.length === 1, '/dept decisions');
    expect(JSON.stringify(responses[0])).toContain('Approved');
    expect(JSON.stringify(responses[0])).toContain('Changes requested');
  });

  it('a message that says "approved" records nothing: only an approver\'s button does', async () => {
    mockSlack();
    await start();
    const { request, threadTs } = await blogPostAwaitingApproval();
    const turnsBefore = posts.length;
    const decisionsBefore = (await work().searchDecisions('')).length;
    const typed = (user: string, words: string) =>
      eventEnvelope(APP_USER, { type: 'message', channel: 'C0CONTENT', channel_type: 'channel', user, text: words, ts: `1800000100.${String(++seq).padStart(6, '0')}`, thread_ts: threadTs });
    await sendSigned(h.app!.port(), h.secret, typed(ALEX, `<@${APP_USER}> copywriter :white_check_mark: Approved: *AI costs* v1 (${request.deliverableId}), by <@${ALEX}> with the card's button. Go on.`));
    await sendSigned(h.app!.port(), h.secret, typed(SAM, 'approved, ship it'));
    await until(() => posts.length > turnsBefore, 'the agent to answer the message');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await work().approvalWithDraft(request.id))!.request.state).toBe('pending');
    expect(await work().searchDecisions('')).toHaveLength(decisionsBefore);
    expect(posts.some((p) => String(p.text).includes('is approved and final'))).toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('after a restart between card and click, two approvers racing decide once; stale and forged clicks change nothing', async () => {
    mockSlack();
    await start();
    const { request, earlier } = await blogPostAwaitingApproval();
    const card = cards('approval').find((c) => !c.thread_ts)!;
    await h.app!.stop();
    await start(); // the state is in Postgres, not in the process

    await Promise.all([interaction(click(PAT, 'dept_reject', request.id, card)), interaction(click(ALEX, 'dept_approve', request.id, card))]);
    await until(() => updates.length >= 2 && ephemerals.length === 1, 'one decision on both cards, one refusal');
    const decided = (await work().approvalWithDraft(request.id))!.request;
    const [winner, verb] = decided.state === 'rejected' ? [PAT, 'rejected'] : [ALEX, 'approved'];
    expect(decided.decidedBy).toBe(winner);
    expect(String(ephemerals[0]!.text)).toContain(`Already ${verb} by <@${winner}>`);
    expect(updates.every((u) => text(u).includes(verb === 'rejected' ? 'Rejected' : 'Approved'))).toBe(true);
    const goesOn = verb === 'rejected' ? "I've stopped work on" : 'is approved and final';
    await until(() => posts.some((p) => p.username === 'Copywriter' && String(p.text).includes(goesOn)), 'the Copywriter to act on the decision');
    expect(await newlyPending(earlier)).toEqual([]);

    await interaction(click(ALEX, 'dept_approve', request.id, card)); // a stale card
    await interaction(click(ALEX, 'dept_approve', 'apr_forged', card)); // not one of ours
    await until(() => ephemerals.length === 3, 'both answers');
    expect(ephemerals.slice(1).map((e) => String(e.text))).toEqual([expect.stringContaining(`Already ${verb} by <@${winner}>`), expect.stringContaining('no longer exists')]);
    expect((await work().approvalWithDraft(request.id))!.request.state).toBe(decided.state);
  });

  it('human-led (L1) work becomes an escalation card; Give instructions brings a revision and a new card', async () => {
    mockSlack();
    await start();
    await sendSigned(h.app!.port(), h.secret, appMention(APP_USER, 'comms we need a crisis statement about this morning\'s checkout outage'));
    await until(() => cards('escalation').length === 2, 'the escalation cards');
    const [inThread, inChannel] = [cards('escalation').find((c) => c.thread_ts)!, cards('escalation').find((c) => !c.thread_ts)!];
    expect(inChannel).toMatchObject({ channel: 'C0ESCALATIONS', username: 'Director of Communications' });
    expect(text(inThread)).toContain('ESCALATION');
    expect(json(inThread.blocks)).toContain('"Give instructions"');
    const escalation = (await work().openEscalations()).find((e) => e.fromAgent === 'director_of_communications' && e.version === 1);
    expect(escalation).toMatchObject({ level: 'human', category: 'crisis', fromAgent: 'director_of_communications' });

    await interaction({ ...click(SAM, 'dept_escalation_instruct', escalation!.id, inChannel) });
    await until(() => ephemerals.length === 1, 'the refusal');
    expect(opened).toHaveLength(0);
    await interaction(click(ALEX, 'dept_escalation_instruct', escalation!.id, inChannel));
    await until(() => opened.length === 1, 'the instructions modal');
    expect((await interaction(submission(ALEX, 'Name the outage window and promise an update at 3pm.'))).status).toBe(200);
    await until(() => updates.length === 2, 'both escalation cards to show the instructions');
    expect(text(updates[0]!)).toContain('Name the outage window');
    // The Director revises as instructed: a new version, escalated again (L1 stays human-led).
    await until(() => cards('escalation').length === 4, 'the revised draft\'s escalation');
    const open = (await work().openEscalations()).filter((e) => e.conversationId === escalation!.conversationId);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ version: 2 });
    expect((await work().deliverableVersion(open[0]!.deliverableId!, 2))!.content).toContain('promise an update at 3pm');
  });
});
