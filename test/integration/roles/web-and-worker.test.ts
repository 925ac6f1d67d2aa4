import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { freePort } from '../../../src/lib/free-port.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';
import { startSlackApiServer } from '../../support/slack-api-server.js';
import { testConfig } from '../../support/test-config.js';

/**
 * Production's split: a ROLE=web process verifies, records and publishes; a ROLE=worker process
 * runs the turn and posts the answer. Real Postgres and Redis; Slack's Web API is a local server.
 */
const SECRET = 'roles-signing-secret';
const APP_USER = 'U0APP';
const streams = testStreams('roles');
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let t: TestDatabase;
let slackApi: Awaited<ReturnType<typeof startSlackApiServer>>;
let redis: Redis;
const apps: App[] = [];

function start(role: 'web' | 'worker', stream: string, extra: Record<string, string> = {}): Promise<App> {
  const config = testConfig({
    ROLE: role,
    PORT: '0',
    DATABASE_URL: t.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_STREAM: stream,
    SLACK_BOT_TOKEN: 'xoxb-main',
    SLACK_SIGNING_SECRET: role === 'web' ? SECRET : '',
    SLACK_API_URL: slackApi.url,
    SHUTDOWN_GRACE_SECONDS: '2',
    ...extra,
  });
  return buildApp(config, { logger }).then((app) => {
    apps.push(app);
    return app;
  });
}

async function deliveryStatuses(): Promise<string[]> {
  return (await t.query<{ status: string }>('select status from deliveries order by created_at')).rows.map((r) => r.status);
}

beforeAll(async () => {
  t = await createTestDatabase();
  slackApi = await startSlackApiServer({ botUserId: APP_USER });
  redis = new Redis(TEST_REDIS_URL);
});
afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.stop();
});
afterAll(async () => {
  redis?.disconnect();
  await slackApi?.close();
  await t?.drop();
  await streams.cleanUp();
});

describe('ROLE=web beside ROLE=worker', () => {
  it('the web process records and publishes a signed mention; only the worker runs the turn and answers', async () => {
    const stream = streams.next();
    const web = await start('web', stream);
    const event = appMention(APP_USER, 'seo which keywords should our AI cost post target?');
    expect((await sendSigned(web.port(), SECRET, event)).status).toBe(200);

    // Recorded and published, and nobody in the web process reads the stream: no consumer in its group.
    await until(async () => (await redis.xlen(stream)) === 1, 'the delivery on the stream');
    await until(async () => (await deliveryStatuses()).length === 1, 'the delivery row');
    expect(await redis.xinfo('CONSUMERS', stream, 'workers')).toEqual([]);
    expect(await deliveryStatuses()).toEqual(['pending']);
    expect(slackApi.posts).toHaveLength(0);

    // A worker opens no endpoint, even on the PORT it was given, and answers through the bus.
    const workerPort = await freePort();
    const worker = await start('worker', stream, { PORT: String(workerPort) });
    expect(worker.port()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${workerPort}/healthz`)).rejects.toThrow();
    await until(() => slackApi.posts.length >= 1, 'the worker to post the answer');
    await until(async () => (await deliveryStatuses())[0] === 'done', 'the delivery to be done');
    expect(slackApi.posts).toHaveLength(1);
    expect(slackApi.posts[0]).toMatchObject({ token: 'xoxb-main', channel: 'C0CONTENT', thread_ts: event.event.ts, username: 'SEO Specialist' });
    expect((slackApi.posts[0]!.metadata as { event_type: string }).event_type).toBe('dept_agent_message');
  });

  it('a worker with a rejected bot token stops start-up with a message naming SLACK_BOT_TOKEN', async () => {
    const rejecting = await startSlackApiServer({ botUserId: APP_USER });
    try {
      const config = testConfig({
        ROLE: 'worker',
        DATABASE_URL: t.url,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_STREAM: streams.next(),
        SLACK_BOT_TOKEN: 'xoxb-main',
        SLACK_API_URL: rejecting.url.replace('/api/', '/nowhere/'),
      });
      await expect(buildApp(config, { logger })).rejects.toThrow(/SLACK_BOT_TOKEN/);
    } finally {
      await rejecting.close();
    }
  });
});
