import { noFollowUps, testDesk } from '../../support/approval-desk.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { PublicationStore } from '../../../src/store/publication-store.js';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { WebSocketServer, type WebSocket } from 'ws';
import { freePort } from '../../../src/lib/free-port.js';
import { createAgentThreads } from '../../../src/slack/start-agent-thread.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { createChannelDirectory } from '../../../src/slack/channel-directory.js';
import { createIngest, type Ingest } from '../../../src/slack/ingest.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { messages } from '../../../src/store/schema.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { RecordingBus } from '../../support/recording-bus.js';
import { buildIdentities } from '../../../src/slack/identities.js';

const SLACK = 'http://slack.test';
const log = pino({ level: 'silent' });

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('Slack app in Socket Mode', () => {
  it('opens the connection through SLACK_API_URL with the app token, and a failed start leaves nothing listening', async () => {
    const port = await freePort();
    const config = loadConfig({ PORT: String(port), SLACK_BOT_TOKEN: 'xoxb-main', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: `${SLACK}/api/` });
    const open = nock(SLACK).post('/api/apps.connections.open').matchHeader('authorization', 'Bearer xapp-1-test').reply(200, { ok: false, error: 'invalid_auth' });
    const identities = buildIdentities({ client: null as never, userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'marketing_dept' }, new Map());
    const department = departmentFixture();
    const threads = createAgentThreads({ store: { ingestHumanMessage: async () => ({ duplicate: true }) }, bus: { publish: async () => {} }, department, identities, logger: log });
    const ingest = { handleMessageEvent: async () => ({ status: 'dropped', why: 'test' }) as const };
    const slack = createSlackApp({ config, identities, ingest, department, threads, desk: testDesk(department), work: null as never, publications: null as never, followUps: noFollowUps, logger: log, health: async () => true });
    await expect(slack.start()).rejects.toThrow(/invalid_auth/);
    expect(open.isDone()).toBe(true);
    await slack.stop(); // nothing to stop: must not throw
    await new Promise((r) => setTimeout(r, 20));
    expect(await freePort(port)).toBe(port); // the /healthz server was closed again
  });
});

/** A port nobody listens on (or proof that `port` is free again). */

describe('Slack app in Socket Mode, with Postgres', () => {
  let t: TestDatabase;
  let wss: WebSocketServer;
  let socket: WebSocket | undefined;
  let slack: SlackApp | undefined;
  const acks: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const bus = new RecordingBus();
  let hold: Promise<void> = Promise.resolve();
  let entered = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((r) => wss.once('listening', r));
    const wsPort = (wss.address() as AddressInfo).port;
    wss.on('connection', (s) => {
      socket = s;
      s.on('message', (data) => acks.push(JSON.parse(String(data)).envelope_id));
      s.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'test' } }));
    });
    nock(SLACK).persist().post('/api/apps.connections.open').reply(200, { ok: true, url: `ws://127.0.0.1:${wsPort}/link` });
    nock(SLACK).post('/api/conversations.info').reply(200, { ok: true, channel: { id: 'C1', name: 'marketing-content', is_channel: true } });
    const logger = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const config = loadConfig({ PORT: String(await freePort()), SLACK_BOT_TOKEN: 'xoxb-main', SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: `${SLACK}/api/` });
    const client = createWebClient('xoxb-main', config, logger);
    const identities = buildIdentities({ client, userId: 'UAPP', botId: 'BAPP', teamId: 'T1', name: 'marketing_dept' }, new Map());
    const department = departmentFixture();
    const real = createIngest({ store: t.store, bus, department, identities, channels: createChannelDirectory(client, logger), logger });
    const ingest: Ingest = {
      async handleMessageEvent(event, meta) {
        entered++;
        await hold;
        return real.handleMessageEvent(event, meta);
      },
    };
    const threads = createAgentThreads({ store: t.store, bus, department, identities, logger });
    slack = createSlackApp({ config, identities, ingest, department, threads, desk: testDesk(department, t.store.db), work: new WorkStore(t.store.db), publications: new PublicationStore(t.store.db), followUps: noFollowUps, logger, health: async () => true });
    await slack.start();
    for (let i = 0; i < 200 && !socket; i++) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(async () => {
    await slack?.stop();
    for (const client of wss?.clients ?? []) client.terminate();
    await new Promise((r) => wss?.close(r));
    await t?.drop();
  });

  const rows = async (ts: string) => (await t.database.db.select().from(messages)).filter((m) => m.ts === ts);
  const deliver = (envelopeId: string, payload: unknown, retry = 0, type = 'events_api') =>
    socket!.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: false, retry_attempt: retry, retry_reason: retry ? 'timeout' : '', payload }));
  async function until(check: () => boolean | Promise<boolean>) {
    for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
    expect(await check()).toBe(true);
  }
  const event = (eventId: string, ts: string, text: string) => ({
    type: 'event_callback',
    team_id: 'T1',
    event_id: eventId,
    event: { type: 'app_mention', user: 'UHUMAN', text, ts, channel: 'C1', event_ts: ts },
  });

  it('acks an event once it is recorded', async () => {
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    deliver('env-1', event('EvS1', '500.1', '<@UAPP> @seo keywords?'));
    await until(() => entered === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(acks).not.toContain('env-1'); // ingest is held: no ack yet
    release();
    await until(() => acks.includes('env-1'));
    expect(await rows('500.1')).toHaveLength(1);
  });

  it('leaves an event it could not record unacknowledged; Slack\'s redelivery is recorded once', async () => {
    const payload = event('EvS2', '501.1', '<@UAPP> @seo what about the launch page?');
    await t.query('alter table slack_events rename to slack_events_away');
    try {
      deliver('env-2a', payload);
      await until(() => logs.some((l) => l.event_id === 'EvS2' && l.msg === 'slack event not recorded: left unacknowledged so Slack sends it again'));
    } finally {
      await t.query('alter table slack_events_away rename to slack_events');
    }
    expect(acks).not.toContain('env-2a');
    expect(await rows('501.1')).toEqual([]);
    deliver('env-2b', payload, 1);
    await until(() => acks.includes('env-2b'));
    expect(await rows('501.1')).toHaveLength(1);
    deliver('env-2c', payload, 2);
    await until(() => acks.includes('env-2c'));
    expect(await rows('501.1')).toHaveLength(1);
  });

  it('acks and logs envelopes it cannot handle, and keeps serving', async () => {
    // (An events_api envelope whose event is null never gets here: the Socket Mode client itself
    // reads payload.event.type first. Slack's socket server does not send one.)
    deliver('env-3a', { type: 'event_callback', event_id: 'EvS3', event: { type: 'app_home_opened', channel: 42 } });
    deliver('env-3b', null, 0, 'interactive');
    deliver('env-3c', { type: 'block_actions', actions: [] }, 0, 'interactive');
    await until(() => ['env-3a', 'env-3b', 'env-3c'].every((id) => acks.includes(id)));
    expect(logs.filter((l) => l.msg === 'slack envelope not processed (acked so Slack does not resend it)')).toHaveLength(3);
    deliver('env-3d', event('EvS4', '502.1', '<@UAPP> @seo still there?'));
    await until(() => acks.includes('env-3d'));
    expect(await rows('502.1')).toHaveLength(1);
  });
});
