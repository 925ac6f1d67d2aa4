import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { TurnPrompt } from '../../../src/agents/turn-prompt.js';
import { buildApp, type App } from '../../../src/build-app.js';
import { eventEnvelope, sendSigned } from '../../support/signed-events.js';
import type { TestDatabase } from '../../support/database.js';
import { ScriptedModel, post } from '../../support/scripted-model.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { formBody } from '../../unit/slack/slack-api.js';
import { appFileLifecycle } from '../../support/app-file-lifecycle.js';
import { testConfig } from '../../support/test-config.js';

/**
 * Thread context through the whole department (Bolt over HTTP, Postgres, the Redis bus): people's
 * messages for no agent are kept as history without a turn, edits and deletions follow, and an
 * agent brought into a thread the department never saw reads it once with conversations.replies.
 * Slack's Web API is nock, in its documented shapes.
 */
const SLACK = 'http://slack.test';
const SECRET = 'thread-context-secret';
const APP_USER = 'U0APP';
const ALEX = 'U0ALEX';
const SAM = 'U0SAM';
/** #general is not the department's; #dept-standup is, and is nobody's home channel. */
const CHANNEL_NAMES: Record<string, string> = { C0GENERAL: 'general', C0STANDUP: 'dept-standup' };
const PEOPLE: Record<string, string> = { [ALEX]: 'Alex Rivera', [SAM]: 'Sam Chen' };

type SlackMessage = { type: 'message'; user: string; text: string; ts: string; thread_ts?: string };
const streams = testStreams('thread-context');
let t: TestDatabase;
let app: App | undefined;
let posts: Record<string, unknown>[];
/** What Slack holds per thread (`channel/root ts`), and how often the department read it. */
let slackThreads: Map<string, SlackMessage[]>;
let repliesCalls: Record<string, unknown>[];
let seq = 0;

function mockSlack() {
  posts = [];
  slackThreads = new Map();
  repliesCalls = [];
  const api = nock(SLACK).persist();
  api.post('/api/auth.test').reply(200, { ok: true, url: 'https://t.slack.com/', team: 'T', user: 'marketing_dept', team_id: 'T0TEAM', user_id: APP_USER, bot_id: 'B0APP' });
  api.post('/api/conversations.info').reply(200, (_uri, body) => {
    const id = String(formBody(body).channel);
    return { ok: true, channel: { id, name: CHANNEL_NAMES[id] ?? 'marketing-content', is_channel: true, is_member: true } };
  });
  api.post('/api/users.info').reply(200, (_uri, body) => {
    const id = String(formBody(body).user);
    return PEOPLE[id] ? { ok: true, user: { id, name: id.toLowerCase(), real_name: PEOPLE[id], profile: { display_name: '', real_name: PEOPLE[id] } } } : { ok: false, error: 'user_not_found' };
  });
  api.post('/api/conversations.replies').reply(200, (_uri, body) => {
    const q = formBody(body);
    repliesCalls.push(q);
    const messages = slackThreads.get(`${q.channel}/${q.ts}`);
    return messages ? { ok: true, has_more: false, messages, response_metadata: { next_cursor: '' } } : { ok: false, error: 'thread_not_found' };
  });
  api.post('/api/chat.postMessage').reply(200, (_uri, body) => {
    const fields = formBody(body);
    posts.push(fields);
    const ts = `1900000000.${String(++seq).padStart(6, '0')}`;
    return { ok: true, channel: fields.channel, ts, message: { type: 'message', text: fields.text, ts } };
  });
}

async function start(model: ScriptedModel): Promise<App> {
  const config = testConfig({
    PORT: '0',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: streams.next(),
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${SLACK}/api/`,
    SHUTDOWN_GRACE_SECONDS: '2',
  });
  return buildApp(config, { logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), model });
}

/** A person writes in a thread (the `message` event Slack sends, and app_mention too when the app is mentioned). */
async function say(channel: string, user: string, text: string, threadTs?: string): Promise<SlackMessage> {
  const ts = `1850000000.${String(++seq).padStart(6, '0')}`;
  const message: SlackMessage = { type: 'message', user, text, ts, ...(threadTs ? { thread_ts: threadTs } : {}) };
  const root = threadTs ?? ts;
  slackThreads.set(`${channel}/${root}`, [...(slackThreads.get(`${channel}/${root}`) ?? []), message]);
  await send({ ...message, channel, channel_type: 'channel', event_ts: ts });
  if (text.includes(`<@${APP_USER}>`)) await send({ ...message, type: 'app_mention', channel, event_ts: ts });
  return message;
}

async function send(event: Record<string, unknown>) {
  expect((await sendSigned(app!.port(), SECRET, eventEnvelope(APP_USER, event))).status).toBe(200);
}

async function until(check: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const pause = (ms = 300) => new Promise((r) => setTimeout(r, ms));
const said = (turn: TurnPrompt) => turn.history.filter((e) => e.from.startsWith('human:')).map((e) => `${e.fromName}: ${e.text}`);

function recordingModel() {
  const turns: TurnPrompt[] = [];
  return { turns, model: new ScriptedModel((turn) => (turns.push(turn), post(`On it (${turns.length})`))) };
}

async function deliveriesIn(channel: string): Promise<number> {
  const { rows } = await t.query<{ n: string }>(`select count(*) as n from deliveries d join conversations c on c.id = d.conversation_id where c.channel_id = '${channel}'`);
  return Number(rows[0]!.n);
}

appFileLifecycle({
  database: (db) => (t = db),
  stopApp: async () => {
    await app?.stop();
    app = undefined;
  },
  streams,
});

describe('thread context in Slack', () => {
  it('an agent mentioned in a thread people started elsewhere reads it once with conversations.replies; edits and deletions follow', async () => {
    mockSlack();
    const { turns, model } = recordingModel();
    app = await start(model);
    // People talk in #general, where the department never worked: nothing is kept, nobody answers.
    const root = await say('C0GENERAL', ALEX, 'Should we sponsor DevOpsDays this year?');
    const reply = await say('C0GENERAL', SAM, 'The last one brought us 40 leads', root.ts);
    await pause();
    expect(posts).toEqual([]);
    expect(await deliveriesIn('C0GENERAL')).toBe(0);

    await say('C0GENERAL', ALEX, `<@${APP_USER}> campaigns what do you think?`, root.ts);
    await until(() => posts.length === 1, 'the Campaign Manager to answer');
    expect(posts[0]).toMatchObject({ username: 'Campaign Manager', thread_ts: root.ts });
    expect(repliesCalls).toHaveLength(1);
    expect(repliesCalls[0]).toMatchObject({ channel: 'C0GENERAL', ts: root.ts });
    expect(said(turns[0]!)).toEqual(['Alex Rivera: Should we sponsor DevOpsDays this year?', 'Sam Chen: The last one brought us 40 leads']);
    expect(turns[0]!.incoming).toMatchObject({ fromName: 'Alex Rivera', text: 'campaigns what do you think?' });

    // Sam corrects the number, then Alex deletes the question: the next turn sees the thread as Slack shows it.
    await send({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C0GENERAL',
      channel_type: 'channel',
      ts: `1850000001.${String(++seq).padStart(6, '0')}`,
      message: { ...reply, text: 'The last one brought us 45 leads', edited: { user: SAM, ts: '1850000001.000000' } },
      previous_message: reply,
    });
    await send({ type: 'message', subtype: 'message_deleted', hidden: true, channel: 'C0GENERAL', channel_type: 'channel', ts: `1850000001.${String(++seq).padStart(6, '0')}`, deleted_ts: root.ts, previous_message: root });
    await say('C0GENERAL', SAM, `<@${APP_USER}> campaigns and the budget?`, root.ts);
    await until(() => posts.length === 2, 'the second answer');
    expect(said(turns[1]!)).toEqual(['Sam Chen: The last one brought us 45 leads', 'Alex Rivera: campaigns what do you think?']);
    expect(repliesCalls).toHaveLength(1); // read once per thread
    expect(await deliveriesIn('C0GENERAL')).toBe(2); // one per mention, none for the talk
  });

  it('people talk without mentioning anyone in a department channel, then mention an agent: it sees the talk, with no read from Slack', async () => {
    mockSlack();
    const { turns, model } = recordingModel();
    app = await start(model);
    const root = await say('C0STANDUP', ALEX, 'Blocked on the pricing page copy');
    await say('C0STANDUP', SAM, 'Legal has not signed off yet', root.ts);
    await pause();
    expect(posts).toEqual([]);
    expect(await deliveriesIn('C0STANDUP')).toBe(0);

    await say('C0STANDUP', ALEX, `<@${APP_USER}> copywriter can you take this over?`, root.ts);
    await until(() => posts.length === 1, 'the Copywriter to answer');
    expect(posts[0]).toMatchObject({ username: 'Copywriter', thread_ts: root.ts });
    expect(said(turns[0]!)).toEqual(['Alex Rivera: Blocked on the pricing page copy', 'Sam Chen: Legal has not signed off yet']);
    expect(repliesCalls).toEqual([]);
    expect(await deliveriesIn('C0STANDUP')).toBe(1);
  });
});
