import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../src/build-app.js';
import { loadConfig } from '../../../src/config/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TEST_REDIS_URL, testStreams } from '../../support/services.js';
import { appMention, sendSigned, until } from '../../support/signed-events.js';
import { startSlackApiServer } from '../../support/slack-api-server.js';

/**
 * `npm start` with Postgres and Redis: the process answers Slack and forks worker processes of
 * src/main.ts (ROLE=worker) that run the turns. A worker killed outright is forked again.
 */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/main.ts');
const SECRET = 'supervisor-signing-secret';
const APP_USER = 'U0APP';
const streams = testStreams('supervisor');
const lines: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
let t: TestDatabase;
let slackApi: Awaited<ReturnType<typeof startSlackApiServer>>;
let app: App | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  t = await createTestDatabase();
  slackApi = await startSlackApiServer({ botUserId: APP_USER });
});
afterAll(async () => {
  await app?.stop();
  await slackApi?.close();
  await t?.drop();
  await streams.cleanUp();
});

describe('ROLE=all with WORKERS', () => {
  it('restarts a worker killed with SIGKILL, answers through it, and stops it on shutdown', async () => {
    const env = {
      PATH: process.env.PATH,
      PORT: '0',
      WORKERS: '1',
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_STREAM: streams.next(),
      SLACK_BOT_TOKEN: 'xoxb-main',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slackApi.url,
      SHUTDOWN_GRACE_SECONDS: '2',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    };
    app = await buildApp(loadConfig(env), { logger, workerLaunch: { modulePath: MAIN, execArgv: ['--import', 'tsx'], env } });
    const [first] = app.workers!.pids();
    expect(first).toBeGreaterThan(0);
    expect(first).not.toBe(process.pid);

    process.kill(first!, 'SIGKILL');
    // Sent while the only worker is down: recorded and published, answered by its replacement.
    const event = appMention(APP_USER, 'seo which keywords should our AI cost post target?');
    expect((await sendSigned(app.port(), SECRET, event)).status).toBe(200);
    await until(() => app!.workers!.restarts() === 1 && app!.workers!.pids().length === 1, 'the worker to be forked again');
    const [second] = app.workers!.pids();
    expect(second).not.toBe(first);
    expect(lines.find((l) => l.msg === 'worker process exited unexpectedly; restarting it')).toMatchObject({ pid: first, signal: 'SIGKILL' });

    await until(() => slackApi.posts.length >= 1, 'the restarted worker to answer', 60_000);
    expect(slackApi.posts[0]).toMatchObject({ thread_ts: event.event.ts, username: 'SEO Specialist' });

    await app.stop();
    app = undefined;
    expect(alive(second!)).toBe(false);
    expect(lines.find((l) => l.msg === 'worker process stopped')).toMatchObject({ pid: second, code: 0 });
  }, 90_000); // forking a worker boots the program again (tsx compiles it): slow on a busy 2-core machine
});
