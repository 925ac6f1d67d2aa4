import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';
import { startSlackApiServer } from '../../support/slack-api-server.js';
import { hostPort, startTcpProxy, viaProxy } from '../../support/tcp-proxy.js';
import { testConfig } from '../../support/test-config.js';

/**
 * The department with Postgres and Redis reached through TCP proxies the test can cut: an outage
 * of either is reported by /healthz and logged in plain lines, the process lives through it, and
 * both it and the department's answers come back by themselves.
 */
const SECRET = 'never-down-secret';
const APP_USER = 'U0APP';
const streams = testStreams('never-down');
const lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
let t: TestDatabase;
let slackApi: Awaited<ReturnType<typeof startSlackApiServer>>;
let pgProxy: Awaited<ReturnType<typeof startTcpProxy>>;
let redisProxy: Awaited<ReturnType<typeof startTcpProxy>>;
let app: App;

const healthz = async () => (await fetch(`http://127.0.0.1:${app.port()}/healthz`)).status;
const logged = (prefix: string) => lines.filter((l) => String(l.msg).startsWith(prefix));

async function answered(text: string): Promise<void> {
  const before = slackApi.posts.length;
  const event = appMention(APP_USER, text);
  expect((await sendSigned(app.port(), SECRET, event)).status).toBe(200);
  await until(() => slackApi.posts.slice(before).some((p) => p.thread_ts === event.event.ts), `an answer to "${text}"`, 20_000);
}

beforeAll(async () => {
  t = await createTestDatabase();
  slackApi = await startSlackApiServer({ botUserId: APP_USER });
  pgProxy = await startTcpProxy(hostPort(t.url));
  redisProxy = await startTcpProxy(hostPort(TEST_REDIS_URL));
  const config = testConfig({
    PORT: '0',
    DATABASE_URL: viaProxy(t.url, pgProxy.port),
    REDIS_URL: viaProxy(TEST_REDIS_URL, redisProxy.port),
    REDIS_STREAM: streams.next(),
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApi.url,
    SHUTDOWN_GRACE_SECONDS: '2',
  });
  app = await buildApp(config, { logger });
});
afterAll(async () => {
  await app?.stop();
  await pgProxy?.close();
  await redisProxy?.close();
  await slackApi?.close();
  await t?.drop();
  await streams.cleanUp();
});

describe('never down from a dependency', () => {
  it('/healthz answers 503 while Postgres is unreachable and 200 once it is back; the department answers again', async () => {
    expect(await healthz()).toBe(200);
    await answered('seo which keywords should we target?');

    await pgProxy.cut();
    await until(async () => (await healthz()) === 503, '/healthz to report the outage');
    expect(logged('unhealthy')).toEqual([expect.objectContaining({ down: ['database'] })]);
    expect(logged('database connection lost').length).toBeGreaterThanOrEqual(1);

    await pgProxy.restore();
    await until(async () => (await healthz()) === 200, '/healthz to recover by itself');
    expect(logged('healthy again')).toHaveLength(1);
    await answered('seo and which ones for the follow-up?');
  });

  it('a Redis outage is logged as plain, rate-limited lines (no raw stacks), reported by /healthz, and recovered from', async () => {
    const consoleError = vi.spyOn(console, 'error');
    lines.length = 0;
    await redisProxy.cut();
    await until(async () => (await healthz()) === 503, '/healthz to report the outage');
    expect(logged('unhealthy')).toEqual([expect.objectContaining({ down: ['bus'] })]);
    // Reconnect attempts fail every few hundred ms; the log gets the first and then one per interval.
    await until(() => logged('redis connection lost').length >= 1, 'the lost connection to be logged');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(logged('redis connection lost')).toHaveLength(1);
    expect(logged('redis connection lost')[0]).toMatchObject({ level: 40, component: 'redis', code: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET)$/) });

    await redisProxy.restore();
    await until(async () => (await healthz()) === 200, '/healthz to recover by itself', 20_000);
    await answered('seo one more question after the outage');
    const rawStacks = consoleError.mock.calls.filter((args) => args.some((a) => String(a).includes('Unhandled error event')));
    expect(rawStacks).toEqual([]);
    consoleError.mockRestore();
  });
});
