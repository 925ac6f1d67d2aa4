import { createHmac } from 'node:crypto';
import nock from 'nock';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { startSlack, type SlackConnection } from '../../../src/slack/start-slack.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { RecordingBus } from '../../support/recording-bus.js';
import { formBody } from '../../unit/slack/slack-api.js';

const SLACK = 'http://slack.test';
const SECRET = 'start-slack-secret';
let t: TestDatabase;
let slack: SlackConnection;
const bus = new RecordingBus();

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  nock(SLACK).post('/api/auth.test').reply(200, { ok: true, user: 'marketing_dept', user_id: 'UAPP', bot_id: 'BAPP', team_id: 'T1' });
  t = await createTestDatabase();
  const config = loadConfig({ PORT: '0', SLACK_BOT_TOKEN: 'xoxb-main', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${SLACK}/api/` });
  slack = await startSlack({ config, department: departmentFixture(), store: t.store, bus, logger: pino({ level: 'silent' }), health: async () => true });
});

afterAll(async () => {
  await slack?.stop();
  await t?.drop();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('startSlack', () => {
  it('wires identities, ingest, the Bolt app and the gateway together', async () => {
    expect(slack.identities.main.userId).toBe('UAPP');
    const base = `http://127.0.0.1:${slack.port()}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // A person DMs the app: stored for the front desk and published on the bus.
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      event_id: 'EvS1',
      event: { type: 'message', channel: 'D1', channel_type: 'im', user: 'UHUMAN', text: 'hello, who plans launches?', ts: '300.1', event_ts: '300.1' },
    });
    const ts = Math.floor(Date.now() / 1000);
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const res = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig },
      body,
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 200 && bus.published.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(bus.published).toHaveLength(1);

    // The front desk answers in the thread through the gateway, as a persona of the main bot.
    nock(SLACK).post('/api/chat.postMessage', (b) => formBody(b).username === 'VP of Marketing').reply(200, { ok: true, ts: '300.2' });
    const posted = await slack.poster.postAsAgent({
      agentId: 'vp_marketing',
      channelId: 'D1',
      threadTs: '300.1',
      text: 'I do. What are we launching?',
      mentions: [],
      protocol: { id: 'msg_vp1', from: 'vp_marketing', to: [], type: 'reply', priority: 'normal', context: { channel: 'D1', thread_ts: '300.1', related_messages: [] }, content: { body: 'I do.' }, required_response: false },
      rehearsal: false,
    });
    expect(posted).toEqual({ ts: '300.2' });
  });
});
