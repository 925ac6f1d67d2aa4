import { noFollowUps, testDesk } from '../../support/approval-desk.js';
import { WorkStore } from '../../../src/store/work-store.js';
import { PublicationStore } from '../../../src/store/publication-store.js';
import nock from 'nock';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config/config.js';
import { slackSignatureHeaders } from '../../../src/lib/slack-signature.js';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.js';
import { createChannelDirectory, type ChannelDirectory } from '../../../src/slack/channel-directory.js';
import { resolveIdentities } from '../../../src/slack/identities.js';
import { createIngest, type EventMeta, type Ingest, type IngestOutcome } from '../../../src/slack/ingest.js';
import { createAgentThreads } from '../../../src/slack/start-agent-thread.js';
import { deliveries, messages, slackEvents } from '../../../src/store/schema.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { RecordingBus } from '../../support/recording-bus.js';
import { formBody } from '../../unit/slack/slack-api.js';

export const SECRET = 'test-signing-secret';
export const SLACK = 'http://slack.test';

export type LogLine = Record<string, unknown> & { msg: string; level: number };

/**
 * The real Slack app over HTTP on a free port, with the real ingest and Postgres, a bus that
 * records what is published, Slack's Web API answered by nock, and every log line kept.
 */
export interface EdgeHarness {
  t: TestDatabase;
  slack: SlackApp;
  base: string;
  bus: RecordingBus;
  channels: ChannelDirectory;
  /** Every call into ingest (before it runs), and what it returned when it did not throw. */
  calls: EventMeta[];
  outcomes: IngestOutcome[];
  logs: LogLine[];
  /** While set, ingest waits for it before doing anything. */
  hold: Promise<void> | undefined;
  healthy: boolean;
  counts(): Promise<{ events: number; messages: number; deliveries: number }>;
  stop(): Promise<void>;
}

export async function startEdgeHarness(): Promise<EdgeHarness> {
  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith('127.0.0.1'));
  nock(SLACK).post('/api/auth.test').matchHeader('authorization', 'Bearer xoxb-main')
    .reply(200, { ok: true, user: 'marketing_dept', user_id: 'UAPP', bot_id: 'BAPP', team_id: 'T1' });
  nock(SLACK).post('/api/auth.test').matchHeader('authorization', 'Bearer xoxb-copy')
    .reply(200, { ok: true, user: 'copywriter', user_id: 'UCOPY', bot_id: 'BCOPY', team_id: 'T1' });
  nock(SLACK).post('/api/conversations.info', (b) => formBody(b).channel === 'C1')
    .reply(200, { ok: true, channel: { id: 'C1', name: 'marketing-content', is_channel: true, is_private: false } });

  const logs: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  const t = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${SLACK}/api/`,
    SLACK_AGENT_TOKENS: JSON.stringify({ copywriter: 'xoxb-copy' }),
  });
  const department = departmentFixture();
  const identities = await resolveIdentities(config, department, log);
  const bus = new RecordingBus();
  const channels = createChannelDirectory(identities.main.client, log);
  const real = createIngest({ store: t.store, bus, department, identities, channels, logger: log });
  const h: EdgeHarness = {
    t,
    slack: undefined as unknown as SlackApp,
    base: '',
    bus,
    channels,
    calls: [],
    outcomes: [],
    logs,
    hold: undefined,
    healthy: true,
    counts: async () => ({
      events: (await t.database.db.select().from(slackEvents)).length,
      messages: (await t.database.db.select().from(messages)).length,
      deliveries: (await t.database.db.select().from(deliveries)).length,
    }),
    async stop() {
      await h.slack?.stop();
      await t.drop();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
  const ingest: Ingest = {
    async handleMessageEvent(event, meta) {
      h.calls.push(meta);
      if (h.hold) await h.hold;
      const outcome = await real.handleMessageEvent(event, meta);
      h.outcomes.push(outcome);
      return outcome;
    },
  };
  const threads = createAgentThreads({ store: t.store, bus, department, identities, logger: log });
  h.slack = createSlackApp({ config, identities, ingest, department, threads, desk: testDesk(department, t.store.db), work: new WorkStore(t.store.db), publications: new PublicationStore(t.store.db), followUps: noFollowUps, logger: log, health: async () => h.healthy });
  await h.slack.start();
  h.base = `http://127.0.0.1:${h.slack.port()}`;
  return h;
}

export const sign = (body: string, ts?: number) => slackSignatureHeaders(SECRET, body, ts);

/** A POST to /slack/events, signed unless `signature` says otherwise. */
export async function send(
  h: Pick<EdgeHarness, 'base'>,
  payload: unknown,
  opts: { headers?: Record<string, string>; raw?: string; form?: boolean; signature?: Record<string, string> } = {},
) {
  const body = opts.raw ?? (opts.form ? new URLSearchParams(payload as Record<string, string>).toString() : JSON.stringify(payload));
  const res = await fetch(`${h.base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...(opts.signature ?? sign(body)),
      ...opts.headers,
    },
    body,
  });
  return { status: res.status, text: await res.text() };
}

export const retry = (n: number) => ({ headers: { 'x-slack-retry-num': String(n), 'x-slack-retry-reason': 'http_error' } });

export const envelope = (eventId: string, event: unknown) => ({
  token: 'legacy',
  team_id: 'T1',
  api_app_id: 'A1',
  type: 'event_callback',
  event_id: eventId,
  event_time: 1_700_000_000,
  authorizations: [{ team_id: 'T1', user_id: 'UAPP', is_bot: true }],
  event,
});
export const mention = (ts: string, text: string, over: Record<string, unknown> = {}) => ({ type: 'app_mention', user: 'UHUMAN', text, ts, channel: 'C1', event_ts: ts, ...over });
export const message = (ts: string, text: string, over: Record<string, unknown> = {}) => ({ type: 'message', user: 'UHUMAN', text, ts, channel: 'C1', channel_type: 'channel', event_ts: ts, ...over });
