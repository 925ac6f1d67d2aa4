import nock from 'nock';
import { freePort } from '../../../src/lib/free-port.js';
import { createAgentThreads } from '../../../src/slack/start-agent-thread.js';
import { departmentFixture } from '../../support/department-fixture.js';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.js';
import { createSlackApp } from '../../../src/slack/app.js';
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
    const slack = createSlackApp({ config, identities, ingest, department, threads, logger: log, health: async () => true });
    await expect(slack.start()).rejects.toThrow(/invalid_auth/);
    expect(open.isDone()).toBe(true);
    await slack.stop(); // nothing to stop: must not throw
    await new Promise((r) => setTimeout(r, 20));
    expect(await freePort(port)).toBe(port); // the /healthz server was closed again
  });
});

/** A port nobody listens on (or proof that `port` is free again). */
