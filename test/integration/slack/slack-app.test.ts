import { createHmac } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { createChannelDirectory } from '../../../src/slack/channel-directory.js';
import { resolveIdentities } from '../../../src/slack/identities.js';
import { createIngest, type Ingest, type IngestOutcome } from '../../../src/slack/ingest.js';
import { createAgentThreads } from '../../../src/slack/start-agent-thread.js';
import { deliveries, messages, slackEvents } from '../../../src/store/schema.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { RecordingBus } from '../../support/recording-bus.js';

const SECRET = 'test-signing-secret';
const SLACK = 'http://slack.test';
const log = pino({ level: 'silent' });

let t: TestDatabase;
let slack: SlackApp;
let base: string;
let healthy = true;
const bus = new RecordingBus();
const outcomes: IngestOutcome[] = [];
/** Holds ingest until released, to show Slack gets its 200 before any work is done. */
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  nock(SLACK).post('/api/auth.test').matchHeader('authorization', 'Bearer xoxb-main')
    .reply(200, { ok: true, user: 'marketing_dept', user_id: 'UAPP', bot_id: 'BAPP', team_id: 'T1' });
  nock(SLACK).post('/api/auth.test').matchHeader('authorization', 'Bearer xoxb-copy')
    .reply(200, { ok: true, user: 'copywriter', user_id: 'UCOPY', bot_id: 'BCOPY', team_id: 'T1' });
  nock(SLACK).post('/api/conversations.info').reply(200, { ok: true, channel: { id: 'C1', name: 'marketing-content', is_channel: true, is_private: false } });

  t = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${SLACK}/api/`,
    SLACK_AGENT_TOKENS: JSON.stringify({ copywriter: 'xoxb-copy' }),
  });
  const department = departmentFixture();
  const identities = await resolveIdentities(config, department, log);
  const real = createIngest({ store: t.store, bus, department, identities, channels: createChannelDirectory(identities.main.client, log), logger: log });
  const ingest: Ingest = {
    async handleMessageEvent(event, meta) {
      await gate;
      const outcome = await real.handleMessageEvent(event, meta);
      outcomes.push(outcome);
      return outcome;
    },
  };
  const threads = createAgentThreads({ store: t.store, bus, department, identities, logger: log });
  slack = createSlackApp({ config, identities, ingest, department, threads, logger: log, health: async () => healthy });
  await slack.start();
  base = `http://127.0.0.1:${slack.port()}`;
});

afterAll(async () => {
  await slack?.stop();
  await t?.drop();
  nock.cleanAll();
  nock.enableNetConnect();
});

function sign(body: string, ts = Math.floor(Date.now() / 1000)) {
  return { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}` };
}

async function send(payload: unknown, opts: { headers?: Record<string, string>; raw?: string; signature?: Record<string, string> } = {}) {
  const body = opts.raw ?? JSON.stringify(payload);
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.signature ?? sign(body)), ...opts.headers },
    body,
  });
  return { status: res.status, text: await res.text() };
}

const envelope = (eventId: string, event: Record<string, unknown>) => ({
  token: 'legacy',
  team_id: 'T1',
  api_app_id: 'A1',
  type: 'event_callback',
  event_id: eventId,
  event_time: 1_700_000_000,
  authorizations: [{ team_id: 'T1', user_id: 'UAPP', is_bot: true }],
  event,
});
const mention = (ts: string, text: string) => ({ type: 'app_mention', user: 'UHUMAN', text, ts, channel: 'C1', event_ts: ts });
const message = (ts: string, text: string, over: Record<string, unknown> = {}) => ({ type: 'message', user: 'UHUMAN', text, ts, channel: 'C1', channel_type: 'channel', event_ts: ts, ...over });

async function settled(count: number) {
  for (let i = 0; i < 200 && outcomes.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  expect(outcomes).toHaveLength(count);
}
const counts = async () => ({
  events: (await t.database.db.select().from(slackEvents)).length,
  messages: (await t.database.db.select().from(messages)).length,
  deliveries: (await t.database.db.select().from(deliveries)).length,
});

describe('Slack app over HTTP', () => {
  it('answers Slack\'s url_verification challenge', async () => {
    const res = await send({ token: 'legacy', challenge: 'c-123', type: 'url_verification' });
    expect(res).toEqual({ status: 200, text: JSON.stringify({ challenge: 'c-123' }) });
  });

  it('acks a signed app_mention at once, then stores one message with its delivery and publishes it once', async () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const started = Date.now();
    const res = await send(envelope('Ev1', mention('100.000001', '<@UAPP> what is on the calendar?')));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(outcomes).toHaveLength(0); // the work had not even started when Slack got its 200
    release();
    await settled(1);
    expect(outcomes[0]).toMatchObject({ status: 'stored', route: { targets: ['content_manager'], reason: 'home_channel' } });
    expect(await counts()).toEqual({ events: 1, messages: 1, deliveries: 1 });
    const [row] = await t.database.db.select().from(messages);
    expect(row).toMatchObject({ channelId: 'C1', ts: '100.000001', authorKind: 'human', authorId: 'UHUMAN', text: 'what is on the calendar?', toAgents: ['content_manager'] });
    expect(bus.published).toHaveLength(1);
  });

  it('a retried event (same event_id) delivers nothing new', async () => {
    const res = await send(envelope('Ev1', mention('100.000001', '<@UAPP> what is on the calendar?')), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(res.status).toBe(200);
    await settled(2);
    expect(outcomes[1]).toMatchObject({ status: 'duplicate' });
    expect(await counts()).toEqual({ events: 1, messages: 1, deliveries: 1 });
    expect(bus.published).toHaveLength(1);
  });

  it('the message event for the same post delivers nothing new', async () => {
    await send(envelope('Ev2', message('100.000001', '<@UAPP> what is on the calendar?')));
    await settled(3);
    expect(outcomes[2]).toMatchObject({ status: 'duplicate', route: { targets: ['content_manager'] } });
    expect((await counts()).deliveries).toBe(1);
    expect(bus.published).toHaveLength(1);
  });

  it('refuses a wrong signature with 401 and processes nothing', async () => {
    const before = await counts();
    const body = JSON.stringify(envelope('Ev3', mention('101.1', '<@UAPP> hi')));
    const res = await send(null, { raw: body, signature: { ...sign(body), 'x-slack-signature': `v0=${'0'.repeat(64)}` } });
    expect(res.status).toBe(401);
    const unsigned = await send(null, { raw: body, signature: {} });
    expect(unsigned.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(outcomes).toHaveLength(3);
    expect(await counts()).toEqual(before);
  });

  it('refuses a stale timestamp even with a valid signature', async () => {
    const body = JSON.stringify(envelope('Ev4', mention('102.1', '<@UAPP> hi')));
    const res = await send(null, { raw: body, signature: sign(body, Math.floor(Date.now() / 1000) - 10 * 60) });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(outcomes).toHaveLength(3);
  });

  it('survives a malformed body and an event missing its fields; the next request still works', async () => {
    expect((await send(null, { raw: '{"type": "event_callback", "event": ' })).status).toBe(400);
    // Bolt acks an event before it is looked at; ingest finds no channel or ts and drops it.
    expect((await send(envelope('Ev5', { type: 'app_mention', text: '<@UAPP> hi' }))).status).toBe(200);
    await settled(4);
    expect(outcomes[3]).toEqual({ status: 'dropped', why: 'malformed' });
    const res = await send(envelope('Ev6', message('103.1', '@seo keywords for the ROI post?')));
    expect(res.status).toBe(200);
    await settled(5);
    expect(outcomes[4]).toMatchObject({ status: 'stored', route: { targets: ['seo_specialist'], reason: 'handle' } });
  });

  it('answers an envelope Bolt cannot classify without crashing', async () => {
    const res = await send({ type: 'event_callback', event_id: 'Ev7', team_id: 'T1' });
    expect([200, 404]).toContain(res.status); // Bolt never acks a body with no event: it times out after 3 s
    expect((await send(envelope('Ev8', message('104.1', '@writer a tagline please')))).status).toBe(200);
    await settled(6);
    expect(outcomes[5]).toMatchObject({ status: 'stored', route: { targets: ['copywriter'] } });
  }, 10_000);

  it('ignores events written by our own bots', async () => {
    const before = await counts();
    const published = bus.published.length;
    // The main bot's persona post: Bolt's ignoreSelf drops it before any listener.
    await send(envelope('Ev9', message('105.1', '*@Copywriter* draft attached', { user: 'UAPP', bot_id: 'BAPP', metadata: { event_type: 'dept_agent_message', event_payload: {} } })));
    // A dedicated agent bot's post reaches ingest, which drops it.
    await send(envelope('Ev10', message('105.2', '<@UAPP> @seo please check', { user: 'UCOPY', bot_id: 'BCOPY' })));
    await settled(7);
    expect(outcomes[6]).toEqual({ status: 'dropped', why: 'our bot' });
    const after = await counts();
    expect(after.messages).toBe(before.messages);
    expect(after.deliveries).toBe(before.deliveries);
    expect(bus.published.length).toBe(published);
  });

  it('serves GET /healthz: 200 when healthy, 503 when not', async () => {
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true });
    healthy = false;
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false });
    healthy = true;
  });
});
