import nock from 'nock';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { loadConfig } from '../../../src/config/config.js';
import { rowsOf } from '../../../src/store/rows.js';
import { WorkStore } from '../../../src/store/work-store.js';
import type { TestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { appMention, sendSigned, sendSignedForm, until } from '../../support/signed-events.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';

/**
 * The campaign launch workflow (seed 5.2) offline (rehearsal model), through the real Bolt app,
 * Postgres and the Redis bus, Slack's Web API answered by nock: asked for a campaign launch, the
 * Campaign Manager starts it; Analytics and Market Research give their input, the strategy is
 * proposed, reviewed by the VP and put to a person; the content, email and social tracks run at
 * once and join before the combined review; a person's final approval launches it (checklist,
 * tasks per track) or stops it.
 */
const SLACK = 'http://slack.test';
const SECRET = 'campaign-signing-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX'; // an approver (APPROVERS)
const CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS' };
const ASK = 'campaigns we need a launch campaign for the Q4 lead gen push';

type Body = Record<string, unknown>;
const streams = testStreams('campaign');
let t: TestDatabase;
let app: App | undefined;
let posts: Body[];
let updates: Body[];
let opened: Body[];
let seq = 0;

function mockSlack() {
  posts = [];
  updates = [];
  opened = [];
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
  api.post(/\/actions\/.*/).reply(200, { ok: true });
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
    APPROVERS: ALEX,
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

const work = () => new WorkStore(app!.store.db);
const interaction = (payload: object) => sendSignedForm(app!.port(), SECRET, { payload: JSON.stringify(payload) });
const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
const cards = (kind: string) => posts.filter((p) => json(p.metadata).includes('"dept_card"') && json(p.metadata).includes(`"kind":"${kind}"`));

let clicks = 0;
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

/** Requests for a person still pending in this thread (the file's tests share the database). */
const pending = async (conversationId: string) => (await work().pendingApprovals()).filter((r) => r.conversationId === conversationId);
const conversationOf = async (threadTs: string) => rowsOf<{ id: string }>(await app!.store.db.execute(sql`select conversation_id as id from workflow_runs where thread_ts = ${threadTs}`))[0]!.id;

/** Asks the Campaign Manager for a launch, approves the strategy, and waits for the final approval's cards. */
async function campaignAtFinalApproval() {
  mockSlack();
  app = await start();
  const ask = appMention(APP_USER, ASK);
  await sendSigned(app.port(), SECRET, ask);
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

appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
  streams,
});

describe('the campaign launch workflow, offline', () => {
  it('runs strategy, the three parallel tracks and their join, and launches once a person approves', async () => {
    const { thread, conversation, finalRequest, finalCard } = await campaignAtFinalApproval();
    const texts = thread().map((p) => String(p.text));

    // The three tracks were asked together: the status line listed all three as under way at once.
    expect(updates.some((u) => /\*Now:\* Campaign content — Copywriter · Campaign email — Email Specialist · Social posts — Social Media Manager/.test(String(u.text)))).toBe(true);
    expect(updates.some((u) => /Tracks, in parallel:/.test(String(u.text)))).toBe(true);
    // The join: the combined review was asked only once all three deliverables existed.
    const [order] = rowsOf<{ tracks: number; last_track: string; review_asked: string }>(
      await app!.store.db.execute(sql`
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
    expect(texts.some((x) => /Combined review: Q4 lead gen push\* — ready for the launch approval/.test(x))).toBe(true);
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
