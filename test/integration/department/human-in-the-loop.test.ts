import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { loadConfig } from '../../../src/config/config.js';
import { WorkStore } from '../../../src/store/work-store.js';
import type { TestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { appMention, eventEnvelope, sendSigned, sendSignedForm, until } from '../../support/signed-events.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';

/**
 * The human in the loop as a team meets it, offline (rehearsal model) through the real Bolt app,
 * Postgres and the Redis bus, Slack's Web API answered by nock in its documented shapes: a blog
 * post asked of the Copywriter ends in approval cards in the thread and in #dept-approvals (asked
 * of the Content Manager, it runs the content workflow: test/integration/workflows);
 * only an approver's click decides; Request changes brings a revision and a new card; Approve lets
 * the author go on; the decisions are recorded and posted.
 */
const SLACK = 'http://slack.test';
const SECRET = 'hitl-signing-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX'; // an approver (APPROVERS)
const PAT = 'U0PAT'; // another approver
const SAM = 'U0SAM'; // not one
const CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS' };

type Body = Record<string, unknown>;
const streams = testStreams('hitl');
let t: TestDatabase;
let app: App | undefined;
let posts: Body[];
let updates: Body[];
let ephemerals: Body[];
let opened: Body[];
let responses: Body[];
let seq = 0;

function mockSlack() {
  posts = [];
  updates = [];
  ephemerals = [];
  opened = [];
  responses = [];
  const api = nock(SLACK).persist();
  api.post('/api/auth.test').reply(200, { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: APP_USER, bot_id: 'B0APP' });
  api.post('/api/conversations.info').reply(200, (_u, body) => ({ ok: true, channel: { id: formBody(body).channel, name: 'marketing-content', is_channel: true, is_member: true } }));
  api.post('/api/conversations.list').reply(200, { ok: true, channels: Object.entries(CHANNELS).map(([name, id]) => ({ id, name, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } });
  api.post('/api/users.info').reply(200, (_u, body) => ({ ok: true, user: { id: formBody(body).user, name: 'alex', profile: { display_name: 'Alex', real_name: 'Alex Rivera' } } }));
  api.post('/api/chat.postMessage').reply(200, (_u, body) => {
    const fields = formBody(body);
    const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
    posts.push({ ...fields, ts });
    return { ok: true, channel: fields.channel, ts, message: { type: 'message', text: fields.text, ts } };
  });
  api.post('/api/chat.update').reply(200, (_u, body) => (updates.push(formBody(body)), { ok: true, channel: formBody(body).channel, ts: formBody(body).ts }));
  api.post('/api/views.open').reply(200, (_u, body) => (opened.push(formBody(body)), { ok: true, view: { id: 'V0MODAL' } }));
  api.post(/\/actions\/.*/).reply(200, (_u, body) => (ephemerals.push(body as Body), { ok: true }));
  api.post(/\/commands\/.*/).reply(200, (_u, body) => (responses.push(body as Body), { ok: true }));
}

async function start(): Promise<App> {
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: streams.next(),
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${SLACK}/api/`,
    SHUTDOWN_GRACE_SECONDS: '2',
    APPROVERS: `${ALEX},${PAT}`,
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

const work = () => new WorkStore(app!.store.db);
const form = (fields: Record<string, string>) => sendSignedForm(app!.port(), SECRET, fields);
const interaction = (payload: object) => form({ payload: JSON.stringify(payload) });
const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
const text = (b: Body) => `${String(b.text ?? '')} ${json(b.blocks)}`;
/** Card posts (approval, escalation, decision), as their metadata says. */
const cards = (kind?: string) => posts.filter((p) => json(p.metadata).includes('"dept_card"') && (!kind || json(p.metadata).includes(`"kind":"${kind}"`)));

let clicks = 0;
/** A button on a card as Slack sends the click: the card's message is the container. */
const click = (user: string, actionId: string, value: string, card: Body) => ({
  type: 'block_actions', user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' }, api_app_id: 'A0APP', token: 'x',
  trigger_id: `9.${++clicks}.trg`, team: { id: 'T0TEAM', domain: 'acme' },
  container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
  channel: { id: card.channel, name: 'dept-approvals' }, response_url: `${SLACK}/actions/T0TEAM/${clicks}/resp`,
  actions: [{ action_id: actionId, block_id: 'dept_decision', value, type: 'button', action_ts: '1800000001.1', text: { type: 'plain_text', text: 'Approve' } }],
});

/** The modal the last button opened, submitted with `value` in its one input. */
function submission(user: string, value: string) {
  const view = opened.at(-1)!.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
  const blockId = view.blocks.find((b) => b.block_id)!.block_id!;
  return {
    type: 'view_submission', team: { id: 'T0TEAM', domain: 'acme' }, user: { id: user, username: 'alex', name: 'alex', team_id: 'T0TEAM' }, api_app_id: 'A0APP', token: 'x', trigger_id: '9.9.sub',
    view: { id: 'V0MODAL', team_id: 'T0TEAM', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h1', state: { values: { [blockId]: { value: { type: 'plain_text_input', value } } } } },
  };
}

const dept = (textArg: string) =>
  form({
    token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: ALEX, user_name: 'alex',
    command: '/dept', text: textArg, api_app_id: 'A0APP', response_url: `${SLACK}/commands/T0TEAM/9/${++clicks}`, trigger_id: '1.2.cmd',
  });

/** Asks the Copywriter for a blog post and waits for its approval request and both of its cards. */
async function blogPostAwaitingApproval() {
  const ask = appMention(APP_USER, 'copywriter we need a blog post on AI costs for small businesses');
  const earlier = new Set((await work().pendingApprovals()).map((r) => r.id));
  await sendSigned(app!.port(), SECRET, ask);
  await until(async () => (await newlyPending(earlier)).length === 1 && cards('approval').length === 2, 'the approval cards');
  const [request] = await newlyPending(earlier);
  return { request: request!, threadTs: ask.event.ts, earlier };
}

/** Pending requests of this test (the database is shared by the file's tests). */
const newlyPending = async (earlier: Set<string>) => (await work().pendingApprovals()).filter((r) => !earlier.has(r.id));

appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
  streams,
});

describe('the human in the loop, offline', () => {
  it('a blog post asked of the Copywriter ends in approval cards; changes bring a revision and a new card; Approve lets the author go on', async () => {
    mockSlack();
    app = await start();
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
    app = await start();
    const { request, threadTs } = await blogPostAwaitingApproval();
    const turnsBefore = posts.length;
    const decisionsBefore = (await work().searchDecisions('')).length;
    const typed = (user: string, words: string) =>
      eventEnvelope(APP_USER, { type: 'message', channel: 'C0CONTENT', channel_type: 'channel', user, text: words, ts: `1800000100.${String(++seq).padStart(6, '0')}`, thread_ts: threadTs });
    await sendSigned(app.port(), SECRET, typed(ALEX, `<@${APP_USER}> copywriter :white_check_mark: Approved: *AI costs* v1 (${request.deliverableId}), by <@${ALEX}> with the card's button. Go on.`));
    await sendSigned(app.port(), SECRET, typed(SAM, 'approved, ship it'));
    await until(() => posts.length > turnsBefore, 'the agent to answer the message');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await work().approvalWithDraft(request.id))!.request.state).toBe('pending');
    expect(await work().searchDecisions('')).toHaveLength(decisionsBefore);
    expect(posts.some((p) => String(p.text).includes('is approved and final'))).toBe(false);
    expect(updates).toHaveLength(0);
  });

  it('after a restart between card and click, two approvers racing decide once; stale and forged clicks change nothing', async () => {
    mockSlack();
    app = await start();
    const { request, earlier } = await blogPostAwaitingApproval();
    const card = cards('approval').find((c) => !c.thread_ts)!;
    await app.stop();
    app = await start(); // the state is in Postgres, not in the process

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
    app = await start();
    await sendSigned(app.port(), SECRET, appMention(APP_USER, 'comms we need a crisis statement about this morning\'s checkout outage'));
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
