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
 * The content workflow (seed 5.1, example 1) as a team meets it, offline (rehearsal model), through
 * the real Bolt app, Postgres and the Redis bus, Slack's Web API answered by nock: asked for a blog
 * post, the Content Manager starts the workflow; keyword research, draft, a review with one
 * revision, image brief, brand and SEO checks unfold in the thread under each agent's name; a
 * person approves with the card; the post is published and handed to Social Media and Email.
 */
const SLACK = 'http://slack.test';
const SECRET = 'workflow-signing-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX'; // an approver (APPROVERS)
const PAT = 'U0PAT'; // another approver
const SAM = 'U0SAM'; // not one
const CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS' };

type Body = Record<string, unknown>;
const streams = testStreams('workflow');
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

/** Asks the Content Manager for a blog post and waits for its approval request and both of its cards. */
async function blogPostAwaitingApproval() {
  const ask = appMention(APP_USER, 'content we need a blog post on AI costs for small businesses');
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

describe('the content workflow, offline', () => {
  it('a blog post asked of the Content Manager unfolds step by step in its thread, waits for the approval card, and is published and handed off', async () => {
    mockSlack();
    app = await start();
    const ask = appMention(APP_USER, 'content we need a blog post on AI costs for small businesses');
    await sendSigned(app.port(), SECRET, ask);
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
    await interaction(click(ALEX, 'dept_approve', request!.id, card));
    await until(() => texts.length < thread().length && thread().some((p) => String(p.text).includes('*Workflow done:* published')), 'the workflow to finish', 30_000);
    const after = thread().map((p) => String(p.text));
    expect(after.some((t) => /approved and final|published/i.test(t))).toBe(true);
    expect(after.some((t) => /Social Media Manager and Email Specialist: over to you/.test(t))).toBe(true);
    expect(after.find((t) => t.includes('*Workflow done:*'))).toMatch(/took \d+ s, \d+ model calls, \$0\.00/);
    await until(() => updates.some((u) => String(u.text).includes('*Done:* published')), 'the status line to say done');
    // The hand-offs are done at their own level (both L4: an FYI each), outside the workflow.
    await until(() => thread().filter((p) => String(p.text).includes('FYI: L4')).length === 2, 'the promotion post and the newsletter item');
    const tasks = await work().openTasks();
    expect(tasks.map((t) => `${t.assignee}: ${t.title}`)).toEqual(expect.arrayContaining(['social_media_manager: Promotion posts for AI costs for small businesses', 'email_specialist: Newsletter item for AI costs for small businesses']));
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
    app = await start();
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
    app = await start();
    const { request, card, root } = await blogAwaitingApproval('pricing page experiments');
    await app.stop();
    app = await start(); // nothing of the run is in memory: it is a checkpoint and a row
    await interaction(click(ALEX, 'dept_approve', request.id, card));
    const thread = () => posts.filter((p) => p.thread_ts === root.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* published')), 'the workflow to finish after the restart', 30_000);
    expect(thread().filter((p) => String(p.text).includes('*Workflow done:*'))).toHaveLength(1);
  });
});
