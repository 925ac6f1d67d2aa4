import nock from 'nock';
import { pino } from 'pino';
import { buildApp, type App } from '../../src/build-app.js';
import type { ChatModel } from '../../src/llm/model.js';
import { WorkStore } from '../../src/store/work-store.js';
import { formBody } from '../unit/slack/slack-api.js';
import { appFileLifecycle } from './app-file-lifecycle.js';
import type { TestDatabase } from './database.js';
import { TEST_REDIS_URL, testStreams } from './services.js';
import { appMention, sendSigned, sendSignedForm } from './signed-events.js';
import { testConfig } from './test-config.js';

export type Body = Record<string, unknown>;

const SLACK = 'http://slack.test';
export const APP_USER = 'U0APP';
export const ALEX = 'U0ALEX'; // an approver (APPROVERS)
export const PAT = 'U0PAT'; // another approver
export const SAM = 'U0SAM'; // not one
const CHANNELS = { 'marketing-content': 'C0CONTENT', 'dept-approvals': 'C0APPROVALS', 'dept-escalations': 'C0ESCALATIONS', 'dept-decisions': 'C0DECISIONS', 'marketing-published': 'C0PUBLISHED', 'marketing-leadership': 'C0LEADERSHIP', 'dept-standup': 'C0STANDUP' };

/**
 * The whole department in a test file, offline (rehearsal model), through the real Bolt app,
 * Postgres and the Redis bus, with Slack's Web API answered by nock in its documented shapes and
 * what the app sent to it recorded: posts, updates, ephemeral answers, opened modals and slash
 * command responses. Helpers send what Slack would: mentions, card clicks, modal submissions, /dept.
 */
export function cardsHarness(name: string) {
  const streams = testStreams(name);
  const secret = `${name}-signing-secret`;
  let t: TestDatabase | undefined;
  let clicks = 0;
  let seq = 0;
  // Cleared in place, so a test may hold on to them.
  const posts: Body[] = [];
  const updates: Body[] = [];
  const ephemerals: Body[] = [];
  const opened: Body[] = [];
  const responses: Body[] = [];

  const h = {
    app: undefined as App | undefined,
    posts,
    updates,
    ephemerals,
    opened,
    responses,
    secret,

    /** Slack's Web API as the department uses it, answering in the documented shapes. */
    mockSlack() {
      for (const list of [posts, updates, ephemerals, opened, responses]) list.length = 0;
      const api = nock(SLACK).persist();
      api.post('/api/auth.test').reply(200, { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: APP_USER, bot_id: 'B0APP' });
      api.post('/api/conversations.info').reply(200, (_u, body) => ({ ok: true, channel: { id: formBody(body).channel, name: 'marketing-content', is_channel: true, is_member: true } }));
      api.post('/api/conversations.list').reply(200, { ok: true, channels: Object.entries(CHANNELS).map(([n, id]) => ({ id, name: n, is_channel: true, is_member: true })), response_metadata: { next_cursor: '' } });
      api.post('/api/users.info').reply(200, (_u, body) => ({ ok: true, user: { id: formBody(body).user, name: 'alex', profile: { display_name: 'Alex', real_name: 'Alex Rivera' } } }));
      api.post('/api/chat.postMessage').reply(200, (_u, body) => {
        const fields = formBody(body);
        const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
        posts.push({ ...fields, ts });
        return { ok: true, channel: fields.channel, ts, message: { type: 'message', text: fields.text, ts } };
      });
      // Top-level posts of the channel, newest first, with their metadata (as include_all_metadata asks).
      api.post('/api/conversations.history').reply(200, (_u, body) => {
        const channel = formBody(body).channel;
        const top = posts.filter((p) => p.channel === channel && !p.thread_ts).reverse();
        return { ok: true, has_more: false, messages: top.map((p) => ({ type: 'message', ts: p.ts, text: p.text, ...(p.metadata ? { metadata: typeof p.metadata === 'string' ? JSON.parse(p.metadata) : p.metadata } : {}) })) };
      });
      api.post('/api/chat.getPermalink').reply(200, (_u, body) => {
        const f = formBody(body);
        return { ok: true, channel: f.channel, permalink: `https://acme.slack.com/archives/${f.channel}/p${String(f.message_ts).replace('.', '')}` };
      });
      api.post('/api/chat.update').reply(200, (_u, body) => (updates.push(formBody(body)), { ok: true, channel: formBody(body).channel, ts: formBody(body).ts }));
      api.post('/api/views.open').reply(200, (_u, body) => (opened.push(formBody(body)), { ok: true, view: { id: 'V0MODAL' } }));
      api.post(/\/actions\/.*/).reply(200, (_u, body) => (ephemerals.push(body as Body), { ok: true }));
      api.post(/\/commands\/.*/).reply(200, (_u, body) => (responses.push(body as Body), { ok: true }));
    },

    /** The app on the rehearsal model, or on `model` (a test's scripted one). */
    async start(model?: ChatModel): Promise<App> {
      const config = testConfig({
        PORT: '0',
        DATABASE_URL: t!.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_STREAM: streams.next(),
        SLACK_BOT_TOKEN: 'xoxb-main',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: `${SLACK}/api/`,
        SHUTDOWN_GRACE_SECONDS: '2',
        APPROVERS: `${ALEX},${PAT}`,
      });
      h.app = await buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), ...(model ? { model } : {}) });
      return h.app;
    },

    work: () => new WorkStore(h.app!.store.db),
    /** A person's @mention of the app in #marketing-content, signed; the event (its ts is the thread's). */
    async mention(text: string) {
      const ask = appMention(APP_USER, text);
      await sendSigned(h.app!.port(), secret, ask);
      return ask;
    },
    form: (fields: Record<string, string>) => sendSignedForm(h.app!.port(), secret, fields),
    interaction: (payload: object) => h.form({ payload: JSON.stringify(payload) }),
    json,
    text: (b: Body) => `${String(b.text ?? '')} ${json(b.blocks)}`,
    /** Card posts (approval, escalation, decision), as their metadata says. */
    cards: (kind?: string) => posts.filter((p) => json(p.metadata).includes('"dept_card"') && (!kind || json(p.metadata).includes(`"kind":"${kind}"`))),

    /** A button on a card as Slack sends the click: the card's message is the container. */
    click: (user: string, actionId: string, value: string, card: Body) => ({
      type: 'block_actions', user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0TEAM' }, api_app_id: 'A0APP', token: 'x',
      trigger_id: `9.${++clicks}.trg`, team: { id: 'T0TEAM', domain: 'acme' },
      container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
      channel: { id: card.channel, name: 'dept-approvals' }, response_url: `${SLACK}/actions/T0TEAM/${clicks}/resp`,
      actions: [{ action_id: actionId, block_id: 'dept_decision', value, type: 'button', action_ts: '1800000001.1', text: { type: 'plain_text', text: 'Approve' } }],
    }),

    /** The modal the last button opened, submitted with `value` in its one input. */
    submission(user: string, value: string) {
      const view = opened.at(-1)!.view as { callback_id: string; private_metadata: string; blocks: { block_id?: string }[] };
      const blockId = view.blocks.find((b) => b.block_id)!.block_id!;
      return {
        type: 'view_submission', team: { id: 'T0TEAM', domain: 'acme' }, user: { id: user, username: 'alex', name: 'alex', team_id: 'T0TEAM' }, api_app_id: 'A0APP', token: 'x', trigger_id: '9.9.sub',
        view: { id: 'V0MODAL', team_id: 'T0TEAM', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata, hash: 'h1', state: { values: { [blockId]: { value: { type: 'plain_text_input', value } } } } },
      };
    },

    /** `/dept <text>` typed by Alex in #marketing-content. */
    dept: (text: string) =>
      h.form({
        token: 'x', team_id: 'T0TEAM', team_domain: 'acme', channel_id: 'C0CONTENT', channel_name: 'marketing-content', user_id: ALEX, user_name: 'alex',
        command: '/dept', text, api_app_id: 'A0APP', response_url: `${SLACK}/commands/T0TEAM/9/${++clicks}`, trigger_id: '1.2.cmd',
      }),
  };

  appFileLifecycle({
    database: (db) => (t = db),
    stopApp: async () => {
      await h.app?.stop();
      h.app = undefined;
    },
    streams,
  });
  return h;
}

const json = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
