import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import type { ChatModel } from '../../../src/llm/model.js';
import { slackSignatureHeaders } from '../../../src/lib/slack-signature.js';
import type { TestDatabase } from '../../support/database.js';
import { ScriptedModel, post } from '../../support/scripted-model.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';
import { testConfig } from '../../support/test-config.js';

/**
 * The whole department as it runs: the real Bolt app over HTTP, Postgres, the Redis bus and a
 * model, with Slack's Web API answered by nock in its documented shapes.
 */
const SLACK = 'http://slack.test';
const SECRET = 'e2e-signing-secret';
const APP_USER = 'U0APP';
const COPY_USER = 'U0COPYBOT';

type Post = Record<string, unknown> & { token?: string };
const streams = testStreams('dept');
let t: TestDatabase;
let posts: Post[];
let seq = 0;

function mockSlack() {
  posts = [];
  const api = nock(SLACK).persist();
  api.post('/api/auth.test').reply(200, function () {
    const dedicated = String(this.req.headers.authorization).includes('xoxb-copywriter');
    return dedicated
      ? { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'copywriter', team_id: 'T0TEAM', user_id: COPY_USER, bot_id: 'B0COPY' }
      : { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: APP_USER, bot_id: 'B0APP' };
  });
  api.post('/api/conversations.info').reply(200, (_uri, body) => ({
    ok: true,
    channel: { id: formBody(body).channel, name: 'marketing-content', is_channel: true, is_member: true },
  }));
  api.post('/api/conversations.list').reply(200, { ok: true, channels: [{ id: 'C0APPROVALS', name: 'dept-approvals' }, { id: 'C0DECISIONS', name: 'dept-decisions' }], response_metadata: { next_cursor: '' } });
  api.post('/api/users.info').reply(200, (_uri, body) => ({ ok: true, user: { id: formBody(body).user, name: 'dana', profile: { display_name: 'Dana', real_name: 'Dana Kim' } } }));
  api.post('/api/chat.postMessage').reply(200, function (_uri, body) {
    const fields = formBody(body);
    posts.push({ ...fields, token: String(this.req.headers.authorization).replace('Bearer ', '') });
    const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
    return { ok: true, channel: fields.channel, ts, message: { type: 'message', text: fields.text, ts } };
  });
}

async function start(model?: ChatModel, extra: Record<string, string> = {}): Promise<App> {
  const config = testConfig({
    PORT: '0',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: streams.next(),
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${SLACK}/api/`,
    SHUTDOWN_GRACE_SECONDS: '2',
    ...extra,
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...(model ? { model } : {}) });
}

function mention(text: string, opts: { eventId?: string; ts?: string; threadTs?: string } = {}) {
  const ts = opts.ts ?? `1800000000.${String(++seq).padStart(6, '0')}`;
  return {
    token: 'x',
    team_id: 'T0TEAM',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${randomBytes(5).toString('hex')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: 'T0TEAM', user_id: APP_USER, is_bot: true }],
    event: { type: 'app_mention', user: 'U0HUMAN', text, ts, channel: 'C0CONTENT', event_ts: ts, ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}) },
  };
}

async function send(app: App, payload: unknown, headers: Record<string, string> = {}) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return fetch(`http://127.0.0.1:${app.port()}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...slackSignatureHeaders(SECRET, body), ...headers },
    body,
  });
}

async function sendForm(app: App, fields: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  return fetch(`http://127.0.0.1:${app.port()}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignatureHeaders(SECRET, body) },
    body,
  });
}

const interaction = (payload: object) => ({ payload: JSON.stringify(payload) });

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const quiet = async (ms = 300) => new Promise((r) => setTimeout(r, ms));

let app: App | undefined;
appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
  streams,
});

describe('the department in Slack', () => {
  it('answers a persona mention in the thread as the named agent, once even when Slack retries', async () => {
    mockSlack();
    app = await start();
    const event = mention(`<@${APP_USER}> seo which keywords should our AI cost post target?`);
    expect((await send(app, event)).status).toBe(200);
    expect((await send(app, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await until(() => posts.length >= 1, 'the SEO Specialist to answer');
    await quiet();
    expect(posts).toHaveLength(1);
    const reply = posts[0]!;
    expect(reply).toMatchObject({ token: 'xoxb-main', channel: 'C0CONTENT', thread_ts: event.event.ts, username: 'SEO Specialist' });
    expect(reply.icon_emoji ?? reply.icon_url).toBeTruthy();
    expect(JSON.stringify(reply.blocks)).toContain('Rehearsal model');
    expect((reply.metadata as { event_type: string }).event_type).toBe('dept_agent_message');
  });

  it('runs a delegated collaboration across agents through the bus, offline', async () => {
    mockSlack();
    app = await start();
    const event = mention(`<@${APP_USER}> content we need a case study on how AI reduces marketing costs, with keyword research for search`);
    await send(app, event);
    await until(() => posts.length >= 4, 'the content team to finish');
    await quiet();
    expect(posts.map((p) => p.username)).toEqual(['Content Manager', expect.any(String), expect.any(String), 'Content Manager']);
    expect(new Set(posts.slice(1, 3).map((p) => p.username))).toEqual(new Set(['Copywriter', 'SEO Specialist']));
    expect(posts.every((p) => p.thread_ts === event.event.ts)).toBe(true);
    expect(String(posts[0]!.text)).toMatch(/@Copywriter/);
  });

  it('posts as a dedicated bot user with its own token when the agent has one', async () => {
    mockSlack();
    app = await start(undefined, { SLACK_AGENT_TOKENS: JSON.stringify({ copywriter: 'xoxb-copywriter' }) });
    const event = mention(`<@${APP_USER}> <@${COPY_USER}> please draft three headlines for the AI cost post`);
    await send(app, event);
    await until(() => posts.length >= 1, 'the Copywriter to answer');
    expect(posts[0]).toMatchObject({ token: 'xoxb-copywriter', thread_ts: event.event.ts });
    expect(posts[0]!.username).toBeUndefined();
  });

  it('delivers a 1,500-word post whole to Slack, as a persona and as a dedicated bot user', async () => {
    mockSlack();
    const deliverable = Array.from({ length: 49 }, (_, i) => `Paragraph ${i + 1}. ${'Marketing teams cut costs with AI tooling every quarter. '.repeat(3).trim()}`).join('\n\n');
    expect(deliverable.length).toBeGreaterThan(9000);
    app = await start(new ScriptedModel(() => post(deliverable)), { SLACK_AGENT_TOKENS: JSON.stringify({ copywriter: 'xoxb-copywriter' }) });
    await send(app, mention(`<@${APP_USER}> <@${COPY_USER}> the blog post please`));
    await send(app, mention(`<@${APP_USER}> seo the blog post please`));
    await until(() => posts.length >= 2, 'both answers');
    expect(new Set(posts.map((p) => p.token))).toEqual(new Set(['xoxb-copywriter', 'xoxb-main']));
    for (const p of posts) {
      expect(p.text).toBe(deliverable);
      const sections = (p.blocks as { type: string; text?: { text: string } }[]).filter((b) => b.type === 'section').map((b) => b.text!.text);
      expect(sections.every((x) => x.length <= 3000)).toBe(true);
      expect(sections.join('\n\n')).toBe(deliverable);
    }
  });

  it('stops an agent-to-agent chain at the thread budget and says so once', async () => {
    mockSlack();
    const pingPong = new ScriptedModel((turn) => post('Over to you', [turn.agentId === 'copywriter' ? 'seo_specialist' : 'copywriter']));
    app = await start(pingPong);
    const budget = app.department.file.budgets.thread_agent_turns;
    await send(app, mention(`<@${APP_USER}> copywriter let's brainstorm with seo`));
    await until(() => posts.length >= budget + 1, 'the budget notice');
    await quiet(500);
    const notices = posts.filter((p) => String(p.text).includes('reached its budget'));
    expect(notices).toHaveLength(1);
    expect(posts).toHaveLength(budget + 1);
  });

  it('refuses bad signatures, survives malformed payloads and keeps serving', async () => {
    mockSlack();
    app = await start();
    const base = `http://127.0.0.1:${app.port()}`;
    const forged = JSON.stringify(mention(`<@${APP_USER}> seo hello`));
    const bad = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...slackSignatureHeaders('wrong-secret', forged) },
      body: forged,
    });
    expect(bad.status).toBe(401);
    const stale = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...slackSignatureHeaders(SECRET, forged, Math.floor(Date.now() / 1000) - 3600) },
      body: forged,
    });
    expect(stale.status).toBe(401);
    const future = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...slackSignatureHeaders(SECRET, forged, Math.floor(Date.now() / 1000) + 24 * 3600) },
      body: forged,
    });
    expect(future.status).toBe(401);
    expect((await send(app, '{"type":"event_callback", "event": {')).status).toBe(400);
    // Signed bodies that used to kill the process (a TypeError inside Bolt) or get 500.
    expect((await send(app, 'null')).status).toBe(400);
    expect((await sendForm(app, { payload: 'null' })).status).toBe(400);
    expect((await send(app, { type: 'event_callback', event_id: 'EvNull', event: null })).status).toBe(400);
    expect((await send(app, { type: 'event_callback', event_id: 'EvOdd', event: { type: 'app_mention', channel: 42 } })).status).toBe(400);
    expect((await sendForm(app, interaction({ type: 'block_actions', team: { id: 'T0TEAM' } }))).status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const good = mention(`<@${APP_USER}> seo still there?`);
    expect((await send(app, good)).status).toBe(200);
    await until(() => posts.length >= 1, 'an answer after the bad input');
    expect(posts).toHaveLength(1); // the forged one was never processed
    expect(posts[0]!.thread_ts).toBe(good.event.ts);
  });

  it('leaves an event it could not record unacknowledged (500); Slack\'s retry is recorded and answered exactly once', async () => {
    mockSlack();
    app = await start();
    const event = mention(`<@${APP_USER}> seo which keywords should the pricing page target?`);
    await t.query('alter table slack_events rename to slack_events_away'); // the write fails, as in an outage
    try {
      expect((await send(app, event)).status).toBe(500);
    } finally {
      await t.query('alter table slack_events_away rename to slack_events');
    }
    await quiet();
    expect(posts).toEqual([]);
    expect((await send(app, event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_error' })).status).toBe(200);
    expect((await send(app, event, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
    await until(() => posts.length >= 1, 'the SEO Specialist to answer the retried event');
    await quiet();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ channel: 'C0CONTENT', thread_ts: event.event.ts, username: 'SEO Specialist' });
  });

  it('answers a message with a NUL character and a lone surrogate', async () => {
    mockSlack();
    app = await start();
    const event = mention(`<@${APP_USER}> seo key\u0000words for the \uD800 launch page?`);
    expect((await send(app, event)).status).toBe(200);
    await until(() => posts.length >= 1, 'the SEO Specialist to answer');
    expect(posts[0]).toMatchObject({ username: 'SEO Specialist', thread_ts: event.event.ts });
    const { rows } = await t.query(`select text from messages where ts = '${event.event.ts}'`);
    expect(rows).toEqual([{ text: 'seo key\uFFFDwords for the \uFFFD launch page?' }]);
  });

  it('on stop, refuses new events, lets an in-flight turn finish within the grace period', async () => {
    mockSlack();
    const running = await start(slowModel(400, 'Worth the wait'));
    const port = running.port();
    await send(running, mention(`<@${APP_USER}> cmo thoughts on Q3?`));
    await new Promise((r) => setTimeout(r, 150)); // the turn is waiting on the model
    await running.stop();
    expect(posts).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('hands a turn that outlives the grace period back as pending for another worker', async () => {
    mockSlack();
    const running = await start(slowModel(1500, 'late'), { SHUTDOWN_GRACE_SECONDS: '0.2' });
    const event = mention(`<@${APP_USER}> cmo a long question`);
    await send(running, event);
    await new Promise((r) => setTimeout(r, 150));
    await running.stop();
    const { rows } = await t.query(`select d.status from deliveries d join messages m on m.id = d.message_id where m.ts = '${event.event.ts}'`);
    expect(rows).toEqual([{ status: 'pending' }]);
    await new Promise((r) => setTimeout(r, 1500)); // the model answers after the hand-back…
    expect(posts).toEqual([]); // …and the abandoned turn posts nothing
  });

  it('/dept shows the directory; Ask opens a modal; submitting it starts a thread the agent answers', async () => {
    mockSlack();
    const responses: Record<string, unknown>[] = [];
    nock(SLACK).persist().post('/commands/T0TEAM/1/abc').reply(200, (_u, body) => {
      responses.push(body as Record<string, unknown>);
      return { ok: true };
    });
    const opened: Record<string, unknown>[] = [];
    nock(SLACK).persist().post('/api/views.open').reply(200, (_u, body) => {
      opened.push(formBody(body));
      return { ok: true, view: { id: 'V0ASK' } };
    });
    app = await start();
    const command = {
      token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content',
      user_id: 'U0HUMAN', user_name: 'dana', command: '/dept', text: '', api_app_id: 'A0APP',
      response_url: `${SLACK}/commands/T0TEAM/1/abc`, trigger_id: '1.2.abc',
    };
    expect((await sendForm(app, command)).status).toBe(200);
    await until(() => responses.length === 1, 'the directory');
    const directory = JSON.stringify(responses[0]);
    expect(responses[0]).toMatchObject({ response_type: 'ephemeral' });
    for (const name of ['CMO', 'Copywriter', 'Twitter Manager']) expect(directory).toContain(name);
    expect(directory.match(/dept_ask_agent/g)).toHaveLength(app.department.agents.length);

    const user = { id: 'U0HUMAN', username: 'dana', name: 'dana', team_id: 'T0TEAM' };
    const click = {
      type: 'block_actions', user, api_app_id: 'A0APP', token: 'x', trigger_id: '2.3.def', team: { id: 'T0TEAM', domain: 'acme' },
      container: { type: 'message', message_ts: '1800000000.000001', channel_id: 'C0CONTENT', is_ephemeral: true },
      channel: { id: 'C0CONTENT', name: 'marketing-content' }, response_url: `${SLACK}/actions/T0TEAM/1/xyz`,
      actions: [{ action_id: 'dept_ask_agent', block_id: 'b1', value: 'copywriter', type: 'button', action_ts: '1800000001.1', text: { type: 'plain_text', text: 'Ask' } }],
    };
    expect((await sendForm(app, interaction(click))).status).toBe(200);
    await until(() => opened.length === 1, 'the Ask modal');
    const view = opened[0]!.view as { callback_id: string; private_metadata: string };
    expect(opened[0]!.trigger_id).toBe('2.3.def');
    expect(view.callback_id).toBe('dept_ask_modal');

    const submission = (value: string) => ({
      type: 'view_submission', team: { id: 'T0TEAM', domain: 'acme' }, user, api_app_id: 'A0APP', token: 'x', trigger_id: '3.4.ghi',
      view: {
        id: 'V0ASK', team_id: 'T0TEAM', type: 'modal', callback_id: 'dept_ask_modal', private_metadata: view.private_metadata, hash: 'h1',
        state: { values: { dept_question: { text: { type: 'plain_text_input', value } } } },
      },
    });
    const empty = await sendForm(app, interaction(submission('   ')));
    expect(await empty.json()).toMatchObject({ response_action: 'errors', errors: { dept_question: expect.any(String) } });
    expect((await sendForm(app, interaction(submission('Three headline options for the AI cost post, please')))).status).toBe(200);
    await until(() => posts.length >= 2, 'the root post and the Copywriter\'s answer');
    const [root, answer] = posts;
    expect(root).toMatchObject({ channel: 'C0CONTENT', token: 'xoxb-main' });
    expect(String(root!.text)).toContain('<@U0HUMAN> asked *Copywriter*');
    expect(answer).toMatchObject({ username: 'Copywriter', thread_ts: expect.any(String) });
    expect(root!.thread_ts).toBeUndefined();
  });

  it('/dept with an unknown handle explains what to type', async () => {
    mockSlack();
    const responses: Record<string, unknown>[] = [];
    nock(SLACK).post('/commands/T0TEAM/2/abc').reply(200, (_u, body) => {
      responses.push(body as Record<string, unknown>);
      return { ok: true };
    });
    app = await start();
    await sendForm(app, {
      team_id: 'T0TEAM', channel_id: 'C0CONTENT', user_id: 'U0HUMAN', command: '/dept', text: 'astrologer what do the stars say',
      response_url: `${SLACK}/commands/T0TEAM/2/abc`, trigger_id: '1.2.x',
    });
    await until(() => responses.length === 1, 'the explanation');
    expect(String(responses[0]!.text)).toContain('I don\'t know an agent called "astrologer"');
  });

  it('works over Socket Mode: acks the envelope and answers in the thread', async () => {
    mockSlack();
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const wsPort = (wss.address() as AddressInfo).port;
    nock(SLACK).persist().post('/api/apps.connections.open').matchHeader('authorization', 'Bearer xapp-1-test').reply(200, { ok: true, url: `ws://127.0.0.1:${wsPort}/link` });
    const acks: string[] = [];
    const event = mention(`<@${APP_USER}> seo which keywords for the launch page?`);
    wss.on('connection', (socket) => {
      socket.on('message', (data) => acks.push(JSON.parse(String(data)).envelope_id));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' }, debug_info: { host: 'test' } }));
      socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: event }));
    });
    try {
      app = await start(undefined, { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-1-test' });
      await until(() => posts.length >= 1, 'the answer over Socket Mode');
      expect(acks).toContain('env-1');
      expect(posts[0]).toMatchObject({ username: 'SEO Specialist', thread_ts: event.event.ts });
      expect((await fetch(`http://127.0.0.1:${app.port()}/healthz`)).status).toBe(200);
    } finally {
      await app?.stop();
      app = undefined;
      for (const client of wss.clients) client.terminate();
      await new Promise((r) => wss.close(r));
    }
  });
});

/** A model that thinks for `ms` before answering: turns in flight at shutdown. */
function slowModel(ms: number, answer: string): ChatModel {
  const model = new ScriptedModel(() => post(answer));
  const create = model.create.bind(model);
  model.create = async (req) => {
    await new Promise((r) => setTimeout(r, ms));
    return create(req);
  };
  return model;
}

describe('/dept tasks and /dept decisions', () => {
  it('lists open tasks by owner and finds recorded decisions', async () => {
    mockSlack();
    const responses: Record<string, unknown>[] = [];
    nock(SLACK).persist().post('/commands/T0TEAM/9/rec').reply(200, (_u, body) => (responses.push(body as Record<string, unknown>), { ok: true }));
    app = await start();
    const work = new WorkStore(app.store.db);
    await work.recordDecision({
      maker: 'content_manager', type: 'blog_post_topics', context: 'Q1 editorial plan', decision: 'Lead with the nurture study',
      actions: [{ assigned_to: 'copywriter', action: 'Draft the nurture post', due_date: '2026-12-10' }],
    });
    const command = (text: string) => ({
      token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: 'U0HUMAN', user_name: 'dana',
      command: '/dept', text, api_app_id: 'A0APP', response_url: `${SLACK}/commands/T0TEAM/9/rec`, trigger_id: '1.2.rec',
    });
    await sendForm(app, command('decisions nurture'));
    await until(() => responses.length === 1, 'the decisions');
    expect(JSON.stringify(responses[0])).toContain('Lead with the nurture study');
    expect(JSON.stringify(responses[0])).toContain('by Content Manager');
    await sendForm(app, command('tasks copywriter'));
    await until(() => responses.length === 2, 'the tasks');
    expect(JSON.stringify(responses[1])).toContain('Draft the nurture post — todo · due 2026-12-10');
    await sendForm(app, command('tasks nobody'));
    await until(() => responses.length === 3, 'the unknown agent');
    expect(String(responses[2]!.text)).toContain('I don\'t know an agent called "nobody"');
  });
});
