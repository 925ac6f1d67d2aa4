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
 * Disagreement resolution (seed 4.3, example 2) as a team meets it, offline: a person tells the
 * Content Manager two colleagues disagree; each states a position, Analytics brings the numbers,
 * and their shared manager decides on record, with the dissent noted and follow-ups as tasks.
 */
const SLACK = 'http://slack.test';
const SECRET = 'disagreement-signing-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX'; // an approver (APPROVERS)
const PAT = 'U0PAT'; // another approver
const SAM = 'U0SAM'; // not one
const CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS' };

type Body = Record<string, unknown>;
const streams = testStreams('disagreement');
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

describe('the disagreement workflow, offline', () => {
  it('two positions, the data, and the shared manager\'s decision on record with the dissent and the follow-up tasks', async () => {
    mockSlack();
    app = await start();
    const ask = appMention(APP_USER, 'content the SEO Specialist and the Copywriter disagree on the primary keyword for the AI costs post. Settle it.');
    await sendSigned(app.port(), SECRET, ask);
    const thread = () => posts.filter((p) => p.thread_ts === ask.event.ts);
    await until(() => thread().some((p) => String(p.text).includes('*Workflow done:* decided')), 'the decision', 30_000);
    expect(thread().map((p) => p.username)).toEqual([
      'Content Manager', // plan
      'Content Manager', 'SEO Specialist', // first position
      'Content Manager', 'Copywriter', // second position
      'Content Manager', 'Analytics Specialist', // the data
      'SEO Specialist', 'Content Manager', // escalated to the shared manager, who decides and tells both
      'Content Manager', // done, with time and cost
    ]);
    expect(String(thread()[0]!.text)).toContain('Disagreement resolution');
    const [decision] = await work().searchDecisions('Disagreement primary keyword');
    expect(decision).toMatchObject({ maker: 'content_manager', type: 'blog_post_topics', dissent: 'Copywriter preferred its own approach' });
    const followUps = (await work().openTasks()).filter((t) => t.decisionId === decision!.id).map((t) => t.assignee).sort();
    expect(followUps).toEqual(['copywriter', 'seo_specialist']);
    await until(() => cards('decision').length === 1, 'the decision in #dept-decisions');
    await until(() => updates.some((u) => String(u.text).includes('*Done:* decided')), 'the status line to say done');
  });
});
