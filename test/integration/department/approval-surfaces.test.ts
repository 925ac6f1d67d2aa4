import nock from 'nock';
import { pino } from 'pino';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { WorkStore } from '../../../src/store/work-store.js';
import type { TestDatabase } from '../../support/database.js';
import { eventEnvelope, sendSigned, sendSignedForm, until } from '../../support/signed-events.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';
import { testConfig } from '../../support/test-config.js';

/**
 * The read side of approvals, through the real Bolt app over HTTP on Postgres: `/dept approvals`,
 * the App Home tab, and a card's buttons clicked there. Slack's Web API is answered by nock.
 */
const SLACK = 'http://slack.test';
const SECRET = 'surfaces-signing-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX'; // an approver
const SAM = 'U0SAM'; // not one

type Body = Record<string, unknown>;
let t: TestDatabase;
let app: App | undefined;
let published: Body[];
let responses: Body[];
let updates: Body[];
let opened: Body[];

function mockSlack() {
  published = [];
  responses = [];
  updates = [];
  opened = [];
  const api = nock(SLACK).persist();
  api.post('/api/auth.test').reply(200, { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: APP_USER, bot_id: 'B0APP' });
  api.post('/api/views.publish').reply(200, (_u, body) => (published.push(formBody(body)), { ok: true, view: { id: 'V0HOME', type: 'home' } }));
  api.post('/api/views.open').reply(200, (_u, body) => (opened.push(formBody(body)), { ok: true, view: { id: 'V0CHG' } }));
  api.post('/api/chat.update').reply(200, (_u, body) => (updates.push(formBody(body)), { ok: true }));
  api.post(/\/(commands|actions)\/.*/).reply(200, (_u, body) => (responses.push(body as Body), { ok: true }));
}

async function start(): Promise<App> {
  const config = testConfig({
    PORT: '0', DATABASE_URL: t.url, SLACK_BOT_TOKEN: 'xoxb-main', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${SLACK}/api/`, APPROVERS: ALEX,
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
}

const work = () => new WorkStore(app!.store.db);

/** A pending request for a draft, as an agent's tool will make it. */
async function pendingRequest(title: string) {
  const d = await work().submitDeliverable({ contentType: 'blog_post', title, author: 'copywriter', content: `Draft of ${title}.` });
  return work().requestApproval({ deliverableId: d!.deliverableId, version: d!.version, summary: `Publish ${title}`, requestedBy: 'content_manager', autonomyLevel: 'L3' });
}

const send = (fields: Record<string, string>) => sendSignedForm(app!.port(), SECRET, fields);
const dept = (user: string, text: string) =>
  send({
    token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: user, user_name: user.toLowerCase(),
    command: '/dept', text, api_app_id: 'A0APP', response_url: `${SLACK}/commands/T0TEAM/1/${user}`, trigger_id: '1.2.cmd',
  });
const person = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T0TEAM' });
const button = (actionId: string, value: string) => [{ action_id: actionId, block_id: 'dept_decision', value, type: 'button', action_ts: '1800000001.1', text: { type: 'plain_text', text: 'Approve' } }];

/** A click on the Home tab as Slack sends it: a view container, the view itself, and no response_url. */
const homeClick = (user: string, actionId: string, value: string, view: Body) => ({
  payload: JSON.stringify({
    type: 'block_actions', user: person(user), api_app_id: 'A0APP', token: 'x', trigger_id: '7.7.home', team: { id: 'T0TEAM', domain: 'acme' },
    container: { type: 'view', view_id: 'V0HOME' },
    view: { id: 'V0HOME', team_id: 'T0TEAM', type: 'home', blocks: view.blocks, private_metadata: '', callback_id: '', state: { values: {} }, hash: 'h1', app_id: 'A0APP', bot_id: 'B0APP' },
    actions: button(actionId, value),
  }),
});

/** A click on a card in /dept approvals' private reply: an ephemeral message container with a response_url. */
const listClick = (user: string, actionId: string, value: string) => ({
  payload: JSON.stringify({
    type: 'block_actions', user: person(user), api_app_id: 'A0APP', token: 'x', trigger_id: '8.8.list', team: { id: 'T0TEAM', domain: 'acme' },
    container: { type: 'message', message_ts: '1800000000.000777', channel_id: 'C0CONTENT', is_ephemeral: true },
    channel: { id: 'C0CONTENT', name: 'marketing-content' }, response_url: `${SLACK}/actions/T0TEAM/8/list`,
    actions: button(actionId, value),
  }),
});

const openHome = (user: string) =>
  sendSigned(app!.port(), SECRET, eventEnvelope(APP_USER, { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1800000000.000900' }));

const cardButtons = (blocks: unknown, requestId: string) => JSON.stringify(blocks).match(new RegExp(`"value":"${requestId}"`, 'g'))?.length ?? 0;
const viewOf = (p: Body) => p.view as { type: string; blocks: unknown[] };

beforeEach(async () => {
  await t.query('truncate approval_requests, deliverable_versions, deliverables, tasks');
  mockSlack();
  app = await start();
});
appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
});

describe('/dept approvals', () => {
  it('says plainly when nothing waits', async () => {
    expect((await dept(ALEX, 'approvals')).status).toBe(200);
    await until(() => responses.length === 1, 'the answer');
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: 'Nothing waits for approval.' });
    expect(JSON.stringify(responses[0]!.blocks)).toContain('Nothing waits for approval.');
  });

  it('lists a pending request for an approver as the card with its buttons', async () => {
    const request = await pendingRequest('AI cuts marketing costs');
    await dept(ALEX, 'approvals');
    await until(() => responses.length === 1, 'the list');
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral', text: 'Waiting for approval (1)' });
    const blocks = JSON.stringify(responses[0]!.blocks);
    expect(blocks).toContain('Publish AI cuts marketing costs');
    for (const id of ['dept_approve', 'dept_request_changes', 'dept_reject', 'dept_read_full']) expect(blocks).toContain(`"action_id":"${id}","value":"${request.id}"`);
    expect(blocks).not.toContain('You can read these but not decide them');
  });

  it('lists them for someone who is not an approver too, saying on top that they cannot decide and who can', async () => {
    const request = await pendingRequest('Spring launch email');
    await dept(SAM, 'approvals');
    await until(() => responses.length === 1, 'the list');
    const blocks = responses[0]!.blocks as unknown[];
    expect(JSON.stringify(blocks[0])).toContain(`You can read these but not decide them. Only <@${ALEX}> can decide this.`);
    expect(cardButtons(blocks, request.id)).toBe(4);
  });

  it('an approver\'s Approve in the list decides and shows the list again without the card, through the response_url', async () => {
    const first = await pendingRequest('First post');
    const second = await pendingRequest('Second post');
    await send(listClick(ALEX, 'dept_approve', first.id));
    await until(() => responses.length === 1, 'the list shown again');
    expect((await work().approvalWithDraft(first.id))!.request).toMatchObject({ state: 'approved', decidedBy: ALEX });
    expect(responses[0]).toMatchObject({ replace_original: true, text: 'Waiting for approval (1)' });
    expect(JSON.stringify(responses[0]!.blocks)).toContain(':white_check_mark: Approved: Publish First post');
    expect(cardButtons(responses[0]!.blocks, first.id)).toBe(0);
    expect(cardButtons(responses[0]!.blocks, second.id)).toBe(4);
    expect(updates).toEqual([]); // chat.update cannot reach an ephemeral message
  });
});

describe('the App Home tab', () => {
  it('shows an approver the pending card with its buttons, and the department\'s open tasks', async () => {
    const request = await pendingRequest('AI cuts marketing costs');
    await work().createTask({ title: 'Draft the nurture post', assignee: 'copywriter', requester: 'content_manager', dueDate: '2026-12-10' });
    expect((await openHome(ALEX)).status).toBe(200);
    await until(() => published.length === 1, 'the Home tab');
    expect(published[0]).toMatchObject({ user_id: ALEX });
    const view = viewOf(published[0]!);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(cardButtons(view.blocks, request.id)).toBe(4);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('*Waiting for your decision* (1)');
    expect(text).toContain('Draft the nurture post — todo · due 2026-12-10');
    expect(text).not.toContain('approval cards are coming');
  });

  it('tells anyone else how many wait and who can decide, without cards', async () => {
    const request = await pendingRequest('AI cuts marketing costs');
    await openHome(SAM);
    await until(() => published.length === 1, 'the Home tab');
    const text = JSON.stringify(viewOf(published[0]!).blocks);
    expect(text).toContain(`1 approval request waits for a decision. Only <@${ALEX}> can decide this.`);
    expect(cardButtons(viewOf(published[0]!).blocks, request.id)).toBe(0);
  });

  it('an Approve click on the Home tab decides and publishes the tab again without that card', async () => {
    const request = await pendingRequest('AI cuts marketing costs');
    const other = await pendingRequest('Spring launch email');
    await openHome(ALEX);
    await until(() => published.length === 1, 'the Home tab');
    expect((await send(homeClick(ALEX, 'dept_approve', request.id, viewOf(published[0]!) as unknown as Body))).status).toBe(200);
    await until(() => published.length === 2, 'the Home tab published again');
    expect((await work().approvalWithDraft(request.id))!.request).toMatchObject({ state: 'approved', decidedBy: ALEX });
    expect(published[1]).toMatchObject({ user_id: ALEX });
    const blocks = viewOf(published[1]!).blocks;
    expect(cardButtons(blocks, request.id)).toBe(0);
    expect(cardButtons(blocks, other.id)).toBe(4);
    expect(JSON.stringify(blocks)).toContain(':white_check_mark: Approved: Publish AI cuts marketing costs');
    expect(updates).toEqual([]);

    // A second click on the stale card decides nothing; the tab says why (it has no response_url).
    await send(homeClick(ALEX, 'dept_reject', request.id, viewOf(published[0]!) as unknown as Body));
    await until(() => published.length === 3, 'the Home tab with the reason');
    expect(JSON.stringify(viewOf(published[2]!).blocks)).toContain(`Already approved by <@${ALEX}>`);
    expect((await work().approvalWithDraft(request.id))!.request.state).toBe('approved');
  });

  it('Request changes from the Home tab decides on the modal\'s submit and publishes the tab again', async () => {
    const request = await pendingRequest('AI cuts marketing costs');
    await openHome(ALEX);
    await until(() => published.length === 1, 'the Home tab');
    await send(homeClick(ALEX, 'dept_request_changes', request.id, viewOf(published[0]!) as unknown as Body));
    await until(() => opened.length === 1, 'the changes modal');
    const modal = opened[0]!.view as { private_metadata: string };
    const submission = {
      type: 'view_submission', team: { id: 'T0TEAM', domain: 'acme' }, user: person(ALEX), api_app_id: 'A0APP', token: 'x', trigger_id: '9.9.sub',
      view: { id: 'V0CHG', team_id: 'T0TEAM', type: 'modal', callback_id: 'dept_changes_modal', private_metadata: modal.private_metadata, hash: 'h1', state: { values: { dept_comment: { value: { type: 'plain_text_input', value: 'Shorter intro.' } } } } },
    };
    expect((await send({ payload: JSON.stringify(submission) })).status).toBe(200);
    await until(() => published.length === 2, 'the Home tab published again');
    expect((await work().approvalWithDraft(request.id))!.request).toMatchObject({ state: 'changes_requested', comment: 'Shorter intro.' });
    expect(cardButtons(viewOf(published[1]!).blocks, request.id)).toBe(0);
    expect(JSON.stringify(viewOf(published[1]!).blocks)).toContain('Sent back for changes: Publish AI cuts marketing costs');
  });
});
